/**
 * Expansion of `{{name}}` references with bounded cost. A `.http` file is attacker input: a few lines such as
 * `@a = {{b}}{{b}}{{b}}…` nest into a text that doubles (or worse) with every level, and a file can refer to the same
 * variable thousands of times. Expansion here stops at a size and a depth, and an expander remembers what each
 * variable expands to, so a file costs time and memory in proportion to its length, whatever its variables do.
 */

/** How far an expansion may go. */
export interface ExpansionLimits {
  /** The longest expanded text; an expansion that would be longer is given up (see {@link Expansion}). */
  readonly maxLength: number;
  /**
   * How many levels of references are replaced: 1 replaces the references in the text itself, 2 also those in the
   * values put in, and so on. References nested deeper stay as written.
   */
  readonly maxDepth: number;
}

/** What the linter uses: a URL's scheme, host and path need no more, and four levels were always resolved. */
export const LINT_EXPANSION_LIMITS: ExpansionLimits = { maxLength: 1024, maxDepth: 4 };

/** The value of a variable by its name (as written between the braces, without blanks), or undefined if unknown. */
export type VariableLookup = (name: string) => string | undefined;

/** The result of expanding one text. */
export interface Expansion {
  /**
   * The text with every reference to a known variable replaced, up to {@link ExpansionLimits.maxDepth} levels deep;
   * references to unknown variables stay as written. Undefined when the result would be longer than
   * {@link ExpansionLimits.maxLength}: the caller then has no expansion at all, never a cut one.
   */
  readonly text: string | undefined;
  /** Whether some reference was left as written because it was nested deeper than the limit allows. */
  readonly tooDeep: boolean;
}

/** Stands for an expansion given up because it would be longer than the limit. */
const TOO_LONG = Symbol('too long');

interface MemoEntry {
  readonly text: string | typeof TOO_LONG;
  readonly tooDeep: boolean;
}

/**
 * Expands many texts against the same variables. Each variable is expanded at most once per remaining depth, and
 * a text costs its own length plus the length of its result: a file that refers to a large variable a thousand times
 * pays for that variable once. The lookup must answer the same for as long as the expander is used.
 */
export class VariableExpander {
  /** Per remaining depth (index), the expansion of each variable's value. */
  private readonly memo: Map<string, MemoEntry>[] = [];

  constructor(
    private readonly lookup: VariableLookup,
    readonly limits: ExpansionLimits,
  ) {
    for (let depth = 0; depth <= limits.maxDepth; depth++) {
      this.memo.push(new Map());
    }
  }

  /** `text` with its references expanded within the limits. */
  expand(text: string): Expansion {
    const result = this.expandAt(text, this.limits.maxDepth);
    return { text: result.text === TOO_LONG ? undefined : result.text, tooDeep: result.tooDeep };
  }

  /** Replaces the references in `text` with their values, themselves expanded `depth - 1` levels further. */
  private expandAt(text: string, depth: number): MemoEntry {
    const maxLength = this.limits.maxLength;
    if (depth === 0 || text.indexOf('{{') < 0) {
      return { text: text.length > maxLength ? TOO_LONG : text, tooDeep: depth === 0 && hasReference(text) };
    }
    // Pieces joined once at the end: a flat string, where `+=` would build a tree of concatenations that every later
    // read of the text (and of every text it is put into) walks again.
    const pieces: string[] = [];
    let length = 0;
    let from = 0;
    let tooDeep = false;
    for (let m = nextReference(text, 0); m; m = nextReference(text, m.end)) {
      const value = this.variable(m.name, depth - 1);
      if (value === undefined) {
        continue;
      }
      if (value.text === TOO_LONG) {
        return { text: TOO_LONG, tooDeep };
      }
      tooDeep ||= value.tooDeep;
      // The length is checked before the pieces are joined, so no text longer than the limit is ever built.
      length += m.start - from + value.text.length;
      if (length > maxLength) {
        return { text: TOO_LONG, tooDeep };
      }
      pieces.push(text.slice(from, m.start), value.text);
      from = m.end;
    }
    if (length + (text.length - from) > maxLength) {
      return { text: TOO_LONG, tooDeep };
    }
    if (from === 0) {
      return { text, tooDeep };
    }
    pieces.push(text.slice(from));
    return { text: pieces.join(''), tooDeep };
  }

