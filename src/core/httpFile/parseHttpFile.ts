import {
  AMP,
  AT,
  GT,
  HASH,
  LT,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUESTION,
  QUOTE,
  SLASH,
  UPPER_H,
  firstNonBlank,
  indexInLine,
  isBlank,
  trimmedEnd,
} from './charCodes';
import { HeaderSection, HeaderTable, HttpHeaders, NO_HEADERS } from './httpHeaders';
import { NOT_SEARCHED, atName, requestLine, statusLine, variableLine } from './httpLines';
import { LineIndex } from './lineIndex';
import { SourceText } from './sourceText';

export { HttpHeader, HttpHeaders } from './httpHeaders';
export { urlBracesAt, urlQueryAt } from './httpLines';

/** A request as written: request line, headers and body, `{{…}}` variables left as text. */
export interface HttpRequest {
  readonly method: string;
  readonly line: number;
  /** The URL, including query continuation lines (`?a=1`, `&b=2`) that REST Client allows below the request line. */
  readonly url: SourceText;
  headers: HttpHeaders;
  body: SourceText | undefined;
  /** The body comes from a file (`< ./body.json`), so its parameters are unknown. */
  externalBody: boolean;
  /** Offset just after the request line or the last header: where a new header line goes. */
  headerInsertOffset: number;
  /**
   * Where `url.text` has its first `?` and its first `{{` (-1 for none), or {@link NOT_SEARCHED}: several checks of
   * every request ask, so each is searched for once. Read them through {@link urlQueryAt} and {@link urlBracesAt}.
   */
  queryAt: number;
  bracesAt: number;
}

/** A recorded response: status line, headers and body, written out or pasted after a request. */
export interface HttpResponse {
  readonly status: number;
  readonly line: number;
  /** Offsets of the status line's text (from `HTTP/` to the end of the reason phrase). */
  readonly statusStart: number;
  readonly statusEnd: number;
  headers: HttpHeaders;
  body: SourceText | undefined;
}

/** Consecutive `#` or `//` comment lines, their contents joined so a payload pasted across lines reads whole. */
export interface CommentRun {
  readonly text: SourceText;
  /** Status lines (`# HTTP/1.1 400 Bad Request`) inside the run, by their offset in `text`. */
  readonly statuses: { readonly at: number; readonly status: number }[];
}

/** The text between two `###` separators. */
export interface HttpBlock {
  readonly startLine: number;
  endLine: number;
  name: string | undefined;
  request: HttpRequest | undefined;
  responses: HttpResponse[];
  comments: CommentRun[];
  /** JSON written without a request line (a payload pasted on its own). */
  payloads: SourceText[];
  /** The `@name = value` lines of this block, in order (a name may come twice). */
  variables: (readonly [name: string, value: string])[];
}

/** A parsed `.http` document. */
export interface HttpFile {
  readonly text: string;
  readonly lines: LineIndex;
  readonly blocks: HttpBlock[];
  /** File variables (`@name = value`); the last definition wins. */
  readonly variables: ReadonlyMap<string, string>;
}

/** What the lines being read belong to. */
type State = 'preamble' | 'requestHeaders' | 'requestBody' | 'responseHeaders' | 'responseBody' | 'payload';

/**
 * Reads REST Client, httpYac and JetBrains `.http` syntax in one pass over the lines. Tolerant by design: anything it
 * does not recognise is skipped, it never throws, and its cost is linear in the size of the text.
 */
export function parseHttpFile(text: string): HttpFile {
  return readHttpFile(text, (block, file) => file.blocks.push(block));
}

/**
 * {@link parseHttpFile} that hands each block to `onBlock` as soon as its last line is read, and keeps none: a caller
 * that is done with a block when `onBlock` returns lets it die young. The file passed along has the whole line index
 * and the variables defined so far (`blocks` stays empty unless `onBlock` fills it).
 */
