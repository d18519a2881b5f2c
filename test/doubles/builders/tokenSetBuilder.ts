import { TokenSet } from '../../../src/core/tokens/tokenSet';

/** A stored token set whose access token expired a second ago, with the refresh token `old-refresh`. */
export function expiredTokenSet(overrides: Partial<TokenSet> = {}): TokenSet {
  return {
    access_token: 'old-access',
    token_type: 'Bearer',
    expires_at: new Date(Date.now() - 1000).toISOString(),
    refresh_token: 'old-refresh',
    received_at: new Date(Date.now() - 3600_000).toISOString(),
    other: {},
    ...overrides,
  };
}
