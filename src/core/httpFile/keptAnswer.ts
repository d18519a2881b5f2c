import { redactSecrets } from '../oauth/redactSecrets';
import { LineIndex } from './lineIndex';

/** An insertion into a `.http` text. */
export interface KeptAnswerEdit {
  /** Offset where {@link text} goes: the start of the request line. */
  readonly offset: number;
  readonly text: string;
}

/** The first line of a kept answer; also how a kept answer is recognised. */
export const KEPT_ANSWER_HEADING = '# Answer kept';

/**
 * Keeps an answer with its request as comment lines directly above the request line, so that REST Client, httpYac and
 * JetBrains' HTTP Client send exactly what they sent before:
 * - all three read lines starting with `#` before the request line as comments, and none of them reads a comment as
 *   part of the request (after the request line REST Client would send them as body, so they never go there);
 * - a kept line never starts a separator (`###`) or a metadata comment (`# @name`, `# @no-log`): an answer line
 *   whose text starts with `@` is kept behind a `~`;
 * - secrets and tokens in the answer are masked first, with the same redaction as the log.
 *
 * The linter reads the comment run with the request below it as context, so the kept answer is explained as it would be
 * under the request. `keptAt` is written into the heading (an ISO date and time).
 */
export function keepAnswerEdit(
  httpText: string,
  requestLine: number,
  answer: string,
  keptAt: string,
  secrets: Iterable<string> = [],
): KeptAnswerEdit {
  const lines = new LineIndex(httpText);
  if (requestLine < 0 || requestLine >= lines.lineCount) {
    throw new RangeError(`No line ${requestLine + 1} in the document.`);
  }
  const eol = httpText.includes('\r\n') ? '\r\n' : '\n';
  const masked = redactSecrets(answer.replace(/^\uFEFF/, ''), secrets);
  const own = new LineIndex(masked);
  const kept: string[] = [`${KEPT_ANSWER_HEADING} ${keptAt}; comments above a request are not sent.`];
  let last = own.lineCount - 1;
  while (last >= 0 && masked.slice(own.starts[last], own.ends[last]).trim() === '') {
    last--;
  }
  for (let i = 0; i <= last; i++) {
    const line = masked.slice(own.starts[i], own.ends[i]).replace(/\s+$/, '');
    kept.push(line === '' ? '#' : `# ${/^\s*@/.test(line) ? '~' : ''}${line}`);
  }
  return { offset: lines.starts[requestLine], text: kept.join(eol) + eol };
}

/** `text` with the edit applied. */
export function applyKeptAnswer(text: string, edit: KeptAnswerEdit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset);
}
