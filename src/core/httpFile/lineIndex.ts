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
  readonly starts: number[] = [0];
  /** Offset where each line's content ends (before its line break). */
  readonly ends: number[] = [];

  constructor(readonly text: string) {
    const { starts, ends } = this;
    // The engine's native search finds each break; a `\r` (CR or CRLF) is rare, so it is searched for separately.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        ends.push(cr);
        const next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
        starts.push(next);
        if (next === cr + 2) {
          lf = text.indexOf('\n', next);
        }
        cr = text.indexOf('\r', next);
      } else {
        ends.push(lf);
        starts.push(lf + 1);
        lf = text.indexOf('\n', lf + 1);
      }
    }
    ends.push(text.length);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.ends[line]);
  }

  /** The line holding `offset` (binary search). */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
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
