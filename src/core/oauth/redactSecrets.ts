/**
 * Masks secrets in text that leaves the product (log, CLI stderr, notifications, hovers, response documents).
 *
 * A registered secret is found in its derived forms too, not only verbatim: percent-encoded (either hex case),
 * form-encoded (`+` for a space), as hex bytes, as HTML entities, escaped in JSON (`\/`, `\u0041`), split by line
 * breaks or zero-width characters, and inside base64 / base64url at any alignment (`Basic` credentials are the base64
 * of `id:secret`). The text is decoded once into a plain view that remembers where each character came from; the
 * secrets are searched in that view and the matching stretches of the original are masked.
 *
 * Secrets of {@link MIN_FREE_LENGTH} characters or more are masked wherever they appear. Shorter ones would wreck
 * unrelated text ("a", "42"), so they are masked only as a value in a credential position: right after `=` or `:`
 * (optionally quoted or spaced, as in `client_secret=ab`, `"secret": "ab"`, `id:ab` inside Basic credentials) and
 * ending at a delimiter.
 *
 * Everything is linear in the text's length (times the number of secrets): no backtracking regular expressions.
 */

import { decodeView, isDropped, stringOf } from './decodedView';

const MASK = '«redacted»';

/** Below this length a registered secret is masked only where it stands as a value (see the module comment). */
export const MIN_FREE_LENGTH = 4;

/** Server text: runs of token characters at least this long are cut short, they are most likely a credential. */
export const TOKEN_RUN_LENGTH = 40;
const TOKEN_RUN_KEPT = 6;

/** What {@link redactSecrets} may do beyond masking registered secrets. */
export interface RedactOptions {
  /** The text came from a server or a file: also cut long token-like runs short (`eyJhbG…`). */
  readonly serverText?: boolean;
  /**
   * Mask only the registered secrets, not every `state=`/`code=` value nor Basic/Bearer credentials: for output that
   * must keep a URL the user opens (the CLI's sign-in link carries `state`).
   */
  readonly onlyRegistered?: boolean;
}

// Parameter and JSON member names whose values are secret wherever they show up in a URL, form body or JSON text.
const SECRET_NAMES = [
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'code',
  'code_verifier',
  'device_code',
  'client_secret',
  'client_assertion',
  'state',
];
const FORM_SECRET = new RegExp(`([?&#](?:${SECRET_NAMES.join('|')})=)[^&#\\s"']*`, 'g');
const JSON_SECRET = new RegExp(`("(?:${SECRET_NAMES.join('|')})"[ \\t]*:[ \\t]*")[^"]*`, 'g');
const AUTH_HEADER = /\b(Basic|Bearer)[ \t]+[A-Za-z0-9._~+/=-]+/g;

/**
 * Removes secrets from text: every registered value in any of its derived forms (see the module comment), plus
 * token-like parameters (`code=`, `"access_token":"…"`) and Basic/Bearer credentials. With `serverText`, long
 * token-like runs are cut short as well.
 */
export function redactSecrets(
  text: string,
  secrets: Iterable<string> = [],
  options: RedactOptions = {},
): string {
  const patterns = patternsFor(secrets);
  let out = patterns.length > 0 ? maskSpans(text, findSecretSpans(text, patterns)) : text;
  if (options.onlyRegistered) {
    return options.serverText ? cutTokenRuns(out) : out;
  }
  out = out
    .replace(FORM_SECRET, `$1${MASK}`)
    .replace(JSON_SECRET, `$1${MASK}`)
    .replace(AUTH_HEADER, `$1 ${MASK}`);
  return options.serverText ? cutTokenRuns(out) : out;
}

/** Cuts every run of token characters of {@link TOKEN_RUN_LENGTH} or more down to its first few characters and "…". */
export function cutTokenRuns(text: string, limit = TOKEN_RUN_LENGTH): string {
  let out = '';
  let runStart = -1;
  let copied = 0;
  for (let i = 0; i <= text.length; i++) {
    const inRun = i < text.length && isTokenChar(text.charCodeAt(i));
    if (inRun && runStart < 0) {
      runStart = i;
    } else if (!inRun && runStart >= 0) {
      if (i - runStart >= limit) {
        out += text.slice(copied, runStart + TOKEN_RUN_KEPT) + '…';
        copied = i;
      }
      runStart = -1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isTokenChar(c: number): boolean {
  return isBase64Char(c) || c === 0x2e /* . */ || c === 0x7e /* ~ */ || c === 0x3d; /* = */
}

interface Pattern {
  /** Searched in the decoded view of text. */
  readonly text: string;
  /** Searched in the byte view of decoded base64 (UTF-8 bytes as Latin-1 characters). */
  readonly bytes: string;
  /** Long enough to mask anywhere; otherwise only in a credential position. */
  readonly free: boolean;
}

function patternsFor(secrets: Iterable<string>): Pattern[] {
  const seen = new Set<string>();
  const patterns: Pattern[] = [];
  const add = (form: string, free: boolean): void => {
    if (form !== '' && !seen.has(form)) {
      seen.add(form);
      patterns.push({ text: form, bytes: latin1OfUtf8(form), free });
    }
  };
  for (const secret of secrets) {
    const plain = stripInvisible(secret);
    if (plain === '') {
      continue;
    }
    const free = plain.length >= MIN_FREE_LENGTH;
    add(plain, free);
    add(plain.replace(/ /g, '+'), free);
    const hex = hexOf(plain);
    add(hex, free);
    add(hex.toUpperCase(), free);
  }
  return patterns;
}

function stripInvisible(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (!isDropped(value.charCodeAt(i))) {
      out += value[i];
    }
  }
  return out;
}

function latin1OfUtf8(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    out += String.fromCharCode(byte);
  }
  return out;
}

function hexOf(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    out += byte.toString(16).padStart(2, '0');
  }
  return out;
}

