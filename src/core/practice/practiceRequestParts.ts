/**
 * Reading the parts of a practice request every endpoint needs: the form body, HTTP Basic client credentials, the
 * `Origin` check of the server's own forms, and a percent-decoded path segment.
 */
import {
  GATEWAY_CLIENT_NOT_REGISTERED_BODY,
  json,
  oauthError,
  PracticeRequest,
  PracticeResponse,
} from './practiceResponses';
import { PracticeState } from './practiceState';
import { localText, type LocalText } from '../text/localText';
import { parseBasicAuthorization } from '../wire/basicAuthentication';

/** A form body with unique parameter names. */
export type Form = Map<string, string>;

/** Whether the body is declared as a form. */
export function isFormRequest(request: PracticeRequest): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '');
}

/** The form body, or `undefined` when the body is not a form or repeats a parameter (RFC 6749 §3.2). */
export function parseForm(request: PracticeRequest): Form | undefined {
  if (!isFormRequest(request)) {
    return undefined;
  }
  const form: Form = new Map();
  for (const [name, value] of new URLSearchParams(request.body)) {
    if (form.has(name)) {
      return undefined;
    }
    form.set(name, value);
  }
  return form;
}

/** Whether the request carries the registered client's Basic credentials. */
export function clientCredentialsValid(state: PracticeState, request: PracticeRequest): boolean {
  const credentials = parseBasicAuthorization(request.headers.authorization);
  return (
    credentials !== undefined &&
    credentials.id === state.settings.client_id &&
    credentials.secret === state.settings.client_secret
  );
}

/**
 * Client authentication with HTTP Basic, each part form-urlencoded before base64 (RFC 6749 §2.3.1). Returns the
 * gateway's 401 for a client id it does not know, 401 invalid_client when the credentials are missing or the secret
 * is wrong or the `wrong-client` trouble is armed.
 */
export function authenticateClient(
  state: PracticeState,
  request: PracticeRequest,
  where: LocalText,
): PracticeResponse | undefined {
  const credentials = parseBasicAuthorization(request.headers.authorization);
  if (credentials !== undefined && credentials.id !== state.settings.client_id) {
    // The API gateway checks the client id before the authorization server sees the request.
    state.record(localText('{0}: 401 gateway body (client id not registered).', where));
    return json(401, GATEWAY_CLIENT_NOT_REGISTERED_BODY);
  }
  if (!clientCredentialsValid(state, request)) {
    state.record(localText('{0}: 401 invalid_client (missing or wrong Basic client credentials).', where));
    return oauthError(401, 'invalid_client');
  }
  if (state.consume('wrong-client')) {
    state.record(localText('{0}: 401 invalid_client (trouble: wrong client secret).', where));
    return oauthError(401, 'invalid_client');
  }
  return undefined;
}

/** A browser sends `Origin` on form posts; refuse posts from other sites so a web page cannot flip switches. */
export function sameOrigin(state: PracticeState, request: PracticeRequest): boolean {
  const origin = request.headers.origin;
  return origin === undefined || origin === state.origin;
}

/** `decodeURIComponent`, or `undefined` for a malformed escape (which would otherwise throw). */
export function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
