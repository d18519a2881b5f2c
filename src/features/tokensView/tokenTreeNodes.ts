import { TreeItemContexts } from '../../constants';
import { ClientProfile } from '../../core/profiles/clientProfile';
import { ProfileProblem, problemAction } from '../../core/profiles/profileProblem';
import { InvalidProfileEntry } from '../../core/profiles/profileEntries';
import { TokenSet } from '../../core/tokens/tokenSet';

/** Everything the tree shows about one profile, loaded once per change (SecretStorage is async). */
export interface ProfileSnapshot {
  readonly profile: ClientProfile;
  readonly tokenSet?: TokenSet;
  readonly hasSecret: boolean;
  /** SecretStorage could not be read: shown as the error state, never as "signed out". */
  readonly loadError?: string;
}

/** The state a profile node shows. */
export type ProfileState = 'signedIn' | 'expired' | 'signedOut' | 'noSecret' | 'error';

/** How each state looks: codicon, theme colour, words and context value. */
export const STATE_LOOK: Record<ProfileState, { icon: string; color?: string; context: string }> = {
  signedIn: {
    icon: 'pass-filled',
    color: 'testing.iconPassed',
    context: TreeItemContexts.profileSignedIn,
  },
  expired: {
    icon: 'warning',
    color: 'list.warningForeground',
    context: TreeItemContexts.profileExpired,
  },
  signedOut: { icon: 'circle-large-outline', context: TreeItemContexts.profileSignedOut },
  noSecret: {
    icon: 'key',
    color: 'list.warningForeground',
    context: TreeItemContexts.profileNoSecret,
  },
  error: {
    icon: 'error',
    color: 'list.errorForeground',
    context: TreeItemContexts.profileError,
  },
};

/** The elements of the token explorer; plain data, kept stable per profile so single items can be refreshed. */
export type TokenTreeNode =
  | { readonly kind: 'profile'; readonly profileId: string }
  | { readonly kind: 'invalid'; readonly entry: InvalidProfileEntry }
  | { readonly kind: 'accessToken'; readonly profileId: string }
  | { readonly kind: 'refreshToken'; readonly profileId: string }
  | { readonly kind: 'scopes'; readonly profileId: string }
  | { readonly kind: 'scope'; readonly profileId: string; readonly scope: string }
  | { readonly kind: 'consent'; readonly profileId: string }
  | { readonly kind: 'claims'; readonly profileId: string }
  | { readonly kind: 'claim'; readonly profileId: string; readonly name: string; readonly value: unknown }
  | { readonly kind: 'endpoints'; readonly profileId: string }
  | { readonly kind: 'endpoint'; readonly profileId: string; readonly name: string; readonly value: string }
  | { readonly kind: 'signInHint'; readonly profileId: string };

/**
 * The context value of a profile node: its state, then the fitting action of a proven problem, then whether it has a
 * consent, e.g. `oauthWorkbench.profile.error.problem-signIn.consent`. The menus in package.json match on these parts.
 */
export function profileContextValue(
  stateContext: string,
  problem: ProfileProblem | undefined,
  hasConsent: boolean,
): string {
  const action = problem ? `${TreeItemContexts.profileProblemInfix}${problemAction(problem)}` : '';
  return `${stateContext}${action}${hasConsent ? TreeItemContexts.profileConsentSuffix : ''}`;
}

/** The state of a profile from its snapshot, whether a failure or a proven problem stands, and the clock. */
export function profileStateOf(snapshot: ProfileSnapshot, hasFailure: boolean, nowMs: number): ProfileState {
  if (snapshot.loadError !== undefined) {
    return 'error';
  }
  if (!snapshot.hasSecret && snapshot.profile.token_endpoint_auth_method !== 'none') {
    return 'noSecret';
  }
  if (hasFailure) {
    return 'error';
  }
  if (!snapshot.tokenSet) {
    return 'signedOut';
  }
  const expiresAt = snapshot.tokenSet.expires_at;
  return expiresAt !== undefined && Date.parse(expiresAt) <= nowMs ? 'expired' : 'signedIn';
}

/** A claim's value for the tree: times with their ISO form, long values cut to 120 characters. */
export function describeClaim(name: string, value: unknown): string {
  if (typeof value === 'number' && ['exp', 'iat', 'nbf', 'auth_time'].includes(name)) {
    return `${value} (${new Date(value * 1000).toISOString()})`;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** A clock time in the user's locale, for the consent tooltip's last check. */
export const localTime = (ms: number): string => new Date(ms).toLocaleTimeString();
