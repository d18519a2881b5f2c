import { expiryUrgency, shortRemaining } from '../../core/tokens/expiryLabels';

/** What the status bar item shows; `background` names the theme colour family, if any. */
export interface StatusBarLook {
  readonly text: string;
  readonly background?: 'warning' | 'error';
}

/**
 * The status bar text and colour for the active profile: "$(key) Rabobank sandbox · 42m", warning colour under
 * 5 minutes, error colour once expired. `msLeft` is `undefined` for an unknown expiry; `signedIn` false when there is
 * no token set.
 */
export function statusBarLook(label: string, signedIn: boolean, msLeft: number | undefined): StatusBarLook {
  if (!signedIn) {
    return { text: `$(key) ${label} · signed out`, background: undefined };
  }
  const urgency = expiryUrgency(msLeft);
  return {
    text: `$(key) ${label} · ${shortRemaining(msLeft)}`,
    background: urgency === 'warning' ? 'warning' : urgency === 'expired' ? 'error' : undefined,
  };
}
