import { decodeJwtUnverified } from './decodeJwt';

/**
 * Which OAuth client a JWT access token was issued to, read from its (unverified) claims: `client_id` (RFC 9068),
 * else `azp`, else a single-valued `aud`. Lets the editor offer a fresh token of the matching profile for an expired
 * token pasted into a request. `undefined` for opaque tokens and JWTs that name no client.
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-2.2
 */
export function clientIdOfAccessToken(accessToken: string): string | undefined {
  const claims = decodeJwtUnverified(accessToken)?.claims;
  if (!claims) {
    return undefined;
  }
  for (const name of ['client_id', 'azp'] as const) {
    const value = claims[name];
    if (typeof value === 'string' && value !== '') {
      return value;
    }
  }
  const aud = claims.aud;
  if (typeof aud === 'string' && aud !== '') {
    return aud;
  }
  return Array.isArray(aud) && aud.length === 1 && typeof aud[0] === 'string' ? aud[0] : undefined;
}
