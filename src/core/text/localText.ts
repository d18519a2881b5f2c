import { english, type Translate } from './translate';

/**
 * A sentence core builds before it knows the user's language: the English message with `{0}`, `{1}` … placeholders
 * and the values for them. Errors and findings carry one and whoever shows it renders it with its own text port, so
 * the engine and the linter need no `Translate` of their own. A value may itself be a `LocalText` (a phrase such as
 * "token endpoint" inside a sentence), rendered in the same language.
 *
 * Build one only with {@link localText} and a string literal: `node scripts/l10n.mjs` collects those calls into the
 * l10n bundle, as it does the calls of the `Translate` port.
 */
export interface LocalText {
  readonly message: string;
  readonly args: readonly LocalTextArg[];
}

export type LocalTextArg = string | number | LocalText;

/** A {@link LocalText} of `message` and its placeholder values. */
export function localText(message: string, ...args: LocalTextArg[]): LocalText {
  return { message, args };
}

/** The text in the language of `translate` (English when none is given), placeholder values rendered first. */
export function renderText(text: LocalText, translate: Translate = english): string {
  if (text.args.length === 0) {
    return translate(text.message);
  }
  const args = text.args.map((a) => (typeof a === 'object' ? renderText(a, translate) : a));
  return translate(text.message, ...args);
}

/** Whether `value` is a {@link LocalText} (for fields that hold one or a plain string). */
export function isLocalText(value: unknown): value is LocalText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LocalText).message === 'string' &&
    Array.isArray((value as LocalText).args)
  );
}

/** A sentence for the user: a {@link LocalText}, or a plain string shown as it is in every language. */
export type UserText = string | LocalText;

/** `value` as a {@link LocalText}; a plain string becomes one that renders unchanged in every language. */
export function asLocalText(value: UserText): LocalText {
  return isLocalText(value) ? value : { message: '{0}', args: [value] };
}
