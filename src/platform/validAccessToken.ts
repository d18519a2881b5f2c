import { isOAuthWorkbenchError } from '../core/oauth/oauthErrors';
import type { TokenManager } from '../core/oauth/tokenManager';
import type { ClientProfile } from '../core/profiles/clientProfile';
import { OperationFailedError } from './operationFailedError';

/** What the token manager says when there is nothing to refresh with: the tree shows that state already. */
const NOTHING_TO_REFRESH = new Set(['NOT_SIGNED_IN', 'NO_REFRESH_TOKEN', 'REFRESH_TOKEN_EXPIRED']);

/** Whether `err` says there is no token to use and nothing to refresh it with (the caller offers Sign In). */
export function isNothingToRefresh(err: unknown): boolean {
  return isOAuthWorkbenchError(err) && NOTHING_TO_REFRESH.has(err.code);
}

/**
 * The profile's access token, refreshed first when it is about to expire. A refresh the server refuses is a failed
 * refresh like one of Refresh Token: thrown as an {@link OperationFailedError}, so the error boundary records it on
 * the profile and the tree and the status bar show what the answer proved, whichever command needed the token.
 * `retryArgs` is what Retry runs the calling command with.
 */
export async function validAccessToken(
  tokens: Pick<TokenManager, 'getValidAccessToken'>,
  profile: ClientProfile,
  retryArgs?: unknown,
): Promise<string> {
  try {
    return await tokens.getValidAccessToken(profile);
  } catch (err) {
    if (isOAuthWorkbenchError(err) && !isNothingToRefresh(err)) {
      throw new OperationFailedError('refresh', profile, err, {
        actions: ['signIn', 'checkConsent'],
        retryArgs: retryArgs ?? { profileId: profile.id },
      });
    }
    throw err;
  }
}
