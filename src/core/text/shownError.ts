import { isLocalText, renderText } from './localText';
import { english, type Translate } from './translate';

/** What a UI shows of an error: its message and fix in the user's language, next to their English. */
export interface ShownError {
  readonly message: string;
  readonly fix?: string;
  /** The message in English: what the log says, and what the knowledge base's sentence checks compare. */
  readonly englishMessage: string;
  /** The fix in English, for the same checks. */
  readonly englishFix?: string;
}

/**
 * An error's message and fix rendered with `translate`: from the `text` and `fixText` sentences an engine error
 * carries, else its plain `message` and `fix` as they are. `undefined` for anything that is not an `Error` with a
 * message (the caller says something general instead).
 */
export function shownError(err: unknown, translate: Translate = english): ShownError | undefined {
  if (!(err instanceof Error) || !err.message) {
    return undefined;
  }
  const { text, fix, fixText } = err as { text?: unknown; fix?: unknown; fixText?: unknown };
  const englishFix = typeof fix === 'string' && fix !== '' ? fix : undefined;
  return {
    message: isLocalText(text) ? renderText(text, translate) : err.message,
    englishMessage: err.message,
    fix:
      englishFix === undefined
        ? undefined
        : isLocalText(fixText)
          ? renderText(fixText, translate)
          : englishFix,
    englishFix,
  };
}
