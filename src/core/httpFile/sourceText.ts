/**
 * Text assembled from pieces of a document (body lines, comment contents after `#`), remembering where each piece came
 * from so that offsets found in it map back to exact document offsets. Pieces are kept as offsets into the document
 * (one flat array), and the text is built only when asked for.
 */
export class SourceText {
  private document = '';
  /** Triples: virtual start, document start, length. */
  private readonly pieces: number[] = [];
  private length = 0;
  private cached: string | undefined;

  /**
   * Appends `document[start, end)`. With `contiguous` the piece continues the previous one through the document's own
   * line break (so the text is a plain slice of the document); otherwise pieces are joined by a `\n`.
   */
  append(document: string, start: number, end: number, contiguous = false): void {
    this.document = document;
    this.cached = undefined;
    const p = this.pieces;
    const last = p.length - 3;
    if (contiguous && last >= 0) {
      const newLength = end - p[last + 1];
      this.length += newLength - p[last + 2];
      p[last + 2] = newLength;
      return;
    }
    if (last >= 0) {
      this.length += 1;
    }
    p.push(this.length, start, end - start);
    this.length += end - start;
  }

  get isEmpty(): boolean {
    return this.pieces.length === 0;
  }

  /** Length of {@link text}, known without building it. */
  get textLength(): number {
    return this.length;
  }

  get text(): string {
    if (this.cached === undefined) {
      const p = this.pieces;
      if (p.length === 3) {
        this.cached = this.document.slice(p[1], p[1] + p[2]);
      } else {
        const parts: string[] = [];
        for (let i = 0; i < p.length; i += 3) {
          parts.push(this.document.slice(p[i + 1], p[i + 1] + p[i + 2]));
        }
        this.cached = parts.join('\n');
      }
    }
    return this.cached;
  }

  /** Document offset for a virtual offset; an offset on a joining `\n` maps to the end of the piece before it. */
  toReal(virtual: number): number {
    const p = this.pieces;
    const count = p.length / 3;
    if (count === 0) {
      return 0;
    }
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (p[mid * 3] <= virtual) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    const i = lo * 3;
    return p[i + 1] + Math.max(0, Math.min(virtual - p[i], p[i + 2]));
  }
}
