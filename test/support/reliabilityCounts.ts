/**
 * Counts the cases each reliability target tried and passed, and prints one line per target after its suite, so the
 * issue's resolution can quote them (`reliability: <target>: N tried, N passed`).
 */
export class ReliabilityCounts {
  private tried = 0;
  private passed = 0;

  constructor(private readonly target: string) {
    after(() => {
      if (this.tried > 0) {
        console.log(`      reliability: ${this.target}: ${this.tried} tried, ${this.passed} passed`);
      }
    });
  }

  /** Runs one case, counting it as tried, and as passed when it does not throw. */
  async check<T>(run: () => T | Promise<T>): Promise<T> {
    this.tried++;
    const result = await run();
    this.passed++;
    return result;
  }

  /** Adds cases checked elsewhere (e.g. the runs of a fast-check property that passed). */
  add(tried: number, passed = tried): void {
    this.tried += tried;
    this.passed += passed;
  }
}