export function readHttpFile(text: string, onBlock: (block: HttpBlock, file: HttpFile) => void): HttpFile {
  const lines = new LineIndex(text);
  const variables = new Map<string, string>();
  const file: HttpFile = { text, lines, blocks: [], variables };
  const headers = new HeaderSection(new HeaderTable(text));
  // Everything a line reads or changes stays in locals of this loop, and the steps below take and return it: the
  // loop runs once per line, and fields of a reader object cost a store and a load on every line (docs/benchmarks.md).
  let block = newBlock(0);
  let state: State = 'preamble';
  /** The response whose headers or body are being read. */
  let response: HttpResponse | undefined;
  /** The comment run the last line belonged to. */
  let comment: CommentRun | undefined;
  /** The last line added to a body, so that a body with a blank line inside keeps it. */
  let lastBodyLine = -2;
  /** Inside a JetBrains handler or pre-request script (`{% … %}`) that goes on over lines. */
  let inHandler = false;
  /** Inside an httpYac `{{ … }}` script in the preamble that goes on over lines. */
  let inScript = false;
  // The lines come from the index, found beforehand in a walk of their own, so the line-break rules live in one place.
  const lineCount = lines.lineCount;
  const starts = lines.starts;
  const ends = lines.ends;
  for (let line = 0; line < lineCount; line++) {
    const start = starts[line];
    const end = ends[line];
    const first = firstNonBlank(text, start, end);
    // Not read past the end of the text (an empty last line): the engine would stop inlining this read for good.
    const c0 = first < end ? text.charCodeAt(first) : END_OF_LINE;
    // A separator ends everything, even an unterminated script, so each block reads the same on its own.
    if (c0 === HASH && text.charCodeAt(first + 1) === HASH && text.charCodeAt(first + 2) === HASH) {
      headers.flush();
      block.endLine = line - 1;
      onBlock(block, file);
      block = newBlock(line + 1);
      state = 'preamble';
      response = undefined;
      comment = undefined;
      inHandler = false;
      inScript = false;
    } else if (inHandler) {
      inHandler = indexInLine(text, '%}', first, end) < 0;
    } else if (inScript) {
      inScript = !text.startsWith('}}', first);
    } else if (first === end) {
      // A blank line ends a comment run and a header section; the body follows.
      comment = undefined;
      if (state === 'requestHeaders' || state === 'responseHeaders') {
        headers.flush();
        state = state === 'requestHeaders' ? 'requestBody' : 'responseBody';
      }
    } else if (c0 === HASH || (c0 === SLASH && text.charCodeAt(first + 1) === SLASH)) {
      comment = commentLine(text, block, comment, c0 === HASH ? first + 1 : first + 2, end);
    } else {
      comment = undefined;
      // Only `>`, `<` and `?` start a skipped line: other lines need not ask.
      const skipped =
        c0 === GT || c0 === LT || c0 === QUESTION ? skippedLine(text, c0, first, end) : NOT_SKIPPED;
      if (skipped === OPENS_SCRIPT) {
        inHandler = true;
      } else if (skipped === INPUT_FILE) {
        // Below a request line, the request's body comes from that file.
        if (block.request && state !== 'preamble') {
          block.request.externalBody = true;
        }
      } else if (skipped === NOT_SKIPPED) {
        const status = c0 === UPPER_H ? statusLine(text, first, end) : 0;
        if (status > 0) {
          response = startResponse(text, block, headers, status, line, first, end);
          state = 'responseHeaders';
        } else if (state === 'preamble') {
          if (c0 === OPEN_BRACE && text.charCodeAt(first + 1) === OPEN_BRACE) {
            inScript = indexInLine(text, '}}', first + 2, end) < 0;
          } else {
            state = preambleLine(text, block, variables, headers, c0, line, first, end);
            if (state === 'payload') {
              lastBodyLine = line;
            }
          }
        } else {
          if (state === 'requestHeaders' || state === 'responseHeaders') {
            // Most lines here are headers: they are added here, the section's other lines read by `headerLine`.
            if (c0 !== QUESTION && c0 !== AMP && headers.addLine(first, end)) {
              if (state === 'requestHeaders' && block.request) {
                block.request.headerInsertOffset = end;
              }
              continue;
            }
            state = headerLine(text, block.request, headers, state, c0, first, end);
          }
          if (state !== 'requestHeaders' && state !== 'responseHeaders') {
            const body = bodyOf(state, block, response);
            if (body) {
              body.append(
                text,
                body.isEmpty ? first : start,
                end,
                lastBodyLine === line - 1 && !body.isEmpty,
              );
              lastBodyLine = line;
            }
          }
        }
      }
    }
  }
  headers.flush();
  block.endLine = lineCount - 1;
  onBlock(block, file);
  return file;
}

/** What a blank line's first character reads as: no character. */
const END_OF_LINE = -1;

/** A line of no request or response data that {@link skippedLine} tells apart. */
const NOT_SKIPPED = 0;
const SKIPPED = 1;
/** A handler or pre-request script (`{% …`) that goes on over the next lines. */
const OPENS_SCRIPT = 2;
/** An input file (`< ./body.json`). */
const INPUT_FILE = 3;

/**
 * JetBrains response handlers (`> {% … %}`, `> script.js`), response references (`<> file`), input files (`< file`)
 * and httpYac assertions (`?? …`) carry no request or response data: which of them the line is, if any.
 */
function skippedLine(text: string, c0: number, first: number, end: number): number {
  if (c0 === GT) {
    const open = indexInLine(text, '{%', first, end);
    return open >= 0 && indexInLine(text, '%}', open + 2, end) < 0 ? OPENS_SCRIPT : SKIPPED;
  }
  const c1 = text.charCodeAt(first + 1);
  if (c0 === LT && (c1 === GT || isBlank(c1))) {
    const script = indexInLine(text, '{%', first, end);
    if (script >= 0) {
      // A JetBrains pre-request script (`< {% … %}`), possibly over several lines.
      return indexInLine(text, '%}', script + 2, end) < 0 ? OPENS_SCRIPT : SKIPPED;
    }
    return c1 === GT ? SKIPPED : INPUT_FILE;
  }
  return c0 === QUESTION && c1 === QUESTION ? SKIPPED : NOT_SKIPPED;
}

