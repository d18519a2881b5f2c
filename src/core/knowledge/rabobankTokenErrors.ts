/**
 * Which Rabobank entry an OAuth error from its token endpoint points to. The engine (which knows the grant it sent)
 * and the `.http` lints (which may know only the status of a recorded answer) both ask here, so the two never
 * disagree.
 */

/** The chosen entry id and what else the same answer could mean. */
export interface ErrorChoice {
  readonly code: string;
  readonly alternatives: readonly string[];
}

const NO_ALTERNATIVES: readonly string[] = [];
const INVALID_CODE = 'rabobank.token.invalid-code';
const INVALID_REFRESH_TOKEN = 'rabobank.token.invalid-refresh-token';

/**
 * The entry for `error` from Rabobank's token endpoint, or `undefined` when Rabobank has nothing special to say about
 * it. An `invalid_grant` is decided by the grant that was sent; without one, by the status, since Rabobank answers a
 * bad code with 400 and a bad refresh token with 401.
 */
export function rabobankTokenError(
  error: string,
  grantType: string | undefined,
  status: number | undefined,
): ErrorChoice | undefined {
  switch (error) {
    case 'invalid_grant':
      if (grantType === 'authorization_code' || grantType === 'code') {
        return { code: INVALID_CODE, alternatives: NO_ALTERNATIVES };
      }
      if (grantType === 'refresh_token') {
        return { code: INVALID_REFRESH_TOKEN, alternatives: NO_ALTERNATIVES };
      }
      if (status === 400) {
        return { code: INVALID_CODE, alternatives: [INVALID_REFRESH_TOKEN] };
      }
      if (status === 401) {
        return { code: INVALID_REFRESH_TOKEN, alternatives: [INVALID_CODE] };
      }
      return { code: 'oauth.token.invalid_grant', alternatives: [INVALID_CODE, INVALID_REFRESH_TOKEN] };
    case 'invalid_client':
      return { code: 'rabobank.token.invalid-client', alternatives: NO_ALTERNATIVES };
    case 'invalid_request':
      return { code: 'rabobank.token.grant-type-mismatch', alternatives: NO_ALTERNATIVES };
    default:
      return undefined;
  }
}
