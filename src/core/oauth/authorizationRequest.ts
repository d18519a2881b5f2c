/**
 * Builds the authorization URL the browser opens.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.3
 */
import { ClientProfile, RESERVED_AUTHORIZE_PARAMS } from '../profiles/clientProfile';
import { presetOf } from '../profiles/profilePresets';
import { errorFromResponse, parseJsonObject } from './endpointResponse';
import { HttpClient } from './httpClient';
import { OAuthWorkbenchError } from './oauthErrors';
import { PkcePair } from './pkce';

/**
 * The authorization URL for a profile, a fresh `state`, when PKCE is on the challenge, and for an OpenID sign-in the
 * `nonce` the ID token must carry back.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest
 */
export function buildAuthorizationUrl(
  profile: Pick<
    ClientProfile,
    'authorization_endpoint' | 'client_id' | 'redirect_uri' | 'scopes' | 'extraAuthorizeParams'
  >,
  state: string,
  pkce?: PkcePair,
  nonce?: string,
): string {
  const url = new URL(profile.authorization_endpoint);
  // Extra parameters first, so the engine's own values win even if a hand-edited profile lists a reserved one.
  for (const [name, value] of Object.entries(profile.extraAuthorizeParams ?? {})) {
    if (!RESERVED_AUTHORIZE_PARAMS.includes(name)) {
      url.searchParams.set(name, value);
    }
  }
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', profile.client_id);
  url.searchParams.set('redirect_uri', profile.redirect_uri);
  url.searchParams.set('scope', profile.scopes.join(' '));
  url.searchParams.set('state', state);
  if (nonce) {
    url.searchParams.set('nonce', nonce);
  }
  if (pkce) {
    url.searchParams.set('code_challenge', pkce.code_challenge);
    url.searchParams.set('code_challenge_method', pkce.code_challenge_method);
  }
  return url.toString();
}

/**
 * Fetches an authorization URL once, without following redirects, to catch what the browser would only show as a
 * page: Rabobank's 200 "Redirect URI Mismatch" page, a 4xx error page, a gateway body. Resolves to `undefined` when
 * the response looks like the start of a login (a redirect or an ordinary page), else to the typed error.
 */
export async function probeAuthorizationUrl(
  http: HttpClient,
  authorizationUrl: string,
  profile: Pick<ClientProfile, 'preset'>,
  signal?: AbortSignal,
): Promise<OAuthWorkbenchError | undefined> {
  const response = await http.send({
    method: 'GET',
    url: authorizationUrl,
    headers: { accept: 'text/html' },
    signal,
  });
  const json = parseJsonObject(response.body);
  const looksLikeError =
    (response.status >= 400 && response.status < 500) ||
    /Redirect URI Mismatch/i.test(response.body) ||
    (json !== undefined && (json.error !== undefined || json.httpCode !== undefined));
  if (!looksLikeError) {
    return undefined;
  }
  return errorFromResponse(response, {
    endpoint: 'authorization',
    rabobank: presetOf(profile.preset).facts.rabobank,
  });
}
