/**
 * Token lifetimes as a screen reader should say them: "expires in 55 minutes" rather than the tree's compact
 * "expires in 55 min". Same rounding as `describeExpiry`, so the spoken and the shown text never disagree.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "55 minutes", "1 hour 5 minutes", "2 days", "less than a minute". */
export function spokenDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) {
    return 'less than a minute';
  }
  if (abs < HOUR) {
    return count(Math.floor(abs / MINUTE), 'minute');
  }
  if (abs < DAY) {
    const hours = count(Math.floor(abs / HOUR), 'hour');
    const minutes = Math.floor((abs % HOUR) / MINUTE);
    return minutes === 0 ? hours : `${hours} ${count(minutes, 'minute')}`;
  }
  return count(Math.floor(abs / DAY), 'day');
}

/** "expires in 55 minutes", "expired 3 minutes ago", "expired just now" or "expiry unknown". */
export function spokenExpiry(msLeft: number | undefined): string {
  if (msLeft === undefined) {
    return 'expiry unknown';
  }
  if (msLeft <= 0) {
    return -msLeft < MINUTE ? 'expired just now' : `expired ${spokenDuration(msLeft)} ago`;
  }
  return `expires in ${spokenDuration(msLeft)}`;
}
