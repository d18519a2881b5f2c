/**
 * The resource side: Rabobank's Consent Details API and a sample Account Information API, guarded the way the API
 * gateway guards them (401 and 403 with the gateway's own body).
 */
import { localText } from '../text/localText';
import { clientCredentialsValid } from './practiceRequestParts';
import {
  GATEWAY_FORBIDDEN_BODY,
  GATEWAY_UNAUTHORIZED_BODY,
  json,
  PracticeRequest,
  PracticeResponse,
} from './practiceResponses';
import { ALWAYS_GRANTED_SCOPE, isAccountInformationScope } from './practiceSettings';
import { PracticeState } from './practiceState';

/** The practice accounts every consent covers. */
export const PRACTICE_ACCOUNTS = [
  { resourceId: 'practice-account-1', iban: 'NL44RABO0123456789', name: 'Practice current account' },
  { resourceId: 'practice-account-2', iban: 'NL18RABO0987654321', name: 'Practice savings account' },
] as const;

/** `GET /oauth2/consents/<id>`: Rabobank's Consent Details API. */
export function consentDetails(
  state: PracticeState,
  request: PracticeRequest,
  consentId: string,
): PracticeResponse {
  // The Consent Details API is read with an access token of the consent's client, or with the client's own
  // credentials (as the Premium client does), so a consent can be checked after its tokens died.
  const bearer = state.bearerToken(request.headers.authorization);
  const clientOk = bearer === undefined && clientCredentialsValid(state, request);
  if (!clientOk && !bearer) {
    state.record(
      localText('Consent details: 401 gateway body (no valid access token or client credentials).'),
    );
    return json(401, GATEWAY_UNAUTHORIZED_BODY);
  }
  const consent = state.consents.get(consentId);
  if (!consent) {
    state.record(localText('Consent details: 404 (unknown consent id).'));
    return json(404, { httpCode: '404', httpMessage: 'Not Found', moreInformation: 'Consent not found' });
  }
  const status = state.consentStatus(consent);
  const validUntil = new Date(consent.validUntilMs).toISOString().slice(0, 10);
  const access: Record<string, unknown[]> = {};
  for (const scope of consent.scopes.filter((s) => s !== ALWAYS_GRANTED_SCOPE)) {
    access[scope] = PRACTICE_ACCOUNTS.map((account) => ({
      iban: account.iban,
      currency: 'EUR',
      status,
      validUntil,
    }));
  }
  state.record(localText('Consent details: 200, consent {0} is {1}.', consentId, status));
  return json(200, { consentId, access });
}

/** `GET` of the sample Account Information API. */
export function accounts(state: PracticeState, request: PracticeRequest): PracticeResponse {
  const bearer = state.bearerToken(request.headers.authorization);
  if (!bearer) {
    state.record(localText('Accounts: 401 gateway body (missing, invalid or expired access token).'));
    return json(401, GATEWAY_UNAUTHORIZED_BODY);
  }
  const consent = bearer.consentId === undefined ? undefined : state.consents.get(bearer.consentId);
  if (!consent || state.consentStatus(consent) !== 'valid') {
    state.record(
      consent
        ? localText('Accounts: 403 Forbidden (consent is {0}).', state.consentStatus(consent))
        : localText('Accounts: 403 Forbidden (no consent behind the token).'),
    );
    return json(403, GATEWAY_FORBIDDEN_BODY);
  }
  if (!bearer.scopes.some(isAccountInformationScope)) {
    state.record(localText('Accounts: 403 Forbidden (the token has no ais.* scope).'));
    return json(403, GATEWAY_FORBIDDEN_BODY);
  }
  state.record(localText('Accounts: 200.'));
  return json(200, {
    accounts: PRACTICE_ACCOUNTS.map((account) => ({ ...account, currency: 'EUR', status: 'enabled' })),
  });
}