  /** The value of `name` expanded `depth` levels, or undefined for an unknown variable. */
  private variable(name: string, depth: number): MemoEntry | undefined {
    const memo = this.memo[depth];
    const known = memo.get(name);
    if (known !== undefined) {
      return known;
    }
    const value = this.lookup(name);
    if (value === undefined) {
      return undefined;
    }
    // A value longer than the limit could only shrink below it through empty variables; it is given up unread, so
    // that a huge value costs nothing however often it is referred to.
    const entry: MemoEntry =
      value.length > this.limits.maxLength ? { text: TOO_LONG, tooDeep: false } : this.expandAt(value, depth);
    memo.set(name, entry);
    return entry;
  }
}

/** `text` with its `{{name}}` references expanded within `limits` (see {@link VariableExpander} for many texts). */
export function expandVariables(text: string, lookup: VariableLookup, limits: ExpansionLimits): Expansion {
  return new VariableExpander(lookup, limits).expand(text);
}

/** A `{{ name }}` reference found in a text: where it starts and ends, and the name between the braces. */
export interface Reference {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

/**
 * The first reference at or after `from`: `{{`, blanks, a name of the characters file variables use (letters,
 * digits, `_ . $ -`), blanks, `}}`. System variables with arguments (`{{$auth.token("id")}}`) are not references here
 * and stay as written. Reads each character a bounded number of times, so a text costs its length.
 */
export function nextReference(text: string, from: number): Reference | undefined {
  for (let open = text.indexOf('{{', from); open >= 0; open = text.indexOf('{{', open + 1)) {
    let p = skipBlanks(text, open + 2);
    const nameStart = p;
    while (p < text.length && isNameChar(text.charCodeAt(p))) {
      p++;
    }
    if (p === nameStart) {
      continue;
    }
    const nameEnd = p;
    p = skipBlanks(text, p);
    if (text.charCodeAt(p) === CLOSE_BRACE && text.charCodeAt(p + 1) === CLOSE_BRACE) {
      return { start: open, end: p + 2, name: text.slice(nameStart, nameEnd) };
    }
  }
  return undefined;
}

const CLOSE_BRACE = 0x7d;
const WHITE_SPACE = /\s/;

function skipBlanks(text: string, from: number): number {
  let p = from;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    const blank = c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && WHITE_SPACE.test(text[p]));
    if (!blank) {
      break;
    }
    p++;
  }
  return p;
}

/** `A-Z a-z 0-9 _ . $ -`. */
function isNameChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2e ||
    c === 0x24 ||
    c === 0x2d
  );
}

/**
 * `value` with the file's variables expanded within `limits`, or as written when the expansion would be too long:
 * for callers that want text either way.
 */
export function resolveVariables(
  value: string,
  variables: ReadonlyMap<string, string>,
  limits: ExpansionLimits = LINT_EXPANSION_LIMITS,
): string {
  return expandVariables(value, (name) => variables.get(name), limits).text ?? value;
}

function hasReference(text: string): boolean {
  return nextReference(text, 0) !== undefined;
}

/** Expanders for the lint, one per map of file variables, kept only as long as the map is. */
const lintExpanders = new WeakMap<
  ReadonlyMap<string, string>,
  { size: number; expander: VariableExpander }
>();

/**
 * The lint's expander for a file's variables. The linter fills that map while it reads the file and resolves requests
 * against it only once it is complete, so one expander serves every request of a lint; a map that has grown since
 * gets a new one.
 */
export function lintExpander(variables: ReadonlyMap<string, string>): VariableExpander {
  const known = lintExpanders.get(variables);
  if (known && known.size === variables.size) {
    return known.expander;
  }
  const expander = new VariableExpander((name) => variables.get(name), LINT_EXPANSION_LIMITS);
  lintExpanders.set(variables, { size: variables.size, expander });
  return expander;
}
