/**
 * Token revocation and introspection, both authenticated with the client's Basic credentials.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7009
 * @see https://www.rfc-editor.org/rfc/rfc7662
 */
import { localText } from '../text/localText';
import { authenticateClient, parseForm } from './practiceRequestParts';
import { json, oauthError, PracticeRequest, PracticeResponse } from './practiceResponses';
import { PracticeState } from './practiceState';

/** `POST /oauth2/revoke` (RFC 7009). */
export function revoke(state: PracticeState, request: PracticeRequest): PracticeResponse {
  const clientError = authenticateClient(state, request, localText('Revocation'));
  if (clientError) {
    return clientError;
  }
  const token = parseForm(request)?.get('token');
  if (!token) {
    state.record(localText('Revocation: 400 invalid_request (no token parameter).'));
    return oauthError(400, 'invalid_request');
  }
  const access = state.accessTokens.get(token);
  const refresh = state.refreshTokens.get(token);
  if (access) {
    access.revoked = true;
  }
  if (refresh) {
    // Revoking a refresh token ends the access tokens of the same grant too (RFC 7009 §2.1 allows it).
    refresh.revoked = true;
    state.revokeConsentTokens(refresh.consentId);
  }
  state.record(
    access
      ? localText('Revocation: 200 (access token).')
      : refresh
        ? localText('Revocation: 200 (refresh token).')
        : localText('Revocation: 200 (unknown token, nothing to do).'),
  );
  return { kind: 'empty', status: 200 };
}

/** `POST /oauth2/introspect` (RFC 7662). */
export function introspect(state: PracticeState, request: PracticeRequest): PracticeResponse {
  const clientError = authenticateClient(state, request, localText('Introspection'));
  if (clientError) {
    return clientError;
  }
  const token = parseForm(request)?.get('token');
  if (!token) {
    return oauthError(400, 'invalid_request');
  }
  const now = state.now();
  const access = state.accessTokens.get(token);
  if (access && !access.revoked && access.expiresAtMs > now) {
    return json(200, {
      active: true,
      token_type: 'Bearer',
      client_id: state.settings.client_id,
      scope: access.scopes.join(' '),
      iat: Math.floor(access.issuedAtMs / 1000),
      exp: Math.floor(access.expiresAtMs / 1000),
      ...(access.consentId ? { consent_id: access.consentId } : {}),
    });
  }
  const refresh = state.refreshTokens.get(token);
  if (refresh && !refresh.revoked && refresh.usedAtMs === undefined && refresh.expiresAtMs > now) {
    return json(200, {
      active: true,
      token_type: 'refresh_token',
      client_id: state.settings.client_id,
      exp: Math.floor(refresh.expiresAtMs / 1000),
      consent_id: refresh.consentId,
    });
  }
  return json(200, { active: false });
}
