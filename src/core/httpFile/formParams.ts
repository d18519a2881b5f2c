import { formDecode } from '../wire/formEncoding';
import { isName } from './charCodes';

/**
 * A `name=value` pair of a query string or form body, with offsets of the raw text it came from. The value is cut
 * and decoded the first time it is read: the lints read the values of one or two parameters (`grant_type`, `error`,
 * and a profile's client id and redirect URI when profiles exist), so the others are never cut or decoded.
 */
export class FormParam {
  private decoded: string | undefined;

  constructor(
    readonly name: string,
    private readonly text: string,
    readonly start: number,
    readonly valueStart: number,
    readonly valueEnd: number,
    /** The raw value has a `+` or `%`: without one, decoding leaves it as it is. */
    private readonly encoded: boolean,
  ) {}

  /** The decoded value (`+` and `%xx` undone; left raw where the escape is malformed). */
  get value(): string {
    if (this.decoded === undefined) {
      const raw = this.text.slice(this.valueStart, this.valueEnd);
      this.decoded = this.encoded ? formDecode(raw) : raw;
    }
    return this.decoded;
  }
}

/**
 * Splits `text[start, end)` into `name=value` pairs on `&` and line breaks (REST Client lets a form body continue
 * on the next line with `&`). Offsets are into `text`.
 */
export function parseFormParams(text: string, start = 0, end = text.length): FormParam[] {
  const params: FormParam[] = [];
  let p = start;
  while (p < end) {
    let q = p;
    let eq = -1;
    // Whether the name or the value has a `+` or `%`: without one, decoding leaves it as it is.
    let encodedName = false;
    let encodedValue = false;
    while (q < end) {
      const c = text.charCodeAt(q);
      if (c === 38 || c === 10 || c === 13) {
        break;
      }
      if (c === 61 && eq < 0) {
        eq = q;
      } else if (c === 43 || c === 37) {
        if (eq < 0) {
          encodedName = true;
        } else {
          encodedValue = true;
        }
      }
      q++;
    }
    // The name without the blanks around it, found in place: cutting and then trimming made two strings of it.
    let nameStart = p;
    let nameEnd = eq < 0 ? q : eq;
    while (nameStart < nameEnd && isTrimmed(text.charCodeAt(nameStart))) {
      nameStart++;
    }
    while (nameEnd > nameStart && isTrimmed(text.charCodeAt(nameEnd - 1))) {
      nameEnd--;
    }
    if (nameEnd > nameStart) {
      const rawName = text.slice(nameStart, nameEnd);
      const valueStart = eq < 0 ? q : skipBlanks(text, eq + 1, q);
      let valueEnd = q;
      while (
        valueEnd > valueStart &&
        (text.charCodeAt(valueEnd - 1) === 32 || text.charCodeAt(valueEnd - 1) === 9)
      ) {
        valueEnd--;
      }
      params.push(
        new FormParam(
          encodedName ? formDecode(rawName) : rawName,
          text,
          p,
          valueStart,
          valueEnd,
          encodedValue,
        ),
      );
    }
    p = q + 1;
  }
  return params;
}

/** The first parameter of that name. */
export function findParam(params: readonly FormParam[], name: string): FormParam | undefined {
  for (const p of params) {
    if (isName(p.name, name)) {
      return p;
    }
  }
  return undefined;
}

/** What `String.prototype.trim` removes: ASCII blanks and line breaks here, and for the rest its own answer. */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && String.fromCharCode(c).trim() === '');
}

function skipBlanks(text: string, p: number, end: number): number {
  while (p < end && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) {
    p++;
  }
  return p;
}
