/**
 * What makes a fix a step the user can take now: every failure message ends with one. A fix must start with an
 * imperative verb that names an act (open, run, copy, send…), not a vague one (check, make sure), and must not
 * restate a cause. The catalog test walks every entry with {@link fixFault}; the error boundary picks the first fix
 * that passes with {@link actionableFix}.
 */
import { localText, renderText } from '../text/localText';
import { english, type Translate } from '../text/translate';

/**
 * Verbs a fix may start with: each names something the user does in the editor, a terminal, the provider's portal or
 * the request. Deliberately absent: "check", "verify", "ensure", "make sure", "look" (they say where to look, not what
 * to do), "try" and "consider" (no step at all), and anything that is not a verb ("The…", "For…").
 */
export const FIX_VERBS: ReadonlySet<string> = new Set([
  'add',
  'ask',
  'assign',
  'authenticate',
  'close',
  'compare',
  'copy',
  'create',
  'edit',
  'encode',
  'enable',
  'enter',
  'exchange',
  'format',
  'get',
  'keep',
  'let',
  'move',
  'narrow',
  'obtain',
  'open',
  'pair',
  'paste',
  'post',
  'present',
  'read',
  'rebuild',
  'refresh',
  'register',
  'remove',
  'renew',
  'replace',
  'report',
  'request',
  'reset',
  'retry',
  'revoke',
  'run',
  'send',
  'set',
  'sign',
  'start',
  'stop',
  'subscribe',
  'use',
  'wait',
]);

/** Why a fix is not a step the user can take now, or `undefined` when it is one. */
export function fixFault(fix: string | undefined, causes: readonly string[]): string | undefined {
  const text = (fix ?? '').trim();
  if (text === '') {
    return 'the fix is empty';
  }
  const verb = /^[A-Za-z]+/.exec(text)?.[0].toLowerCase();
  if (verb === undefined || !FIX_VERBS.has(verb)) {
    return `the fix starts with "${text.split(/\s+/)[0]}", not with a verb from FIX_VERBS`;
  }
  const words = contentWords(text);
  for (const cause of causes) {
    const causeText = normalized(cause);
    if (causeText !== '' && (normalized(text).includes(causeText) || causeText.includes(normalized(text)))) {
      return 'the fix repeats a cause';
    }
    const causeWords = contentWords(cause);
    const shared = [...words].filter((word) => causeWords.has(word)).length;
    // Most of the fix's own words come from a cause: it retells the cause with a verb in front.
    if (words.size > 0 && shared / words.size > 0.75) {
      return 'the fix mostly retells a cause';
    }
  }
  return undefined;
}

/** The first candidate that passes {@link fixFault}, or `undefined`. */
export function actionableFix(
  candidates: readonly (string | undefined)[],
  causes: readonly string[],
): string | undefined {
  return candidates.find((fix) => fix !== undefined && fixFault(fix, causes) === undefined);
}

const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'if',
  'in',
  'is',
  'it',
  'its',
  'of',
  'on',
  'or',
  'the',
  'this',
  'to',
  'was',
  'with',
]);

function normalized(text: string): string {
  return text
    .toLowerCase()
    .replace(/[`*“”"'’.,;:()]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function contentWords(text: string): Set<string> {
  return new Set(
    normalized(text)
      .split(' ')
      .slice(1)
      .filter((word) => word.length > 2 && !STOP_WORDS.has(word)),
  );
}

/** The step a notification ends with when neither the error nor its catalog entry offers one that passes. */
export const FALLBACK_FIX_TEXT = localText(
  'Open the log (Show Log) to see the full answer and the request that was sent.',
);

/** {@link FALLBACK_FIX_TEXT} in English, as the checks and the CLI read it. */
export const FALLBACK_FIX = renderText(FALLBACK_FIX_TEXT);

/**
 * The fix a failure notification ends with: the error's own fix when it is a step, else the first of its catalog
 * entry's fixes that is, else {@link FALLBACK_FIX}. `causes` are the sentences the notification already says (the
 * error message, the likely cause): a fix that retells one of them is skipped.
 */
export function fixForNotification(
  errorFix: string | undefined,
  entryFixes: readonly string[],
  causes: readonly string[],
): string {
  return actionableFix([errorFix, ...entryFixes], causes) ?? FALLBACK_FIX;
}

/** A catalog entry's fixes in English, as the checks read them, and as the user reads them, in the same order. */
export interface EntryFixes {
  readonly english: readonly string[];
  readonly shown: readonly string[];
}

/**
 * {@link fixForNotification} for a notification in the user's language. The checks read English: the error's own fix
 * (`own.english`), the catalog entry's fixes (`entryFixes.english`, or the list itself when it is in English) and the
 * `causes`. What is shown is the chosen fix in the user's language: the error's own rendered (`own.shown`), the
 * entry's as the translated catalog words it, or the fallback through `translate`.
 */
export function fixToShow(
  own: { readonly english: string; readonly shown: string } | undefined,
  entryFixes: EntryFixes | readonly string[],
  causes: readonly string[],
  translate: Translate = english,
): string {
  const fixes: EntryFixes = isEntryFixes(entryFixes)
    ? entryFixes
    : { english: entryFixes, shown: entryFixes };
  const chosen = fixForNotification(own?.english, fixes.english, causes);
  if (own !== undefined && chosen === own.english) {
    return own.shown;
  }
  if (chosen === FALLBACK_FIX) {
    return renderText(FALLBACK_FIX_TEXT, translate);
  }
  return fixes.shown[fixes.english.indexOf(chosen)] ?? chosen;
}

function isEntryFixes(fixes: EntryFixes | readonly string[]): fixes is EntryFixes {
  return !Array.isArray(fixes);
}
