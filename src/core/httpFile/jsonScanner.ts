import { isName } from './charCodes';

/** A JSON value with its exact offsets in the scanned text, so diagnostics can point at a single string. */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonScalar;

interface JsonSpan {
  readonly start: number;
  readonly end: number;
}

/** An object; `members` keeps source order and duplicates. */
export interface JsonObject extends JsonSpan {
  readonly kind: 'object';
  readonly members: JsonMember[];
}

/**
 * One `"key": value` pair; `value` is missing when the text stopped after the key. The key is kept as its unescaped
 * text only: nothing points at a key, so a node for each one would only be garbage.
 */
export interface JsonMember {
  readonly key: string;
  readonly value: JsonNode | undefined;
}

/** An array; items that could not be read are left out. */
export interface JsonArray extends JsonSpan {
  readonly kind: 'array';
  readonly items: JsonNode[];
}

/** A string; `start`/`end` include the quotes, `value` is unescaped. */
export interface JsonString extends JsonSpan {
  readonly kind: 'string';
  readonly value: string;
}

/** A number or literal, kept as written (`raw`): the matchers compare text, not values. */
export interface JsonScalar extends JsonSpan {
  readonly kind: 'number' | 'true' | 'false' | 'null';
  readonly raw: string;
}

/** What a scan produced: the (possibly partial) value and where scanning stopped. */
export interface JsonScanResult {
  readonly node: JsonNode | undefined;
  readonly end: number;
  readonly complete: boolean;
}

/** Past this depth values are skipped rather than built, so deeply nested input cannot exhaust the stack. */
const MAX_DEPTH = 64;

/**
 * Reads one JSON value at `start`, tolerating truncation and garbage: it never throws, returns whatever it could
 * build, and reports where it stopped. A run of `"key": value` members without braces (as the Rabobank guide prints
 * its gateway bodies) reads as an object. Linear in the length of the text it consumes.
 */
export function scanJson(text: string, start: number): JsonScanResult {
  const scanner = new Scanner(text, start);
  const result = scan(scanner, text);
  jsonScanWork.characters += scanner.pos - start;
  return result;
}

/**
 * Characters consumed by {@link scanJson} calls since the process started, counted once per call: lets a test see
 * that a lint reads a text a bounded number of times, however busy the machine is.
 */
export const jsonScanWork = { characters: 0 };

function scan(scanner: Scanner, text: string): JsonScanResult {
  const at = scanner.skipWs();
  if (codeAt(text, at) === QUOTE) {
    const key = scanner.string();
    const afterKey = scanner.skipWs();
    if (codeAt(text, afterKey) === COLON) {
      scanner.pos = at;
      const node = scanner.members(at, -1, 0);
      return { node, end: scanner.pos, complete: !scanner.failed };
    }
    return { node: key, end: scanner.pos, complete: !scanner.failed };
  }
  const node = scanner.value(0);
  return { node, end: scanner.pos, complete: !scanner.failed && node !== undefined };
}

/** Looks up a member value by key (first match). */
export function memberValue(obj: JsonObject, key: string): JsonNode | undefined {
  for (const m of obj.members) {
    if (isName(m.key, key)) {
      return m.value;
    }
  }
  return undefined;
}

/** A member's value when it is a string. */
export function stringMember(obj: JsonObject, key: string): JsonString | undefined {
  const v = memberValue(obj, key);
  return v?.kind === 'string' ? v : undefined;
}

/**
 * The character at `p`, or {@link END_OF_TEXT} past the end of the text. A scan stops at the end of text by reading
 * past it; where `charCodeAt` has once read past the end, the engine stops inlining it there and calls it for every
 * read after, which costs the scan of a 1 MB file about a million instructions.
 */
function codeAt(text: string, p: number): number {
  return p < text.length ? text.charCodeAt(p) : END_OF_TEXT;
}

/** Equal to no character and to no `close` of {@link Scanner.members} (-1 there stands for "no brace"). */
const END_OF_TEXT = -2;

const LITERALS = ['true', 'false', 'null'] as const;
const QUOTE = 34;
const COLON = 58;
const COMMA = 44;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

class Scanner {
  failed = false;

  constructor(
    private readonly text: string,
    public pos: number,
  ) {}

