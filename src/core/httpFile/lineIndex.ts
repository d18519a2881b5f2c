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
 * Line boundaries of a text, found in one pass. `\r\n`, `\r` and `\n` all end a line, as in VS Code, so offsets map
 * to the same positions the editor shows for CRLF and mixed files.
 */
export class LineIndex {
  /** Offset where each line starts. */
  readonly starts: Int32Array;
  /** Offset where each line's content ends (before its line break). */
  readonly ends: Int32Array;
  readonly lineCount: number;

  constructor(readonly text: string) {
    // Native searches find each break (an `indexOf` per line, not a loop per character), and the offsets go into
    // typed arrays that grow by doubling: a 1 MB file has 43,000 lines, and this runs on every lint.
    let starts: Int32Array = new Int32Array(64);
    let ends: Int32Array = new Int32Array(64);
    let count = 0;
    let start = 0;
    let lf = text.indexOf('\n');
    // A `\r` (CR or CRLF) is rare: found by its own search, consulted only when it comes before the next `\n`.
    let cr = text.indexOf('\r');
    for (;;) {
      let end: number;
      let next: number;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        end = cr;
        next = cr + 1;
        if (cr + 1 === lf) {
          next = cr + 2;
          lf = text.indexOf('\n', next);
        }
        cr = text.indexOf('\r', next);
      } else if (lf >= 0) {
        end = lf;
        next = lf + 1;
        lf = text.indexOf('\n', next);
      } else {
        end = text.length;
        next = -1;
      }
      if (count === starts.length) {
        starts = grow(starts);
        ends = grow(ends);
      }
      starts[count] = start;
      ends[count] = end;
      count++;
      if (next < 0) {
        break;
      }
      start = next;
    }
    this.starts = starts.subarray(0, count);
    this.ends = ends.subarray(0, count);
    this.lineCount = count;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.ends[line]);
  }

  /** The line holding `offset` (binary search). */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
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

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
