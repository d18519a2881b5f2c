/**
 * Words and colours for token lifetimes, shared by the token explorer, the status bar and the details document, so
 * every surface says "expires in 42 min" the same way and turns yellow at the same moment. The words go through the
 * `translate` the caller passes (VS Code's l10n in the extension).
 */
import type { Translate } from '../text/translate';

/** Under this much time left the status bar turns to its warning colour. */
export const EXPIRY_WARNING_MS = 5 * 60_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How urgent a token's expiry is: drives icons and the status-bar background. */
export type ExpiryUrgency = 'unknown' | 'ok' | 'warning' | 'expired';

/** Classifies the time left on a token; `undefined` (no `expires_in`) is `unknown`, not `ok`. */
export function expiryUrgency(msLeft: number | undefined): ExpiryUrgency {
  if (msLeft === undefined) {
    return 'unknown';
  }
  if (msLeft <= 0) {
    return 'expired';
  }
  return msLeft < EXPIRY_WARNING_MS ? 'warning' : 'ok';
}

/**
 * A coarse duration: "45 s" is never shown (labels update once a minute), so under a minute reads "less than a
 * minute"; whole minutes are rounded down so a label never promises time that is not there.
 */
export function formatDuration(ms: number, translate: Translate): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) {
    return translate('less than a minute');
  }
  if (abs < HOUR) {
    return translate('{0} min', Math.floor(abs / MINUTE));
  }
  if (abs < DAY) {
    const hours = Math.floor(abs / HOUR);
    const minutes = Math.floor((abs % HOUR) / MINUTE);
    return minutes === 0 ? translate('{0} h', hours) : translate('{0} h {1} min', hours, minutes);
  }
  const days = Math.floor(abs / DAY);
  return days === 1 ? translate('1 day') : translate('{0} days', days);
}

/** "expires in 42 min", "expired 3 min ago", or "expiry unknown" for a token without `expires_at`. */
export function describeExpiry(msLeft: number | undefined, translate: Translate): string {
  if (msLeft === undefined) {
    return translate('expiry unknown');
  }
  if (msLeft <= 0) {
    return -msLeft < MINUTE
      ? translate('expired just now')
      : translate('expired {0} ago', formatDuration(msLeft, translate));
  }
  return translate('expires in {0}', formatDuration(msLeft, translate));
}

/** The status bar's compact form: "42m", "1h 5m", "<1m", "expired", "?" when unknown. */
export function shortRemaining(msLeft: number | undefined, translate: Translate): string {
  if (msLeft === undefined) {
    return '?';
  }
  if (msLeft <= 0) {
    return translate('expired');
  }
  if (msLeft < MINUTE) {
    return translate('<1m');
  }
  if (msLeft < HOUR) {
    return translate('{0}m', Math.floor(msLeft / MINUTE));
  }
  if (msLeft < DAY) {
    const hours = Math.floor(msLeft / HOUR);
    const minutes = Math.floor((msLeft % HOUR) / MINUTE);
    return minutes === 0 ? translate('{0}h', hours) : translate('{0}h {1}m', hours, minutes);
  }
  return translate('{0}d', Math.floor(msLeft / DAY));
}

/**
 * Milliseconds until any label may read differently: the next whole-minute boundary of any expiry, or an expiry
 * itself, whichever is first; at most one minute. Lets the UI tick exactly when "42 min" becomes "41 min" or a
 * token turns expired, instead of polling.
 */
export function msUntilNextLabelChange(expiriesMs: readonly number[], nowMs: number): number {
  let next = MINUTE;
  for (const expiry of expiriesMs) {
    const left = expiry - nowMs;
    // Before expiry the label shows floor(left / 1 min), which drops 1 ms after each whole minute (and at zero it
    // becomes "expired"); after expiry it shows floor(elapsed / 1 min), which grows on each whole minute.
    next = Math.min(next, left > 0 ? (left % MINUTE) + 1 : MINUTE - (-left % MINUTE));
  }
  return Math.max(1, Math.ceil(next));
}

/** When to refresh a token ahead of its expiry: `aheadMs` before it, or halfway for very short-lived tokens. */
export function refreshDelayMs(msLeft: number, lifetimeMs: number | undefined, aheadMs: number): number {
  const margin = lifetimeMs !== undefined && lifetimeMs > 0 ? Math.min(aheadMs, lifetimeMs / 2) : aheadMs;
  return Math.max(0, msLeft - margin);
}
