/**
 * The authorization endpoint: the consent page for a valid request, Rabobank's error pages for an unknown client or
 * another redirect URI, a redirect back with `error` for everything else; and the page's Approve/Deny answer.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1
 */
import { randomUrlSafeString } from '../oauth/pkce';
import { localText } from '../text/localText';
import { parseForm } from './practiceRequestParts';
import { PracticeRequest, PracticeResponse } from './practiceResponses';
import { ALWAYS_GRANTED_SCOPE, PRACTICE_SCOPES } from './practiceSettings';
import { PracticeState } from './practiceState';

/** `GET /oauth2/authorize`. */
export function authorize(state: PracticeState, query: URLSearchParams): PracticeResponse {
  if (state.consume('unknown-client-id') || query.get('client_id') !== state.settings.client_id) {
    state.record(localText('Authorize: 401 "invalid client id or secret" (unknown client id).'));
    return { kind: 'page', status: 401, page: { name: 'invalid-client' } };
  }
  const redirectUri = query.get('redirect_uri') ?? undefined;
  if (
    state.consume('redirect-uri-mismatch') ||
    (redirectUri !== undefined && redirectUri !== state.settings.redirect_uri)
  ) {
    // Rabobank shows an error page with HTTP 200 and never redirects to an unverified URI (RFC 6749 §4.1.2.1).
    state.record(localText('Authorize: "Redirect URI Mismatch" page.'));
    return { kind: 'page', status: 200, page: { name: 'redirect-uri-mismatch' } };
  }
  const clientState = query.get('state') ?? undefined;
  const fail = (error: string, description: string) => {
    state.record(localText('Authorize: redirected back with error={0}.', error));
    return redirectBack(state, { error, error_description: description, state: clientState });
  };
  if (query.get('response_type') !== 'code') {
    return fail('unsupported_response_type', 'Only response_type=code is supported.');
  }
  const requested = (query.get('scope') ?? '').split(' ').filter((scope) => scope !== '');
  if (requested.length === 0) {
    return fail('invalid_request', 'The scope parameter is required.');
  }
  if (requested.some((scope) => PRACTICE_SCOPES[scope] === undefined)) {
    return fail('invalid_scope', 'A requested scope is not offered by this server.');
  }
  const codeChallenge = query.get('code_challenge') ?? undefined;
  if (codeChallenge !== undefined && query.get('code_challenge_method') !== 'S256') {
    return fail('invalid_request', 'Only the S256 code challenge method is supported.');
  }
  const scopes = [...new Set([...requested, ALWAYS_GRANTED_SCOPE])];
  const requestId = randomUrlSafeString(24);
  state.addPending(requestId, {
    scopes,
    state: clientState,
    redirectUriSent: redirectUri,
    codeChallenge,
    expiresAtMs: state.now() + state.lifetimes.pendingAuthorizationS * 1000,
  });
  return {
    kind: 'page',
    status: 200,
    page: {
      name: 'authorize',
      requestId,
      scopes: scopes.map((scope) => ({ scope, description: PRACTICE_SCOPES[scope] })),
    },
  };
}

/** `POST /oauth2/authorize/decision`: the consent page's Approve or Deny. */
export function decide(state: PracticeState, request: PracticeRequest): PracticeResponse {
  // No Origin check here: the page may be shown through a proxy (code-server's /proxy/PORT/), and the request id,
  // random and single-use, already ties the answer to the page this server showed.
  const form = parseForm(request);
  const id = form?.get('request');
  const pending = id === undefined ? undefined : state.pending.get(id);
  if (id !== undefined) {
    state.pending.delete(id);
  }
  if (!pending || pending.expiresAtMs <= state.now()) {
    return {
      kind: 'page',
      status: 400,
      page: {
        name: 'message',
        title: localText('This sign-in page has expired'),
        text: localText(
          'Each sign-in page can be answered once. Start the sign-in again from OAuth Workbench.',
        ),
      },
    };
  }
  if (form?.get('decision') !== 'approve') {
    state.record(localText('Authorize: the user denied the consent (error=access_denied).'));
    return redirectBack(state, { error: 'access_denied', state: pending.state });
  }
  const now = state.now();
  const consentId = globalThis.crypto.randomUUID();
  state.consents.set(consentId, {
    consentId,
    scopes: pending.scopes,
    createdAtMs: now,
    validUntilMs: now + state.lifetimes.consentS * 1000,
  });
  const code = randomUrlSafeString(32);
  state.codes.set(code, {
    consentId,
    redirectUriSent: pending.redirectUriSent,
    codeChallenge: pending.codeChallenge,
    expiresAtMs: now + state.lifetimes.authorizationCodeS * 1000,
  });
  state.record(
    localText(
      'Authorize: consent {0} approved; code issued (valid {1} s).',
      consentId,
      state.lifetimes.authorizationCodeS,
    ),
  );
  return redirectBack(state, { code, state: pending.state });
}

function redirectBack(state: PracticeState, params: Record<string, string | undefined>): PracticeResponse {
  const url = new URL(state.settings.redirect_uri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) {
      url.searchParams.set(name, value);
    }
  }
  return { kind: 'redirect', status: 302, location: url.toString() };
}