type Span = [number, number];

/** The stretches of `text` that hold a secret, in any of its forms. */
function findSecretSpans(text: string, patterns: readonly Pattern[]): Span[] {
  // The text as written too: decoding can swallow the start of a form (`%` just before a hex form reads as `%41`).
  const spans: Span[] = [...matches(text, patterns, 'text', false), ...base64Matches(text, patterns)];
  const decoded = decodeView(text, false);
  const { from, to } = decoded;
  if (!from || !to) {
    return spans;
  }
  const toSource = (start: number, end: number): Span => [from[start], to[end - 1]];
  for (const [start, end] of matches(decoded.view, patterns, 'text', false)) {
    spans.push(toSource(start, end));
  }
  for (const [start, end] of base64Matches(decoded.view, patterns)) {
    spans.push(toSource(start, end));
  }
  return spans;
}

/** Where the patterns occur in `view`; a short pattern counts only in a credential position. */
function matches(
  view: string,
  patterns: readonly Pattern[],
  form: 'text' | 'bytes',
  startIsValue: boolean,
): Span[] {
  const found: Span[] = [];
  for (const pattern of patterns) {
    const needle = pattern[form];
    let at = view.indexOf(needle);
    while (at >= 0) {
      const end = at + needle.length;
      if (pattern.free || inValuePosition(view, at, end, startIsValue)) {
        found.push([at, end]);
        at = view.indexOf(needle, end);
      } else {
        at = view.indexOf(needle, at + 1);
      }
    }
  }
  return found;
}

const VALUE_END = new Set(['&', '"', "'", ',', ';', ')', '}', ']', '#', ' ', '\t', '.', '<']);

function inValuePosition(view: string, start: number, end: number, startIsValue: boolean): boolean {
  if (end < view.length && !VALUE_END.has(view[end])) {
    return false;
  }
  let before = start - 1;
  if (before < 0) {
    return startIsValue;
  }
  if (view[before] === '"' || view[before] === "'") {
    before--;
  }
  // At most a few spaces between the separator and the value; a bounded look-back keeps this linear.
  for (
    let spaces = 0;
    spaces < 4 && before >= 0 && (view[before] === ' ' || view[before] === '\t');
    spaces++
  ) {
    before--;
  }
  return before >= 0 && (view[before] === '=' || view[before] === ':');
}

const MIN_BASE64_RUN = 6;

/** Letters, digits and `+ / - _`: both base64 alphabets. */
function isBase64Char(c: number): boolean {
  const letter = c | 0x20;
  return (
    (letter >= 0x61 && letter <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2b ||
    c === 0x2f ||
    c === 0x2d ||
    c === 0x5f
  );
}

/**
 * Secrets inside base64 or base64url runs: each run is decoded at the four alignments (a secret's encoding can start
 * anywhere in a longer blob, as in the Basic credentials of `id:secret`) and searched, itself decoded once more for
 * percent-encoding. Returns spans of `view`, widened to whole base64 quads.
 */
function base64Matches(view: string, patterns: readonly Pattern[]): Span[] {
  const found: Span[] = [];
  let i = 0;
  while (i < view.length) {
    if (!isBase64Char(view.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < view.length && isBase64Char(view.charCodeAt(end))) {
      end++;
    }
    if (end - i >= MIN_BASE64_RUN) {
      for (let offset = 0; offset < 4; offset++) {
        const start = i + offset;
        const bytes = decodeBase64(view, start, end);
        const inner = decodeView(bytes, true);
        for (const [s, e] of matches(inner.view, patterns, 'bytes', offset === 0)) {
          const firstByte = inner.from ? inner.from[s] : s;
          const lastByte = (inner.to ? inner.to[e - 1] : e) - 1;
          found.push([
            start + Math.floor(firstByte / 3) * 4,
            Math.min(end, start + Math.floor(lastByte / 3) * 4 + 4),
          ]);
        }
      }
    }
    i = end;
  }
  return found;
}

const BASE64_VALUES = (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let k = 0; k < alphabet.length; k++) {
    table[alphabet.charCodeAt(k)] = k;
  }
  table[0x2b] = table[0x2d] = 62; // + and -
  table[0x2f] = table[0x5f] = 63; // / and _
  return table;
})();

/** Decodes `view[start, end)` as base64 (either alphabet) into bytes as Latin-1 characters; a trailing part is dropped. */
function decodeBase64(view: string, start: number, end: number): string {
  const bytes = new Uint8Array(Math.floor(((end - start) * 3) / 4));
  let length = 0;
  let bits = 0;
  let count = 0;
  for (let k = start; k < end; k++) {
    bits = ((bits << 6) | BASE64_VALUES[view.charCodeAt(k)]) & 0xffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[length++] = (bits >> count) & 0xff;
    }
  }
  return stringOf(bytes.subarray(0, length));
}

/** `text` with the spans (in any order, overlapping or not) replaced by one mask each. */
function maskSpans(text: string, spans: Span[]): string {
  if (spans.length === 0) {
    return text;
  }
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let copied = 0;
  let current: Span | undefined;
  for (const span of spans) {
    if (current && span[0] <= current[1]) {
      current[1] = Math.max(current[1], span[1]);
      continue;
    }
    if (current) {
      out += text.slice(copied, current[0]) + MASK;
      copied = current[1];
    }
    current = [span[0], span[1]];
  }
  if (current) {
    out += text.slice(copied, current[0]) + MASK;
    copied = current[1];
  }
  return out + text.slice(copied);
}
