/** What {@link retryOnce} got: the result, how many attempts it took, and the failures on the way. */
export interface RetriedResult<T> {
  /** Undefined when both attempts failed. */
  readonly value: T | undefined;
  readonly attempts: number;
  readonly failures: readonly unknown[];
}

/**
 * Runs `attempt`, and once more if it throws: the VS Code host the benchmark starts can lose its browser page under
 * load ("Target page, context or browser has been closed"), and one such run should not cost the activation figure.
 * `onFailure` hears of each failure and whether another attempt follows. Never throws.
 */
export async function retryOnce<T>(
  attempt: () => Promise<T>,
  onFailure: (error: unknown, retrying: boolean) => void,
): Promise<RetriedResult<T>> {
  const failures: unknown[] = [];
  for (let i = 1; i <= 2; i++) {
    try {
      return { value: await attempt(), attempts: i, failures };
    } catch (error) {
      failures.push(error);
      onFailure(error, i < 2);
    }
  }
  return { value: undefined, attempts: 2, failures };
}
