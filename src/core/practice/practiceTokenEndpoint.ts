/**
 * The token endpoint: the authorization-code, refresh-token and client-credentials grants, with Rabobank's answers
 * (400 invalid_grant for a code, 401 invalid_grant for a refresh token, 400 invalid_request for a grant type that
 * does not fit) and single-use refresh tokens.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
import { randomUrlSafeString, s256CodeChallenge } from '../oauth/pkce';
import { localText, type LocalText } from '../text/localText';
import { authenticateClient, Form, parseForm } from './practiceRequestParts';
import { badGateway, json, oauthError, PracticeRequest, PracticeResponse } from './practiceResponses';
import { PRACTICE_SCOPES } from './practiceSettings';
import { Consent, PracticeState } from './practiceState';

/** `POST /oauth2/token`. */
export async function token(state: PracticeState, request: PracticeRequest): Promise<PracticeResponse> {
  if (state.consume('gateway-failure')) {
    state.record(localText('Token: 502 HTML page from the gateway (trouble: gateway failure).'));
    return badGateway();
  }
  const clientError = authenticateClient(state, request, localText('Token'));
  if (clientError) {
    return clientError;
  }
  const form = parseForm(request);
  if (!form) {
    state.record(localText('Token: 400 invalid_request (the body is not a form with unique parameters).'));
    return oauthError(400, 'invalid_request');
  }
  if (state.consume('grant-type-mismatch')) {
    state.record(localText('Token: 400 invalid_request (trouble: grant type mismatch).'));
    return oauthError(400, 'invalid_request');
  }
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code' && form.has('code')) {
    return codeGrant(state, form);
  }
  if (grantType === 'refresh_token' && form.has('refresh_token')) {
    return refreshGrant(state, form);
  }
  if (grantType === 'client_credentials') {
    return clientCredentialsGrant(state, form);
  }
  // Rabobank answers a missing, unknown or mismatched grant type (e.g. "code") with invalid_request, where RFC 6749
  // would use unsupported_grant_type.
  state.record(
    grantType === undefined
      ? localText('Token: 400 invalid_request (grant_type missing).')
      : localText('Token: 400 invalid_request (grant_type does not fit).'),
  );
  return oauthError(400, 'invalid_request');
}

async function codeGrant(state: PracticeState, form: Form): Promise<PracticeResponse> {
  const now = state.now();
  const code = form.get('code') ?? '';
  const entry = state.codes.get(code);
  const invalid = (why: LocalText) => {
    state.record(localText('Token: 400 invalid_grant (authorization code {0}).', why));
    return oauthError(400, 'invalid_grant');
  };
  if (!entry) {
    return invalid(localText('unknown'));
  }
  if (state.consume('expire-code')) {
    entry.usedAtMs ??= now;
    return invalid(localText('expired (trouble switch)'));
  }
  if (entry.usedAtMs !== undefined) {
    // A reused code may mean it was stolen: revoke what it gave (RFC 6749 §4.1.2).
    state.revokeConsentTokens(entry.consentId);
    return invalid(localText('already used; its tokens were revoked'));
  }
  entry.usedAtMs = now;
  if (entry.expiresAtMs <= now) {
    return invalid(localText('expired (codes live {0} s)', state.lifetimes.authorizationCodeS));
  }
  const redirectUri = form.get('redirect_uri');
  if (
    (entry.redirectUriSent !== undefined && redirectUri !== entry.redirectUriSent) ||
    (redirectUri !== undefined && redirectUri !== state.settings.redirect_uri)
  ) {
    return invalid(localText('sent with another redirect_uri'));
  }
  if (entry.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier');
    if (verifier === undefined || (await s256CodeChallenge(verifier)) !== entry.codeChallenge) {
      return invalid(localText('sent without the matching PKCE code_verifier'));
    }
  }
  const consent = state.consents.get(entry.consentId);
  if (!consent || state.consentStatus(consent) !== 'valid') {
    return invalid(localText('for a consent that is no longer valid'));
  }
  state.record(localText('Token: 200, tokens issued for an authorization code.'));
  return json(200, {
    ...issueTokens(state, consent),
    metadata: `a:consentId ${consent.consentId}`,
  });
}

function refreshGrant(state: PracticeState, form: Form): PracticeResponse {
  const now = state.now();
  const entry = state.refreshTokens.get(form.get('refresh_token') ?? '');
  const consent = entry ? state.consents.get(entry.consentId) : undefined;
  // Rabobank answers every refresh-token problem with 401 (RFC 6749 §5.2 would say 400).
  const invalid = (why: LocalText) => {
    state.record(localText('Token: 401 invalid_grant (refresh token {0}).', why));
    return oauthError(401, 'invalid_grant');
  };
  if (!entry || !consent) {
    return invalid(localText('unknown'));
  }
  if (entry.revoked) {
    return invalid(localText('revoked'));
  }
  if (entry.usedAtMs !== undefined) {
    return invalid(localText('already used: refresh tokens are single-use'));
  }
  if (entry.expiresAtMs <= now) {
    return invalid(localText('expired'));
  }
  const status = state.consentStatus(consent);
  if (status !== 'valid') {
    return invalid(localText('of a consent whose status is {0}', status));
  }
  entry.usedAtMs = now;
  state.record(localText('Token: 200, tokens refreshed; the old refresh token is spent.'));
  return json(200, issueTokens(state, consent));
}

function clientCredentialsGrant(state: PracticeState, form: Form): PracticeResponse {
  const scopes = (form.get('scope') ?? '').split(' ').filter((scope) => scope !== '');
  if (scopes.some((scope) => PRACTICE_SCOPES[scope] === undefined)) {
    state.record(localText('Token: 400 invalid_scope (client credentials with an unknown scope).'));
    return oauthError(400, 'invalid_scope');
  }
  const now = state.now();
  const accessToken = randomUrlSafeString(32);
  state.accessTokens.set(accessToken, {
    scopes,
    issuedAtMs: now,
    expiresAtMs: now + state.lifetimes.accessTokenS * 1000,
    revoked: false,
  });
  state.record(localText('Token: 200, client-credentials token issued (no consent, no refresh token).'));
  return json(200, {
    token_type: 'Bearer',
    access_token: accessToken,
    expires_in: state.lifetimes.accessTokenS,
    ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
  });
}

/** Issues an access token and a fresh single-use refresh token for a consent (Rabobank's response fields). */
function issueTokens(state: PracticeState, consent: Consent): Record<string, unknown> {
  const now = state.now();
  const accessToken = randomUrlSafeString(32);
  const refreshToken = randomUrlSafeString(32);
  state.accessTokens.set(accessToken, {
    consentId: consent.consentId,
    scopes: consent.scopes,
    issuedAtMs: now,
    expiresAtMs: now + state.lifetimes.accessTokenS * 1000,
    revoked: false,
  });
  state.refreshTokens.set(refreshToken, {
    consentId: consent.consentId,
    expiresAtMs: now + state.lifetimes.refreshTokenS * 1000,
    revoked: false,
  });
  return {
    token_type: 'Bearer',
    access_token: accessToken,
    expires_in: state.lifetimes.accessTokenS,
    consented_on: Math.floor(consent.createdAtMs / 1000),
    scope: consent.scopes.join(' '),
    refresh_token: refreshToken,
    refresh_token_expires_in: state.lifetimes.refreshTokenS,
  };
}
