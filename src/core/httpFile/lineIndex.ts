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
    const n = text.length;
    if (text.indexOf('\r') < 0) {
      // The common case: only LF, found by the engine's native search.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        this.ends.push(i);
        this.starts.push(i + 1);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) {
          this.ends.push(i);
          if (c === 13 && text.charCodeAt(i + 1) === 10) {
            i++;
          }
          this.starts.push(i + 1);
        }
      }
    }
    this.ends.push(n);
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
