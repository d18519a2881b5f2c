import { LineIndex } from './lineIndex';
import { SourceText } from './sourceText';

/**
 * A `Name: value` header line with the offsets diagnostics and quick fixes point at, made from {@link HttpHeaders}
 * when asked for. Name and value are cut from the document only when read.
 */
export class HttpHeader {
  private cachedName: string | undefined;
  private cachedValue: string | undefined;

  constructor(
    private readonly document: string,
    readonly nameStart: number,
    private readonly nameEnd: number,
    readonly valueStart: number,
    readonly valueEnd: number,
  ) {}

  get name(): string {
    this.cachedName ??= this.document.slice(this.nameStart, this.nameEnd);
    return this.cachedName;
  }

  get value(): string {
    this.cachedValue ??= this.document.slice(this.valueStart, this.valueEnd);
    return this.cachedValue;
  }

  /** Whether the name is `lowerCaseName`, read in place (see {@link isNamedAt}). */
  isNamed(lowerCaseName: string): boolean {
    return isNamedAt(this.document, this.nameStart, this.nameEnd, lowerCaseName);
  }
}

/**
 * Whether `text[start, end)` is `lowerCaseName` in any case. Header names are ASCII tokens, so comparing ASCII letters
 * without case is exact, and it reads the document in place.
 */
function isNamedAt(text: string, start: number, end: number, lowerCaseName: string): boolean {
  if (end - start !== lowerCaseName.length) {
    return false;
  }
  for (let i = 0; i < lowerCaseName.length; i++) {
    const c = text.charCodeAt(start + i);
    const l = lowerCaseName.charCodeAt(i);
    if (c !== l && !(c >= 65 && c <= 90 && c + 32 === l)) {
      return false;
    }
  }
  return true;
}

/**
 * The header lines of one request or response. The parser keeps the offsets of every header line of a document in one
 * table ({@link HeaderTable}) rather than an object per header: a 1 MB file has 7,900 header lines, and the lints look
 * for a few names only. A {@link HttpHeader} is made when one is asked for.
 */
export class HttpHeaders {
  constructor(
    private readonly table: HeaderTable,
    private readonly from: number,
    readonly length: number,
  ) {}

  /** The `i`-th header, 0-based (undefined past the end). */
  at(i: number): HttpHeader | undefined {
    return i >= 0 && i < this.length ? this.table.header(this.from + i) : undefined;
  }

  /** Whether the `i`-th header's name is `lowerCaseName`, read in place (see {@link HttpHeader.isNamed}). */
  isNamed(i: number, lowerCaseName: string): boolean {
    return this.table.isNamed(this.from + i, lowerCaseName);
  }

  /** The first header of that name (in any case). */
  find(name: string): HttpHeader | undefined {
    return this.at(this.indexOf(name));
  }

  /** The value of the first header of that name (in any case), without making a header object. */
  valueOf(name: string): string | undefined {
    const i = this.indexOf(name);
    return i < 0 ? undefined : this.table.value(this.from + i);
  }

  /** Where the first header of that name (in any case) is, or -1. */
  indexOf(name: string): number {
    const lower = name.toLowerCase();
    for (let i = 0; i < this.length; i++) {
      if (this.isNamed(i, lower)) {
        return i;
      }
    }
    return -1;
  }

  *[Symbol.iterator](): IterableIterator<HttpHeader> {
    for (let i = 0; i < this.length; i++) {
      yield this.table.header(this.from + i);
    }
  }
}

/** Offsets of header lines, four numbers each (name start and end, value start and end), in one growing array. */
class HeaderTable {
  private rows: Int32Array;
  count = 0;

  /** Room for a header per 128 characters at first (a 1 MB file has one per 133), so a long file seldom grows it. */
  constructor(readonly document: string) {
    this.rows = new Int32Array(4 * Math.max(16, document.length >> 7));
  }

  /** Reads `document[first, end)` as a `Name: value` line and adds it; false (nothing added) for any other line. */
  addLine(first: number, end: number): boolean {
    const text = this.document;
    let p = first;
    while (p < end && isTokenChar(text.charCodeAt(p))) {
      p++;
    }
    if (p === first) {
      return false;
    }
    const nameEnd = p;
    p = firstNonBlank(text, p, end);
    if (text.charCodeAt(p) !== 58) {
      return false;
    }
    const valueStart = firstNonBlank(text, p + 1, end);
    const valueEnd = trimmedEnd(text, valueStart, end);
    let rows = this.rows;
    const at = this.count * 4;
    if (at === rows.length) {
      rows = new Int32Array(rows.length * 2);
      rows.set(this.rows);
      this.rows = rows;
    }
    rows[at] = first;
    rows[at + 1] = nameEnd;
    rows[at + 2] = valueStart;
    rows[at + 3] = valueEnd;
    this.count++;
    return true;
  }

