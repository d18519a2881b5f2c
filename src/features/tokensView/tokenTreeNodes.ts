import { ClientProfile } from '../../core/profiles/clientProfile';
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

/** The state of a profile from its snapshot, the last failure and the clock. */
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
