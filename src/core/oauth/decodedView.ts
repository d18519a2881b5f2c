/**
 * A decoded view of text for finding secrets in it: one layer of percent-encoding, HTML character references and JSON
 * escapes undone, line breaks and zero-width characters dropped, and for every character of the view the stretch of
 * the source it came from, so that a match in the view can be masked in the source. One pass, linear in the length.
 */

/** Line breaks and zero-width characters: a secret split by one is still the secret. */
export function isDropped(c: number, byteMode = false): boolean {
  return (
    c === 0x0a ||
    c === 0x0d ||
    (!byteMode &&
      (c === 0xad || c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff))
  );
}

/** A decoded view of some text: `view[i]` came from `source.slice(from[i], to[i])`; no arrays when nothing changed. */
export interface DecodedView {
  readonly view: string;
  readonly from?: Int32Array;
  readonly to?: Int32Array;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  plus: '+',
  sol: '/',
  colon: ':',
  equals: '=',
  percnt: '%',
  num: '#',
  excl: '!',
  nbsp: ' ',
};

function needsDecoding(source: string, byteMode: boolean): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x25 || c === 0x26 || c === 0x5c || isDropped(c, byteMode)) {
      return true;
    }
  }
  return false;
}

/**
 * Decodes one layer of percent-encoding, HTML character references and JSON escapes, and drops line breaks and
 * zero-width characters. In byte mode (decoded base64), `%XX` gives the byte itself as a Latin-1 character.
 */
export function decodeView(source: string, byteMode: boolean): DecodedView {
  if (!needsDecoding(source, byteMode)) {
    return { view: source };
  }
  // A decoded character never takes more code units than its source did, so the source length bounds everything.
  const codes = new Uint16Array(source.length);
  const from = new Int32Array(source.length);
  const to = new Int32Array(source.length);
  let length = 0;
  const emit = (chars: string, start: number, end: number): void => {
    for (let k = 0; k < chars.length; k++) {
      codes[length] = chars.charCodeAt(k);
      from[length] = start;
      to[length++] = end;
    }
  };
  let i = 0;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (isDropped(c, byteMode)) {
      i++;
    } else if (c === 0x25 /* % */ && hexByte(source, i) >= 0) {
      const decoded = byteMode ? percentByte(source, i) : percentUtf8(source, i);
      emit(decoded.chars, i, decoded.end);
      i = decoded.end;
    } else if (c === 0x26 /* & */ || c === 0x5c /* \ */) {
      const decoded = c === 0x26 ? htmlEntity(source, i) : jsonEscape(source, i);
      emit(decoded?.chars ?? source[i], i, decoded?.end ?? i + 1);
      i = decoded?.end ?? i + 1;
    } else {
      codes[length] = c;
      from[length] = i;
      to[length++] = ++i;
    }
  }
  return { view: stringOf(codes.subarray(0, length)), from, to };
}

export function stringOf(codes: Uint16Array | Uint8Array): string {
  const chunks: string[] = [];
  for (let k = 0; k < codes.length; k += 8192) {
    chunks.push(String.fromCharCode(...codes.subarray(k, k + 8192)));
  }
  return chunks.join('');
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) {
    return c - 0x30;
  }
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** The byte of `%XX` at `at`, or -1. */
function hexByte(source: string, at: number): number {
  if (source.charCodeAt(at) !== 0x25 || at + 2 >= source.length) {
    return -1;
  }
  const high = hexDigit(source.charCodeAt(at + 1));
  const low = hexDigit(source.charCodeAt(at + 2));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

interface Decoded {
  readonly chars: string;
  readonly end: number;
}

function percentByte(source: string, at: number): Decoded {
  return { chars: String.fromCharCode(hexByte(source, at)), end: at + 3 };
}

/** `%XX` as text: an ASCII byte, or a whole UTF-8 sequence of `%XX`s; a broken sequence stays as written. */
function percentUtf8(source: string, at: number): Decoded {
  const lead = hexByte(source, at);
  const length = lead < 0x80 ? 1 : lead >= 0xf0 && lead < 0xf8 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (length === 0) {
    return { chars: source.slice(at, at + 3), end: at + 3 };
  }
  let code = length === 1 ? lead : lead & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const next = hexByte(source, at + 3 * k);
    if (next < 0x80 || next > 0xbf) {
      return { chars: source.slice(at, at + 3), end: at + 3 };
    }
    code = code * 64 + (next & 0x3f);
  }
  return code > 0x10ffff
    ? { chars: source.slice(at, at + 3), end: at + 3 }
    : { chars: String.fromCodePoint(code), end: at + 3 * length };
}

function htmlEntity(source: string, at: number): Decoded | undefined {
  // `&#1234567;` and `&ThisIsAName;` are the longest worth reading; look no further than that.
  let semicolon = -1;
  for (let k = at + 1; k < Math.min(source.length, at + 13); k++) {
    if (source[k] === ';') {
      semicolon = k;
      break;
    }
  }
  if (semicolon < 0) {
    return undefined;
  }
  const body = source.slice(at + 1, semicolon);
  let code: number | undefined;
  if (/^#[0-9]{1,7}$/.test(body)) {
    code = Number(body.slice(1));
  } else if (/^#[xX][0-9a-fA-F]{1,6}$/.test(body)) {
    code = parseInt(body.slice(2), 16);
  } else if (Object.prototype.hasOwnProperty.call(NAMED_ENTITIES, body)) {
    return { chars: NAMED_ENTITIES[body], end: semicolon + 1 };
  }
  return code !== undefined && code <= 0x10ffff
    ? { chars: String.fromCodePoint(code), end: semicolon + 1 }
    : undefined;
}

function jsonEscape(source: string, at: number): Decoded | undefined {
  const next = source[at + 1];
  if (next === '/' || next === '"' || next === '\\') {
    return { chars: next, end: at + 2 };
  }
  if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(at + 2, at + 6))) {
    return { chars: String.fromCharCode(parseInt(source.slice(at + 2, at + 6), 16)), end: at + 6 };
  }
  return undefined;
}