  header(i: number): HttpHeader {
    const rows = this.rows;
    const at = i * 4;
    return new HttpHeader(this.document, rows[at], rows[at + 1], rows[at + 2], rows[at + 3]);
  }

  value(i: number): string {
    const rows = this.rows;
    return this.document.slice(rows[i * 4 + 2], rows[i * 4 + 3]);
  }

  isNamed(i: number, lowerCaseName: string): boolean {
    const rows = this.rows;
    return isNamedAt(this.document, rows[i * 4], rows[i * 4 + 1], lowerCaseName);
  }
}

/** An empty list of headers, shared. */
const NO_HEADERS = new HttpHeaders(new HeaderTable(''), 0, 0);

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
  let block = newBlock(0);
  let state: State = 'preamble';
  let response: HttpResponse | undefined;
  let comment: CommentRun | undefined;
  let lastBodyLine = -2;
  let inHandler = false;
  let inScript = false;
  const headers = new HeaderSection(new HeaderTable(text));

  // The lines come from the index, found beforehand in a walk of their own. Finding them while reading them, with
  // the walk's place in local variables, made the parse alone about 5% faster but a whole lint no faster, and needed
  // a second copy of the line-break rules.
  const lineCount = lines.lineCount;
  const starts = lines.starts;
  const ends = lines.ends;
  for (let line = 0; line < lineCount; line++) {
    const start = starts[line];
    const end = ends[line];
    const first = firstNonBlank(text, start, end);
    const c0 = text.charCodeAt(first);

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
      continue;
    }
    if (inHandler) {
      inHandler = indexInLine(text, '%}', first, end) < 0;
      continue;
    }
    if (inScript) {
      inScript = !text.startsWith('}}', first);
      continue;
    }
    if (first === end) {
      comment = undefined;
      if (state === 'requestHeaders' || state === 'responseHeaders') {
        headers.flush();
        state = state === 'requestHeaders' ? 'requestBody' : 'responseBody';
      }
      continue;
    }
    const isComment = c0 === HASH || (c0 === SLASH && text.charCodeAt(first + 1) === SLASH);
    if (isComment) {
      const contentStart = c0 === HASH ? first + 1 : first + 2;
      const name = atName(text, contentStart, end);
      if (name !== undefined) {
        block.name = name;
        continue;
      }
      if (!comment) {
        comment = { text: new SourceText(), statuses: [] };
        block.comments = appended(block.comments, comment);
      }
      // Not `text.length`: building the text on every line made a long comment run quadratic (16,000 lines: 7 s).
      const virtualAt = comment.text.isEmpty ? 0 : comment.text.textLength + 1;
      comment.text.append(text, contentStart, end);
      const status = statusLine(text, firstNonBlank(text, contentStart, end), end);
      if (status > 0) {
        comment.statuses.push({ at: virtualAt, status });
      }
      continue;
    }
    comment = undefined;

    // JetBrains response handlers (`> {% … %}`, `> script.js`), response references (`<> file`), input files
    // (`< file`) and httpYac assertions (`?? …`) carry no request or response data.
    if (c0 === GT) {
      const open = indexInLine(text, '{%', first, end);
      if (open >= 0) {
        inHandler = indexInLine(text, '%}', open + 2, end) < 0;
      }
      continue;
    }
    if (c0 === LT && (text.charCodeAt(first + 1) === GT || isBlank(text.charCodeAt(first + 1)))) {
      const script = indexInLine(text, '{%', first, end);
      if (script >= 0) {
        // A JetBrains pre-request script (`< {% … %}`), possibly over several lines.
        inHandler = indexInLine(text, '%}', script + 2, end) < 0;
      } else if (block.request && text.charCodeAt(first + 1) !== GT && state !== 'preamble') {
        block.request.externalBody = true;
      }
      continue;
    }
    if (c0 === QUESTION && text.charCodeAt(first + 1) === QUESTION) {
      continue;
    }

    const status = c0 === H_UPPER ? statusLine(text, first, end) : 0;
    if (status > 0) {
      headers.flush();
      response = {
        status,
        line,
        statusStart: first,
        statusEnd: trimmedEnd(text, first, end),
        headers: NO_HEADERS,
        body: undefined,
      };
      block.responses = appended(block.responses, response);
      headers.open(response);
      state = 'responseHeaders';
      continue;
    }

    switch (state) {
      case 'preamble': {
        if (c0 === AT) {
          const v = variableLine(text, first + 1, end);
          if (v) {
            variables.set(v.name, v.value);
            block.variables = appended(block.variables, [v.name, v.value] as const);
          }
          continue;
        }
        if (c0 === OPEN_BRACE && text.charCodeAt(first + 1) === OPEN_BRACE) {
          inScript = indexInLine(text, '}}', first + 2, end) < 0;
          continue;
        }
        if (c0 === OPEN_BRACE || c0 === OPEN_BRACKET || c0 === QUOTE) {
          const payload = new SourceText();
          payload.append(text, first, end);
          block.payloads = appended(block.payloads, payload);
          state = 'payload';
          lastBodyLine = line;
          continue;
        }
        const request = requestLine(text, first, end, line);
        if (request) {
          block.request = request;
          headers.open(request);
          state = 'requestHeaders';
        }
        continue;
      }
      case 'requestHeaders':
      case 'responseHeaders': {
        if (
          state === 'requestHeaders' &&
          block.request &&
          (c0 === QUESTION || c0 === AMP) &&
          headers.isEmpty
        ) {
          block.request.url.append(text, first, end);
          block.request.headerInsertOffset = end;
          continue;
        }
        if (headers.addLine(first, end)) {
          if (state === 'requestHeaders' && block.request) {
            block.request.headerInsertOffset = end;
          }
          continue;
        }
        // A body that follows its headers without the blank line in between.
        headers.flush();
        state = state === 'requestHeaders' ? 'requestBody' : 'responseBody';
        break;
      }
      default:
        break;
    }
    let body: SourceText | undefined;
    if (state === 'requestBody') {
      body = block.request ? (block.request.body ??= new SourceText()) : undefined;
    } else if (state === 'responseBody') {
      body = response ? (response.body ??= new SourceText()) : undefined;
    } else if (state === 'payload') {
      body = block.payloads[block.payloads.length - 1];
    }
    if (body) {
      body.append(text, body.isEmpty ? first : start, end, lastBodyLine === line - 1 && !body.isEmpty);
      lastBodyLine = line;
    }
  }
  headers.flush();
  block.endLine = lines.lineCount - 1;
  onBlock(block, file);
  return file;
}

