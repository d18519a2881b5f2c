import type { Translate } from '../../core/text/translate';
import { expiryUrgency, shortRemaining } from '../../core/tokens/expiryLabels';

/** What the status bar item shows; `background` names the theme colour family, if any. */
export interface StatusBarLook {
  readonly text: string;
  readonly background?: 'warning' | 'error';
}

/**
 * The status bar text and colour for the active profile: "$(key) Rabobank sandbox · 42m", warning colour under
 * 5 minutes, error colour once expired. `msLeft` is `undefined` for an unknown expiry; `signedIn` false when there is
 * no token set. A `problem` (the short words of what the last answer proved, e.g. "refresh token refused") wins over
 * the time left, which would otherwise promise a token that cannot be renewed: an error mark and the error colour.
 * The words go through `translate`.
 */
export function statusBarLook(
  translate: Translate,
  label: string,
  signedIn: boolean,
  msLeft: number | undefined,
  problem?: string,
): StatusBarLook {
  if (problem !== undefined) {
    return { text: `$(error) ${label} · ${problem}`, background: 'error' };
  }
  if (!signedIn) {
    return { text: `$(key) ${label} · ${translate('signed out')}`, background: undefined };
  }
  const urgency = expiryUrgency(msLeft);
  return {
    text: `$(key) ${label} · ${shortRemaining(msLeft, translate)}`,
    background: urgency === 'warning' ? 'warning' : urgency === 'expired' ? 'error' : undefined,
  };
}
