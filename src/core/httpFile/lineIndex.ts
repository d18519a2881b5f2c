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
 * Line boundaries of a text, found in one pass, so offsets map to the same positions the editor shows for CRLF and
 * mixed files. `\r\n`, `\r` and `\n` all end a line, as in VS Code.
 */
export class LineIndex {
  /** Offset where each line starts. */
  readonly starts: Int32Array;
  /** Offset where each line's content ends, before its line break. */
  readonly ends: Int32Array;
  readonly lineCount: number;
  /** The answer of the last {@link lineAt}, where the next lookup starts. */
  private lastLine = 0;

  /**
   * The engine's native search finds each break (an `indexOf` per line, not a loop per character); a `\r` is rare, so
   * its own search is consulted only when it comes before the next `\n`. The walk keeps its place in local variables
   * rather than in the fields of a cursor object, which the engine has to store and load again on every line.
   *
   * Always typed arrays, also for short texts: once an engine has seen both kinds, every lookup in the index is
   * polymorphic and slower.
   */
  constructor(readonly text: string) {
    let starts: Int32Array = new Int32Array(initialCapacity(text.length));
    let ends: Int32Array = new Int32Array(starts.length);
    let n = 0;
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    let start = 0;
    for (;;) {
      if (n === starts.length) {
        starts = grow(starts);
        ends = grow(ends);
      }
      starts[n] = start;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        ends[n++] = cr;
        start = cr + 1;
        if (start === lf) {
          start++;
          lf = text.indexOf('\n', start);
        }
        cr = text.indexOf('\r', start);
      } else if (lf >= 0) {
        ends[n++] = lf;
        start = lf + 1;
        lf = text.indexOf('\n', start);
      } else {
        ends[n++] = text.length;
        break;
      }
    }
    this.lineCount = n;
    this.starts = starts.subarray(0, n);
    this.ends = ends.subarray(0, n);
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
 * Room for a line per 16 characters, at least 16 lines: most texts then never grow the index (each growth copies it),
 * and one with shorter lines grows it once or twice.
 */
function initialCapacity(textLength: number): number {
  return Math.max(16, textLength >> 4);
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
