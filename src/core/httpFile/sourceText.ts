/**
 * Text assembled from pieces of a document (body lines, comment contents after `#`), remembering where each piece came
 * from so that offsets found in it map back to exact document offsets. Pieces are kept as offsets into the document,
 * and the text is built only when asked for.
 *
 * Most texts are one piece (a body is one slice of the document, its lines joined by the document's own line breaks),
 * so the first piece lives in fields and only later pieces go into an array: a large file has thousands of these.
 */
export class SourceText {
  private document = '';
  /** The first piece: document start and length (its virtual start is 0); -1 while the text is empty. */
  private firstStart = -1;
  private firstLength = 0;
  /** Pieces after the first, as triples: virtual start, document start, length. */
  private more: number[] | undefined;
  private cached: string | undefined;

  /**
   * Appends `document[start, end)`. With `contiguous` the piece continues the previous one through the document's own
   * line break (so the text is a plain slice of the document); otherwise pieces are joined by a `\n`.
   */
  append(document: string, start: number, end: number, contiguous = false): void {
    this.document = document;
    this.cached = undefined;
    if (this.firstStart < 0) {
      this.firstStart = start;
      this.firstLength = end - start;
      return;
    }
    const more = this.more;
    if (contiguous) {
      if (more === undefined) {
        this.firstLength = end - this.firstStart;
      } else {
        const last = more.length - 3;
        more[last + 2] = end - more[last + 1];
      }
      return;
    }
    // A joining `\n`, then the piece. The virtual start is read before `more` is made.
    const virtualStart = this.textLength + 1;
    (this.more ??= []).push(virtualStart, start, end - start);
  }

  get isEmpty(): boolean {
    return this.firstStart < 0;
  }

  /** Length of {@link text}, known without building it: where the last piece starts in it, plus that piece. */
  get textLength(): number {
    const more = this.more;
    if (more === undefined) {
      return this.firstLength;
    }
    const last = more.length - 3;
    return more[last] + more[last + 2];
  }

  get text(): string {
    if (this.cached === undefined) {
      const first =
        this.firstStart < 0 ? '' : this.document.slice(this.firstStart, this.firstStart + this.firstLength);
      const more = this.more;
      if (more === undefined) {
        this.cached = first;
      } else {
        const parts = [first];
        for (let i = 0; i < more.length; i += 3) {
          parts.push(this.document.slice(more[i + 1], more[i + 1] + more[i + 2]));
        }
        this.cached = parts.join('\n');
      }
    }
    return this.cached;
  }

  /** Document offset for a virtual offset; an offset on a joining `\n` maps to the end of the piece before it. */
  toReal(virtual: number): number {
    if (this.firstStart < 0) {
      return 0;
    }
    const more = this.more;
    if (more === undefined || virtual < more[0]) {
      return this.firstStart + Math.max(0, Math.min(virtual, this.firstLength));
    }
    let lo = 0;
    let hi = more.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (more[mid * 3] <= virtual) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    const i = lo * 3;
    return more[i + 1] + Math.max(0, Math.min(virtual - more[i], more[i + 2]));
  }
}
