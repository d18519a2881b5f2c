/**
 * Putting text that is not ours (labels, ids, server messages) into Markdown: as inert text, or as a code span.
 * Inside a code span Markdown shows backslashes literally, so the two must not be mixed up.
 */

/** Text with every character Markdown could read as syntax escaped. */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');
}

/** A code span that shows `text` exactly: no escapes inside, a longer fence when the text holds backticks. */
export function markdownCodeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || longestRun > 0 ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