  skipWs(): number {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = codeAt(t, p);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) {
        p++;
      } else {
        break;
      }
    }
    this.pos = p;
    return p;
  }

  value(depth: number): JsonNode | undefined {
    const p = this.skipWs();
    const c = codeAt(this.text, p);
    if (c === OPEN_BRACE) {
      if (depth >= MAX_DEPTH) {
        this.skipNested();
        return undefined;
      }
      this.pos = p + 1;
      return this.members(p, CLOSE_BRACE, depth + 1);
    }
    if (c === OPEN_BRACKET) {
      if (depth >= MAX_DEPTH) {
        this.skipNested();
        return undefined;
      }
      return this.array(p, depth + 1);
    }
    if (c === QUOTE) {
      return this.string();
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      return this.number(p);
    }
    for (const word of LITERALS) {
      if (this.text.startsWith(word, p)) {
        this.pos = p + word.length;
        return { kind: word, start: p, end: this.pos, raw: word };
      }
    }
    this.failed = true;
    return undefined;
  }

  /** Members up to `close` (a brace), or to the first thing that is not a member when `close` is -1. */
  members(start: number, close: number, depth: number): JsonObject {
    const members: JsonMember[] = [];
    const t = this.text;
    for (;;) {
      const p = this.skipWs();
      const c = codeAt(t, p);
      if (c === close) {
        this.pos = p + 1;
        break;
      }
      if (c !== QUOTE) {
        this.failed ||= close !== -1;
        break;
      }
      const key = this.stringValue();
      if (this.failed) {
        members.push({ key, value: undefined });
        break;
      }
      const q = this.skipWs();
      if (codeAt(t, q) !== COLON) {
        members.push({ key, value: undefined });
        this.failed = true;
        break;
      }
      this.pos = q + 1;
      const value = this.value(depth);
      members.push({ key, value });
      if (this.failed) {
        break;
      }
      const r = this.skipWs();
      if (codeAt(t, r) === COMMA) {
        this.pos = r + 1;
        continue;
      }
      if (codeAt(t, r) === close) {
        this.pos = r + 1;
        break;
      }
      this.failed ||= close !== -1;
      break;
    }
    return { kind: 'object', start, end: this.pos, members };
  }

  array(start: number, depth: number): JsonArray {
    this.pos = start + 1;
    const items: JsonNode[] = [];
    const t = this.text;
    for (;;) {
      const p = this.skipWs();
      if (codeAt(t, p) === CLOSE_BRACKET) {
        this.pos = p + 1;
        break;
      }
      const item = this.value(depth);
      if (item) {
        items.push(item);
      }
      if (this.failed) {
        break;
      }
      const r = this.skipWs();
      const c = codeAt(t, r);
      if (c === COMMA) {
        this.pos = r + 1;
      } else if (c === CLOSE_BRACKET) {
        this.pos = r + 1;
        break;
      } else {
        this.failed = true;
        break;
      }
    }
    return { kind: 'array', start, end: this.pos, items };
  }

  /** A string at `pos` (which holds a quote). A line break or the end of text ends an unterminated string. */
  string(): JsonString {
    const start = this.pos;
    const value = this.stringValue();
    return { kind: 'string', start, end: this.pos, value };
  }

  /** {@link string}'s unescaped value alone, with `pos` moved past the string. */
  stringValue(): string {
    const t = this.text;
    const start = this.pos;
    // Most strings have no escape: the pattern engine reads one to its closing quote faster than a loop does.
    PLAIN_STRING.lastIndex = start;
    if (PLAIN_STRING.test(t)) {
      const end = PLAIN_STRING.lastIndex;
      this.pos = end;
      return t.slice(start + 1, end - 1);
    }
    let p = start + 1;
    let chunkStart = p;
    let out = '';
    for (;;) {
      if (p >= t.length) {
        this.failed = true;
        break;
      }
      const c = codeAt(t, p);
      if (c === QUOTE) {
        out += t.slice(chunkStart, p);
        p++;
        break;
      }
      if (c === 10 || c === 13) {
        this.failed = true;
        break;
      }
      if (c === BACKSLASH) {
        out += t.slice(chunkStart, p);
        const e = codeAt(t, p + 1);
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          p += 2;
        } else if (e === 117 /* u */ && /^[0-9a-fA-F]{4}$/.test(t.slice(p + 2, p + 6))) {
          out += String.fromCharCode(parseInt(t.slice(p + 2, p + 6), 16));
          p += 6;
        } else {
          p += 1;
        }
        chunkStart = p;
        continue;
      }
      p++;
    }
    if (this.failed) {
      out += t.slice(chunkStart, p);
    }
    this.pos = p;
    return out;
  }

  number(start: number): JsonScalar {
    const t = this.text;
    let p = start;
    for (;;) {
      const c = codeAt(t, p);
      // digits, sign, decimal point, exponent
      if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69) {
        p++;
      } else {
        break;
      }
    }
    this.pos = p;
    return { kind: 'number', start, end: p, raw: t.slice(start, p) };
  }

  /** Skips a nested value without building it: counts brackets outside strings. */
  private skipNested(): void {
    const t = this.text;
    let depth = 0;
    let p = this.pos;
    let inString = false;
    for (; p < t.length; p++) {
      const c = codeAt(t, p);
      if (inString) {
        if (c === BACKSLASH) {
          p++;
        } else if (c === QUOTE || c === 10) {
          inString = false;
        }
      } else if (c === QUOTE) {
        inString = true;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) {
          p++;
          break;
        }
      }
    }
    this.pos = p;
    this.failed ||= depth !== 0;
  }
}

/** A string without escapes or line breaks, read from a given offset (sticky). */
const PLAIN_STRING = /"[^"\\\n\r]*"/y;

const ESCAPES: Record<number, string> = {
  34: '"',
  92: '\\',
  47: '/',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
};
