import { AnswerHints } from './explainAnswer';
import { parseHttpFile } from './parseHttpFile';
import { resolveRequestContext } from './requestContext';

/**
 * A JetBrains HTTP Client response reference, `<> 2025-01-01T101010.401.json` under a request: the file the client
 * saved that request's answer to.
 */
export interface ResponseReference {
  /** Zero-based line of the `<>` line. */
  readonly line: number;
  /** Columns of the file name in that line. */
  readonly start: number;
  readonly end: number;
  /** The file name as written (relative to the `.http` file unless absolute). */
  readonly path: string;
  /** What the request above says about the answer. */
  readonly hints: AnswerHints;
}

const REFERENCE_LINE = /^(\s*<>\s+)(\S(?:.*\S)?)\s*$/;
/** JetBrains names saved answers `<timestamp>.<status>.<ext>`, with a `[n]` counter when a name repeats. */
const STATUS_IN_NAME = /\.([1-5]\d\d)(?:\[\d+\])?\.[A-Za-z0-9]+$/;

/** The response references of a `.http` text, each with the hints its request gives. */
export function findResponseReferences(text: string): ResponseReference[] {
  if (text.indexOf('<>') < 0) {
    return [];
  }
  const file = parseHttpFile(text);
  const out: ResponseReference[] = [];
  for (const block of file.blocks) {
    const request = block.request;
    if (!request) {
      continue;
    }
    let hints: AnswerHints | undefined;
    for (let line = request.line + 1; line <= block.endLine && line < file.lines.lineCount; line++) {
      const content = text.slice(file.lines.starts[line], file.lines.ends[line]);
      const match = REFERENCE_LINE.exec(content);
      if (!match || match[2].startsWith('{%')) {
        continue;
      }
      hints ??= requestHints(file, request);
      const start = match[1].length;
      out.push({ line, start, end: start + match[2].length, path: match[2], hints });
    }
  }
  return out;
}

/** The status a saved answer's name carries (`….401.json`), if any. */
export function statusFromReferenceName(path: string): number | undefined {
  const match = STATUS_IN_NAME.exec(path);
  return match ? Number(match[1]) : undefined;
}

function requestHints(
  file: ReturnType<typeof parseHttpFile>,
  request: NonNullable<ReturnType<typeof parseHttpFile>['blocks'][number]['request']>,
): AnswerHints {
  const ctx = resolveRequestContext(file, request);
  const url = ctx.resolvedUrl;
  const grantType = ctx.grantType;
  return {
    // A URL that still holds a variable names no endpoint; left out, the answer is explained without it.
    url: url && /^[^\s{}]+$/.test(url) ? url : undefined,
    grantType: grantType && /^[A-Za-z0-9_.:~/-]{1,200}$/.test(grantType) ? grantType : undefined,
    method: /^[A-Za-z]{1,20}$/.test(request.method) ? request.method : undefined,
  };
}
