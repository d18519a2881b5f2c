import { CASE_OFFSET, COLON, firstNonBlank, isTokenChar, isUpperCaseLetter, trimmedEnd } from './charCodes';

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
    if (c !== l && !(isUpperCaseLetter(c) && c + CASE_OFFSET === l)) {
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

  /** The value of the `i`-th header, 0-based, without making a header object. */
  valueAt(i: number): string {
    return this.table.value(this.from + i);
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
export class HeaderTable {
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
    if (text.charCodeAt(p) !== COLON) {
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
export const NO_HEADERS = new HttpHeaders(new HeaderTable(''), 0, 0);

/** The header lines of the request or response being read, added to the document's table as they come. */
export class HeaderSection {
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