/** The header lines of the request or response being read, added to the document's table as they come. */
class HeaderSection {
  private owner: { headers: HttpHeaders } | undefined;
  private from = 0;

  constructor(private readonly table: HeaderTable) {}

  get isEmpty(): boolean {
    return this.table.count === this.from;
  }

  /** Starts collecting the headers of `owner`. */
  open(owner: { headers: HttpHeaders }): void {
    this.owner = owner;
    this.from = this.table.count;
  }

  /** Adds the line if it is a header and a section is open; false otherwise. */
  addLine(first: number, end: number): boolean {
    return this.owner !== undefined && this.table.addLine(first, end);
  }

  /** Ends the section: its owner gets its headers. */
  flush(): void {
    const owner = this.owner;
    const count = this.table.count - this.from;
    if (owner && count > 0) {
      owner.headers = new HttpHeaders(this.table, this.from, count);
    }
    this.owner = undefined;
    this.from = this.table.count;
  }
}

const HASH = 35;
const SLASH = 47;
const GT = 62;
const LT = 60;
const AT = 64;
const AMP = 38;
const QUESTION = 63;
const QUOTE = 34;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const H_UPPER = 72;

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

/** `text.indexOf` limited to `[from, end)`, without scanning past `end`. */
function indexInLine(text: string, needle: string, from: number, end: number): number {
  const i = text.slice(from, end).indexOf(needle);
  return i < 0 ? -1 : from + i;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xfeff;
}

/** The end of `text[start, end)` without its trailing blanks. */
function trimmedEnd(text: string, start: number, end: number): number {
  let p = end;
  while (p > start && isBlank(text.charCodeAt(p - 1))) {
    p--;
  }
  return p;
}

function firstNonBlank(text: string, start: number, end: number): number {
  let p = start;
  while (p < end && isBlank(text.charCodeAt(p))) {
    p++;
  }
  return p;
}

