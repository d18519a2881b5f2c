/**
 * The two ways a waiting sign-in ends without a callback: its timeout (default 5 minutes) or its AbortSignal. Both
 * become typed errors (`FLOW_TIMEOUT`, `FLOW_CANCELLED`) instead of github-auth's bare strings.
 */
import { localText } from '../text/localText';
import { AuthorizationFlowError } from './oauthErrors';

/** Default wait for the browser to come back. */
export const DEFAULT_FLOW_TIMEOUT_MS = 5 * 60_000;

/** Races a promise against a timeout and an AbortSignal; `dispose()` clears the timer and the listener. */
export class FlowDeadline {
  /** Rejects when the deadline passes or the signal aborts; never resolves. */
  readonly expired: Promise<never>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onAbort: () => void;

  constructor(
    timeoutMs: number = DEFAULT_FLOW_TIMEOUT_MS,
    private readonly signal?: AbortSignal,
  ) {
    let fail: (err: AuthorizationFlowError) => void = () => undefined;
    this.expired = new Promise<never>((_, reject) => {
      fail = reject;
    });
    // Callers race on this promise; keep an unobserved rejection from being reported when the race is already over.
    this.expired.catch(() => undefined);
    this.onAbort = () => fail(cancelledError());
    this.timer = setTimeout(
      () =>
        fail(
          new AuthorizationFlowError(
            'FLOW_TIMEOUT',
            localText(
              'No redirect came back within {0} s; the sign-in was stopped.',
              formatSeconds(timeoutMs),
            ),
            { fix: localText('Sign in again and finish the login in the browser before the time runs out.') },
          ),
        ),
      timeoutMs,
    );
    if (signal?.aborted) {
      this.onAbort();
    } else {
      signal?.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  /** Settles with `work`, or rejects with the timeout or cancellation, whichever comes first. */
  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.expired]);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

/** The error for a sign-in the user or caller cancelled. */
export function cancelledError(): AuthorizationFlowError {
  return new AuthorizationFlowError('FLOW_CANCELLED', localText('The sign-in was cancelled.'));
}

function formatSeconds(ms: number): string {
  return ms >= 10_000 ? String(Math.round(ms / 1000)) : String(Math.round(ms / 100) / 10);
}