/**
 * A `#` or `//` line, its content starting at `contentStart`: a `@name`, or part of a comment run (`comment`, or a new
 * one). The run the next comment line continues.
 */
function commentLine(
  text: string,
  block: HttpBlock,
  comment: CommentRun | undefined,
  contentStart: number,
  end: number,
): CommentRun | undefined {
  const name = atName(text, contentStart, end);
  if (name !== undefined) {
    block.name = name;
    return comment;
  }
  if (!comment) {
    comment = { text: new SourceText(), statuses: [] };
    block.comments = appended(block.comments, comment);
  }
  // Not `text.length`: building the text on every line would make a long comment run quadratic.
  const virtualAt = comment.text.isEmpty ? 0 : comment.text.textLength + 1;
  comment.text.append(text, contentStart, end);
  const status = statusLine(text, firstNonBlank(text, contentStart, end), end);
  if (status > 0) {
    comment.statuses.push({ at: virtualAt, status });
  }
  return comment;
}

/** A status line (`HTTP/1.1 400 Bad Request`): a recorded response starts, its headers follow. */
function startResponse(
  text: string,
  block: HttpBlock,
  headers: HeaderSection,
  status: number,
  line: number,
  first: number,
  end: number,
): HttpResponse {
  headers.flush();
  const response: HttpResponse = {
    status,
    line,
    statusStart: first,
    statusEnd: trimmedEnd(text, first, end),
    headers: NO_HEADERS,
    body: undefined,
  };
  block.responses = appended(block.responses, response);
  headers.open(response);
  return response;
}

/** Before the request line: a variable, a pasted JSON payload or the request line itself (or nothing). The state after. */
function preambleLine(
  text: string,
  block: HttpBlock,
  variables: Map<string, string>,
  headers: HeaderSection,
  c0: number,
  line: number,
  first: number,
  end: number,
): State {
  if (c0 === AT) {
    const v = variableLine(text, first + 1, end);
    if (v) {
      variables.set(v.name, v.value);
      block.variables = appended(block.variables, [v.name, v.value] as const);
    }
  } else if (c0 === OPEN_BRACE || c0 === OPEN_BRACKET || c0 === QUOTE) {
    const payload = new SourceText();
    payload.append(text, first, end);
    block.payloads = appended(block.payloads, payload);
    return 'payload';
  } else {
    const request = requestLine(text, first, end, line);
    if (request) {
      block.request = request;
      headers.open(request);
      return 'requestHeaders';
    }
  }
  return 'preamble';
}

/**
 * A line in a header section that is not a header: a query continuation (`?a=1`, `&b=2`) right below the request
 * line, a header after all (`&` can start a header name), or the end of the section: a body that follows its headers
 * without the blank line. The state after it.
 */
function headerLine(
  text: string,
  blockRequest: HttpRequest | undefined,
  headers: HeaderSection,
  state: State,
  c0: number,
  first: number,
  end: number,
): State {
  const request = state === 'requestHeaders' ? blockRequest : undefined;
  if (request && (c0 === QUESTION || c0 === AMP) && headers.isEmpty) {
    request.url.append(text, first, end);
    request.headerInsertOffset = end;
    request.queryAt = NOT_SEARCHED;
    request.bracesAt = NOT_SEARCHED;
    return state;
  }
  if (headers.addLine(first, end)) {
    if (request) {
      request.headerInsertOffset = end;
    }
    return state;
  }
  headers.flush();
  return state === 'requestHeaders' ? 'requestBody' : 'responseBody';
}

/** The text a body line in `state` goes to: the request's body, the response's or the pasted payload being read. */
function bodyOf(state: State, block: HttpBlock, response: HttpResponse | undefined): SourceText | undefined {
  if (state === 'requestBody') {
    return block.request ? (block.request.body ??= new SourceText()) : undefined;
  }
  if (state === 'responseBody') {
    return response ? (response.body ??= new SourceText()) : undefined;
  }
  return state === 'payload' ? block.payloads[block.payloads.length - 1] : undefined;
}

/**
 * The list a block, request or response starts with, replaced by an array of its own when something is added (see
 * {@link appended}). Not frozen: V8 iterates a frozen array with the generic iterator, one result object per step.
 */
const UNFILLED: never[] = [];

/** `list` with `item` added: a new one-item array in place of the shared empty list, so it is never pushed into. */
function appended<T>(list: T[], item: T): T[] {
  if (list === UNFILLED) {
    return [item];
  }
  list.push(item);
  return list;
}

function newBlock(startLine: number): HttpBlock {
  return {
    startLine,
    endLine: startLine,
    name: undefined,
    request: undefined,
    responses: UNFILLED,
    comments: UNFILLED,
    payloads: UNFILLED,
    variables: UNFILLED,
  };
}