/** `HTTP/1.1 401 Unauthorized`, `HTTP/2 400`: the status and where the line's text ends. */
/** `HTTP/1.1 401 Unauthorized`, `HTTP/2 400`: the status, or 0 for any other line. */
function statusLine(text: string, first: number, end: number): number {
  if (!text.startsWith('HTTP/', first)) {
    return 0;
  }
  let p = first + 5;
  while (p < end && (isDigit(text.charCodeAt(p)) || text.charCodeAt(p) === 46)) {
    p++;
  }
  if (p === first + 5 || !isBlank(text.charCodeAt(p))) {
    return 0;
  }
  p = firstNonBlank(text, p, end);
  if (
    p + 3 > end ||
    !isDigit(text.charCodeAt(p)) ||
    !isDigit(text.charCodeAt(p + 1)) ||
    !isDigit(text.charCodeAt(p + 2))
  ) {
    return 0;
  }
  if (p + 3 < end && !isBlank(text.charCodeAt(p + 3))) {
    return 0;
  }
  return (text.charCodeAt(p) - 48) * 100 + (text.charCodeAt(p + 1) - 48) * 10 + (text.charCodeAt(p + 2) - 48);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function atName(text: string, contentStart: number, end: number): string | undefined {
  const p = firstNonBlank(text, contentStart, end);
  if (!text.startsWith('@name', p) || !isBlank(text.charCodeAt(p + 5))) {
    return undefined;
  }
  return text.slice(p + 5, end).trim() || undefined;
}

function variableLine(text: string, from: number, end: number): { name: string; value: string } | undefined {
  const eq = indexInLine(text, '=', from, end);
  if (eq < 0) {
    return undefined;
  }
  const name = text.slice(from, eq).trim();
  return /^[A-Za-z0-9_.$-]+$/.test(name) ? { name, value: text.slice(eq + 1, end).trim() } : undefined;
}

function requestLine(text: string, first: number, end: number, line: number): HttpRequest | undefined {
  let p = first;
  while (p < end && !isBlank(text.charCodeAt(p))) {
    p++;
  }
  let method = 'GET';
  let urlStart = first;
  if (isMethodName(text, first, p)) {
    method = methodName(text, first, p);
    urlStart = firstNonBlank(text, p, end);
    if (urlStart === end) {
      return undefined;
    }
  } else if (!/^(https?:\/\/|\{\{|\/)/i.test(text.slice(first, p))) {
    return undefined;
  }
  let urlEnd = trimmedEnd(text, urlStart, end);
  // A trailing ` HTTP/1.1` names the protocol version, not part of the URL; only a URL with a space can have one.
  // The space is looked for in a slice: a search of the document could run on to its end on every request line.
  const written = text.slice(urlStart, urlEnd);
  const version = written.indexOf(' ') >= 0 ? written.lastIndexOf(' HTTP/') : -1;
  if (version > 0) {
    urlEnd = trimmedEnd(text, urlStart, urlStart + version);
  }
  const url = new SourceText();
  url.append(text, urlStart, urlEnd);
  return {
    method,
    line,
    url,
    headers: NO_HEADERS,
    body: undefined,
    externalBody: false,
    headerInsertOffset: end,
  };
}

/** The method at `text[start, end)`, as one shared string when it is a common one. */
function methodName(text: string, start: number, end: number): string {
  const common = commonMethod(end - start, text.charCodeAt(start));
  return common !== undefined && text.startsWith(common, start) ? common : text.slice(start, end);
}

/** The common method of that length and first letter, if there is one. */
function commonMethod(length: number, first: number): string | undefined {
  switch (length) {
    case 3:
      return first === 71 ? 'GET' : first === 80 ? 'PUT' : undefined;
    case 4:
      return first === 80 ? 'POST' : first === 72 ? 'HEAD' : undefined;
    case 5:
      return first === 80 ? 'PATCH' : undefined;
    case 6:
      return first === 68 ? 'DELETE' : undefined;
    case 7:
      return first === 79 ? 'OPTIONS' : undefined;
    default:
      return undefined;
  }
}

/** `text[start, end)` is 3 to 12 capital letters, as a request method is written. */
function isMethodName(text: string, start: number, end: number): boolean {
  if (end - start < 3 || end - start > 12) {
    return false;
  }
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c < 65 || c > 90) {
      return false;
    }
  }
  return true;
}

/** RFC 9110 token characters. */
function isTokenChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 33 ||
    (c >= 35 && c <= 39) ||
    c === 42 ||
    c === 43 ||
    c === 45 ||
    c === 46 ||
    c === 94 ||
    c === 95 ||
    c === 96 ||
    c === 124 ||
    c === 126
  );
}
