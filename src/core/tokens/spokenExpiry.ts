/**
 * Token lifetimes as a screen reader should say them: "expires in 55 minutes" rather than the tree's compact
 * "expires in 55 min". Same rounding as `describeExpiry`, so the spoken and the shown text never disagree. Each
 * count has its own message for one and for more, so a translation can say both its own way.
 */
import type { Translate } from '../text/translate';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function minutes(n: number, translate: Translate): string {
  return n === 1 ? translate('1 minute') : translate('{0} minutes', n);
}

function hours(n: number, translate: Translate): string {
  return n === 1 ? translate('1 hour') : translate('{0} hours', n);
}

/** "55 minutes", "1 hour 5 minutes", "2 days", "less than a minute". */
export function spokenDuration(ms: number, translate: Translate): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) {
    return translate('less than a minute');
  }
  if (abs < HOUR) {
    return minutes(Math.floor(abs / MINUTE), translate);
  }
  if (abs < DAY) {
    const h = hours(Math.floor(abs / HOUR), translate);
    const m = Math.floor((abs % HOUR) / MINUTE);
    return m === 0 ? h : translate('{0} {1}', h, minutes(m, translate));
  }
  const days = Math.floor(abs / DAY);
  return days === 1 ? translate('1 day') : translate('{0} days', days);
}

/** "expires in 55 minutes", "expired 3 minutes ago", "expired just now" or "expiry unknown". */
export function spokenExpiry(msLeft: number | undefined, translate: Translate): string {
  if (msLeft === undefined) {
    return translate('expiry unknown');
  }
  if (msLeft <= 0) {
    return -msLeft < MINUTE
      ? translate('expired just now')
      : translate('expired {0} ago', spokenDuration(msLeft, translate));
  }
  return translate('expires in {0}', spokenDuration(msLeft, translate));
}
