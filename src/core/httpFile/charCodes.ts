/** The characters the `.http` reader looks at, by name, and the small scans it makes with them. */

export const TAB = 0x09;
export const SPACE = 0x20;
export const BANG = 0x21;
export const QUOTE = 0x22;
export const HASH = 0x23;
export const DOLLAR = 0x24;
export const APOSTROPHE = 0x27;
export const AMP = 0x26;
export const STAR = 0x2a;
export const PLUS = 0x2b;
export const MINUS = 0x2d;
export const DOT = 0x2e;
export const SLASH = 0x2f;
export const DIGIT_0 = 0x30;
export const DIGIT_9 = 0x39;
export const COLON = 0x3a;
export const LT = 0x3c;
export const EQUALS = 0x3d;
export const GT = 0x3e;
export const QUESTION = 0x3f;
export const AT = 0x40;
export const UPPER_A = 0x41;
export const UPPER_D = 0x44;
export const UPPER_G = 0x47;
export const UPPER_H = 0x48;
export const UPPER_O = 0x4f;
export const UPPER_P = 0x50;
export const UPPER_Z = 0x5a;
export const OPEN_BRACKET = 0x5b;
export const CARET = 0x5e;
export const UNDERSCORE = 0x5f;
export const BACKTICK = 0x60;
export const LOWER_A = 0x61;
export const LOWER_N = 0x6e;
export const LOWER_T = 0x74;
export const LOWER_Z = 0x7a;
export const OPEN_BRACE = 0x7b;
export const PIPE = 0x7c;
export const TILDE = 0x7e;
/** A byte-order mark, which the reader treats as a blank wherever it stands. */
export const BOM = 0xfeff;
/** What an ASCII capital letter is below its small letter. */
export const CASE_OFFSET = LOWER_A - UPPER_A;

/** Space, tab or byte-order mark: what the reader skips around the parts of a line. */
export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === BOM;
}

export function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

export function isUpperCaseLetter(c: number): boolean {
  return c >= UPPER_A && c <= UPPER_Z;
}

/**
 * RFC 9110 token characters: letters, digits and ``!#$%&'*+-.^_`|~``. Read from a table: a header name is read a
 * character at a time, and the comparisons cost the parse of a 1 MB file about 2 M of its 40 M instructions.
 */
export function isTokenChar(c: number): boolean {
  return c < 128 && TOKEN_CHARS[c] === 1;
}

/** 1 for each ASCII token character. */
const TOKEN_CHARS = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    table[c] = isTokenCharInRule(c) ? 1 : 0;
  }
  return table;
})();

/** {@link isTokenChar} as RFC 9110 §5.6.2 lists the characters. */
function isTokenCharInRule(c: number): boolean {
  return (
    isDigit(c) ||
    isUpperCaseLetter(c) ||
    (c >= LOWER_A && c <= LOWER_Z) ||
    c === BANG ||
    (c >= HASH && c <= APOSTROPHE) ||
    c === STAR ||
    c === PLUS ||
    c === MINUS ||
    c === DOT ||
    c === CARET ||
    c === UNDERSCORE ||
    c === BACKTICK ||
    c === PIPE ||
    c === TILDE
  );
}

/** The first offset in `[start, end)` that is not blank, or `end`. */
export function firstNonBlank(text: string, start: number, end: number): number {
  let p = start;
  while (p < end && isBlank(text.charCodeAt(p))) {
    p++;
  }
  return p;
}

/** The end of `text[start, end)` without its trailing blanks. */
export function trimmedEnd(text: string, start: number, end: number): number {
  let p = end;
  while (p > start && isBlank(text.charCodeAt(p - 1))) {
    p--;
  }
  return p;
}

/** `text.indexOf` limited to `[from, end)`, without scanning past `end`. */
export function indexInLine(text: string, needle: string, from: number, end: number): number {
  const i = text.slice(from, end).indexOf(needle);
  return i < 0 ? -1 : from + i;
}

/**
 * `name === literal`, for a name (a parameter's, a JSON key) cut from a document. The engine compares a cut string of
 * 13 characters or more with a literal of its length by a call into its runtime; the last characters tell most such
 * names apart first (`client_secret`, `response_type`, `code_verifier`), so that call is made almost only for a match.
 */
export function isName(name: string, literal: string): boolean {
  const n = literal.length;
  return (
    name.length === n &&
    (n === 0 || (name.charCodeAt(n - 1) === literal.charCodeAt(n - 1) && name === literal))
  );
}
