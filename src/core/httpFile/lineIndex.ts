/** A zero-based line and UTF-16 column, the unit VS Code and the CLI output share. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open span between two positions. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/**
 * Walks the lines of a text: after each successful {@link advance}, `start` and `end` are the offsets of the current
 * line's content. `\r\n`, `\r` and `\n` all end a line, as in VS Code. The engine's native search finds each break (an
 * `indexOf` per line, not a loop per character); a `\r` is rare, so its own search is consulted only when it comes
 * before the next `\n`.
 */
export class LineCursor {
  start = 0;
  end = 0;
  private next = 0;
  private lf: number;
  private cr: number;

  constructor(private readonly text: string) {
    this.lf = text.indexOf('\n');
    this.cr = text.indexOf('\r');
  }

  /** Moves to the next line; false once the last line (which may be empty) has been visited. */
  advance(): boolean {
    const start = this.next;
    if (start < 0) {
      return false;
    }
    const text = this.text;
    const lf = this.lf;
    const cr = this.cr;
    this.start = start;
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      this.end = cr;
      let next = cr + 1;
      if (next === lf) {
        next++;
        this.lf = text.indexOf('\n', next);
      }
      this.cr = text.indexOf('\r', next);
      this.next = next;
    } else if (lf >= 0) {
      this.end = lf;
      this.next = lf + 1;
      this.lf = text.indexOf('\n', lf + 1);
    } else {
      this.end = text.length;
      this.next = -1;
    }
    return true;
  }
}

/**
 * Line boundaries of a text, found in one pass, so offsets map to the same positions the editor shows for CRLF and
 * mixed files. The parser fills one while it reads the lines ({@link LineIndex.filledBy}), so the text is walked once.
 */
export class LineIndex {
  /** Offset where each line starts. */
  starts: Int32Array;
  /** Offset where each line's content ends, before its line break. */
  ends: Int32Array;
  lineCount = 0;
  /** The answer of the last {@link lineAt}, where the next lookup starts. */
  private lastLine = 0;

  /**
   * With `scan` false the index starts empty, for a caller that fills it itself (see {@link LineIndex.filledBy}).
   *
   * Always typed arrays, starting at 16 entries (what V8 keeps inside the object heap) and doubling. Plain arrays for
   * short texts made opening a document a little faster, but once both kinds had been seen every lookup in the index
   * was polymorphic: a whole-file lint after the editor had linted blocks took 9.4 ms instead of 6.4.
   */
  constructor(
    readonly text: string,
    scan = true,
  ) {
    const capacity = initialCapacity(text.length);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    if (scan) {
      const cursor = new LineCursor(text);
      while (cursor.advance()) {
        this.add(cursor.start, cursor.end);
      }
      this.trim();
    }
  }

  /** An index filled line by line by the caller (with {@link add}, then {@link trim}) while it walks the text. */
  static filledBy(text: string): LineIndex {
    return new LineIndex(text, false);
  }

  /** Appends the next line. Lines added so far can be looked up while more are coming. */
  add(start: number, end: number): void {
    const n = this.lineCount;
    if (n === this.starts.length) {
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.starts[n] = start;
    this.ends[n] = end;
    this.lineCount = n + 1;
  }

  /** Drops the spare capacity, so `starts` and `ends` are exactly `lineCount` long. */
  trim(): void {
    this.starts = this.starts.subarray(0, this.lineCount);
    this.ends = this.ends.subarray(0, this.lineCount);
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.ends[line]);
  }

  /**
   * The line holding `offset`. Lookups come in runs that move forward through the text (the findings of one block,
   * then of the next), so the search gallops forward from the line of the previous lookup, in steps of 1, 2, 4…, and
   * only then halves the last step: a lookup a few lines on costs a few comparisons, not a search of the whole file.
   */
  lineAt(offset: number): number {
    const starts = this.starts;
    const count = this.lineCount;
    let lo = 0;
    let hi = count - 1;
    const previous = this.lastLine;
    if (previous < count && starts[previous] <= offset) {
      lo = previous;
      let step = 1;
      while (lo + step < count && starts[lo + step] <= offset) {
        lo += step;
        step *= 2;
      }
      hi = Math.min(lo + step, count) - 1;
    }
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    this.lastLine = lo;
    return lo;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: Math.min(clamped, this.ends[line]) - this.starts[line] };
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }
}

/**
 * Room for a line per 16 characters, at least 16 lines: most texts then never grow (a 1 MB file grew the index twelve
 * times, copying it each time), and one with shorter lines grows once or twice.
 */
function initialCapacity(textLength: number): number {
  return Math.max(16, textLength >> 4);
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
