import { lintBearerToken } from './apiRequestLints';
import { CLOSE_BRACE, DOLLAR, OPEN_BRACE, isBlank } from './charCodes';
import { lintExpander } from './fileVariables';
import { Finding } from './finding';
import { lintAuthorizationValue } from './hygieneLints';
import { LintContext } from './lintContext';
import { HttpBlock, HttpFile, HttpHeader, HttpRequest } from './parseHttpFile';
import { RequestContext, urlUsesVariables } from './requestContext';

/*
 * `Authorization: Bearer {{name}}` where the file itself defines `@name = …`: public samples keep the token (or the
 * placeholder that stands for it) in a file variable. The value that is sent is judged as if it were written in the
 * header. Whether a file defines a name is known only once it is read to its end, so the linter asks which blocks
 * depend on that ({@link usesVariables}, {@link BearerVariableUse}).
 */

/**
 * Where the name in a `Bearer {{name}}` value at `text[start, end)` starts (after any blanks inside the braces), or -1
 * when the value is not one, or names a profile's `{{$auth…}}` or another system variable. Read in place: the linter
 * asks this of every request's `Authorization` header.
 */
function bearerNameStart(text: string, start: number, end: number): number {
  // `Bearer {{x}}` at the shortest; most values are ruled out by their last character.
  if (
    end - start < 12 ||
    text.charCodeAt(end - 1) !== CLOSE_BRACE ||
    text.charCodeAt(end - 2) !== CLOSE_BRACE
  ) {
    return -1;
  }
  const BEARER = 'bearer';
  for (let i = 0; i < BEARER.length; i++) {
    // ASCII letters only: setting the 0x20 bit turns a capital into its small letter.
    if ((text.charCodeAt(start + i) | 0x20) !== BEARER.charCodeAt(i)) {
      return -1;
    }
  }
  let p = start + BEARER.length;
  if (!isBlank(text.charCodeAt(p))) {
    return -1;
  }
  while (isBlank(text.charCodeAt(p))) {
    p++;
  }
  if (text.charCodeAt(p) !== OPEN_BRACE || text.charCodeAt(p + 1) !== OPEN_BRACE) {
    return -1;
  }
  p += 2;
  while (p < end - 2 && isBlank(text.charCodeAt(p))) {
    p++;
  }
  const name = p;
  if (name === end - 2 || text.charCodeAt(name) === DOLLAR) {
    return -1;
  }
  // One name, and nothing but blanks after it (`{{a b}}` names no variable).
  p = bearerNameEnd(text, name);
  while (isBlank(text.charCodeAt(p))) {
    p++;
  }
  return p === end - 2 ? name : -1;
}

/** Where the name that starts at `start` ends: at a blank or the `}}` that closes it. */
function bearerNameEnd(text: string, start: number): number {
  let p = start;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === CLOSE_BRACE || isBlank(c)) {
      break;
    }
    p++;
  }
  return p;
}

/** The name in a `Bearer {{name}}` value (not a profile's `{{$auth…}}`). */
export function bearerVariableName(authValue: string): string | undefined {
  const start = bearerNameStart(authValue, 0, authValue.length);
  return start < 0 ? undefined : authValue.slice(start, bearerNameEnd(authValue, start));
}

/** Where the request's first `Authorization` header is (-1 for none). */
function authorizationAt(request: HttpRequest): number {
  const headers = request.headers;
  for (let i = 0; i < headers.length; i++) {
    if (headers.isNamed(i, 'authorization')) {
      return i;
    }
  }
  return -1;
}

/** Where the name of the variable a request's bearer token comes from starts in its document, or -1. */
function bearerNameOf(request: HttpRequest): number {
  const at = authorizationAt(request);
  const headers = request.headers;
  return at < 0 ? -1 : bearerNameStart(headers.document, headers.valueStartAt(at), headers.valueEndAt(at));
}

/** The variable a request's `Authorization` header takes its bearer token from, if it is written that way. */
export function authorizationVariable(request: HttpRequest): string | undefined {
  const start = bearerNameOf(request);
  const text = request.headers.document;
  return start < 0 ? undefined : text.slice(start, bearerNameEnd(text, start));
}

/**
 * Whether `authValue` is `Bearer {{name}}` with a name the file defines. A block linted before the whole file is read
 * has its value noted instead, and is judged at the end if the file defines the name (see {@link BearerVariableUse}).
 */
export function definesBearerVariable(authValue: string, file: HttpFile): boolean {
  if (file.noteBearer !== undefined) {
    file.noteBearer(authValue);
    return false;
  }
  const name = file.variables.size === 0 ? undefined : bearerVariableName(authValue);
  return name !== undefined && file.variables.has(name);
}

/**
 * The value that will be sent for `Bearer {{name}}` when the file defines `@name` as a token written out (through
 * other file variables, if need be), with the header's own `Bearer ` in front (`braces` is where the `{{` is); and the
 * name. Nothing for a name the file leaves to an environment, or a value with variables left in it (a request
 * variable's `{{login.response.body.access_token}}`, a `{{$dotenv …}}`).
 */
