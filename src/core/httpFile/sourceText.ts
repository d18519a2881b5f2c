/**
 * Text assembled from pieces of a document (body lines, comment contents after `#`), remembering where each piece came
 * from so that offsets found in it map back to exact document offsets.
 */
export class SourceText {
  private readonly virtualStarts: number[] = [];
  private readonly realStarts: number[] = [];
  private readonly lengths: number[] = [];
  private readonly parts: string[] = [];
  private length = 0;
  private cached: string | undefined;

  /**
   * Appends `document[start, end)`. With `contiguous` the piece continues the previous one through the document's own
   * line break (so the text is a plain slice of the document); otherwise pieces are joined by a `\n`.
   */
  append(document: string, start: number, end: number, contiguous = false): void {
    const last = this.realStarts.length - 1;
    if (contiguous && last >= 0) {
      const from = this.realStarts[last] + this.lengths[last];
      this.parts.push(document.slice(from, end));
      this.length += end - from;
      this.lengths[last] = end - this.realStarts[last];
      this.cached = undefined;
      return;
    }
    if (this.parts.length > 0) {
      this.parts.push('\n');
      this.length += 1;
    }
    this.virtualStarts.push(this.length);
    this.realStarts.push(start);
    this.lengths.push(end - start);
    this.parts.push(document.slice(start, end));
    this.length += end - start;
    this.cached = undefined;
  }

  get isEmpty(): boolean {
    return this.realStarts.length === 0;
  }

  get text(): string {
    this.cached ??= this.parts.join('');
    return this.cached;
  }

  /** Document offset of the first character. */
  get realStart(): number {
    return this.realStarts[0] ?? 0;
  }

  /** Document offset for a virtual offset; an offset on a joining `\n` maps to the end of the piece before it. */
  toReal(virtual: number): number {
    let lo = 0;
    let hi = this.virtualStarts.length - 1;
    if (hi < 0) {
      return 0;
    }
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.virtualStarts[mid] <= virtual) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    const within = Math.max(0, Math.min(virtual - this.virtualStarts[lo], this.lengths[lo]));
    return this.realStarts[lo] + within;
  }
}
