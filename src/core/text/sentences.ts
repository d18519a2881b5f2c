/** Text put together from pieces (server messages, knowledge entries) that may or may not end in a full stop. */

/** The text, trimmed, ending in exactly one sentence mark: "Done" and "Done." both give "Done.". */
export function asSentence(text: string): string {
  const trimmed = text.trim().replace(/\.+$/, '.');
  return /[.!?…]$/.test(trimmed) || trimmed === '' ? trimmed : `${trimmed}.`;
}

/** Runs of spaces and tabs made one space, no leading or trailing space; line breaks are kept. */
export function singleSpaced(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]{2,}/g, ' ').trim())
    .join('\n');
}