function bearerFromVariable(
  authValue: string,
  braces: number,
  variables: ReadonlyMap<string, string>,
): { readonly value: string; readonly name: string } | undefined {
  const name = variables.size === 0 ? undefined : bearerVariableName(authValue);
  const defined = name === undefined ? undefined : variables.get(name);
  if (defined === undefined) {
    return undefined;
  }
  const token = lintExpander(variables).expand(defined).text?.trim();
  return token && !token.includes('{{')
    ? { value: authValue.slice(0, braces) + token, name: name! }
    : undefined;
}

/**
 * The lints of a written bearer token (a placeholder, an ID token, an expired token, a missing Rabobank scope) on the
 * token a file variable holds, reported on the header's `{{name}}`.
 */
export function lintBearerVariable(
  file: HttpFile,
  ctx: RequestContext,
  lint: LintContext,
  auth: HttpHeader,
  out: Finding[],
): void {
  const value = auth.value;
  const braces = value.indexOf('{{');
  const fromVariable = braces < 0 ? undefined : bearerFromVariable(value, braces, file.variables);
  if (fromVariable === undefined) {
    return;
  }
  const sent = { value: fromVariable.value, valueStart: auth.valueStart, valueEnd: auth.valueEnd };
  if (!lintAuthorizationValue(sent, out, fromVariable.name)) {
    lintBearerToken(file, ctx, lint, sent, out);
  }
}

/**
 * Whether the block's findings depend on file variables: the request URL is resolved against them, and a bearer token
 * taken from one of them is judged as written.
 */
export function usesVariables(block: HttpBlock): boolean {
  const request = block.request;
  return request !== undefined && (urlUsesVariables(request) || authorizationVariable(request) !== undefined);
}

/** What the blocks `lintHttpFile` lints early see of the file's variables. */
const NO_VARIABLES: ReadonlyMap<string, string> = new Map();

/**
 * What `lintHttpFile` keeps about bearer variables. It lints most blocks as it reads them, before it knows which
 * variables the file defines (a definition further down holds too): those blocks are linted without variables, and the
 * names their `Authorization` values take a token from are noted. At the end, the blocks whose name the file defines
 * are read again for the bearer lints alone. Names are kept as bits (two per name, of 1,024) rather than strings: every
 * block of a large file may send `Bearer {{token}}`, and a bit set by another name only costs a second read.
 */
export class BearerVariableUse {
  private readonly usedBefore = new Int32Array(32);

  /** The file as a block linted early sees it: the parser's shape, without variables, noting bearer values. */
  early(file: HttpFile): HttpFile {
    return {
      text: file.text,
      lines: file.lines,
      blocks: file.blocks,
      variables: NO_VARIABLES,
      noteBearer: this.note,
    };
  }

  /** Notes the variable an `Authorization` value takes its bearer token from, if it names one. */
  private readonly note = (authValue: string): void => {
    const start = bearerNameStart(authValue, 0, authValue.length);
    if (start >= 0) {
      addBits(this.usedBefore, hashOf(authValue, start, bearerNameEnd(authValue, start)));
    }
  };

  /**
   * The names `variables` (the whole file's) defines that a block linted early may take its token from, and whose
   * value is written out (not a request variable's or a `.env` file's).
   */
  definedAndUsed(variables: ReadonlyMap<string, string>): string[] {
    const late: string[] = [];
    for (const [name, value] of variables) {
      if (hasBits(this.usedBefore, hashOf(name, 0, name.length))) {
        const expanded = lintExpander(variables).expand(value).text;
        if (expanded && !expanded.includes('{{')) {
          late.push(name);
        }
      }
    }
    return late;
  }

  /** Whether `lintHttpFile` linted the block early and its bearer token comes from one of the names in `late`. */
  static missed(block: HttpBlock, late: readonly string[]): boolean {
    const request = block.request;
    const name =
      request === undefined || urlUsesVariables(request) ? undefined : authorizationVariable(request);
    return name !== undefined && late.includes(name);
  }
}

function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let p = start; p < end; p++) {
    h = Math.imul(h ^ text.charCodeAt(p), 0x01000193);
  }
  return h;
}

function addBits(bits: Int32Array, hash: number): void {
  bits[(hash >>> 5) & 31] |= 1 << (hash & 31);
  bits[(hash >>> 15) & 31] |= 1 << ((hash >>> 10) & 31);
}

function hasBits(bits: Int32Array, hash: number): boolean {
  return (
    (bits[(hash >>> 5) & 31] & (1 << (hash & 31))) !== 0 &&
    (bits[(hash >>> 15) & 31] & (1 << ((hash >>> 10) & 31))) !== 0
  );
}

/** A lint of one block, which adds its findings to `out`. */
export type BlockLint = (
  file: HttpFile,
  block: HttpBlock,
  ctx: RequestContext,
  lint: LintContext,
  out: Finding[],
) => void;

/** Only the lints of a bearer token taken from a file variable (see `lintHttpFile`). */
export const bearerVariableFindings: BlockLint = (file, block, ctx, lint, out) => {
  const auth = block.request?.headers.find('authorization');
  if (auth) {
    lintBearerVariable(file, ctx, lint, auth, out);
  }
};
