/**
 * The built-in "Practice (local)" profile: a Rabobank PSD2 profile (so errors are explained with the `rabobank.*`
 * entries and Rabobank's lifetimes apply) whose endpoints point at a practice server on this machine.
 */
import { ClientProfile } from '../profiles/clientProfile';
import { createProfileFromPreset } from '../profiles/profilePresets';
import {
  PRACTICE_DEFAULT_PORT,
  PRACTICE_DEFAULT_SETTINGS,
  practiceEndpoints,
  PracticeEndpoints,
} from './practiceSettings';

/** Id of the built-in profile; its client secret is stored in SecretStorage under this id like any other. */
export const PRACTICE_PROFILE_ID = 'practice-local';

/** Label shown in the token explorer and pickers. */
export const PRACTICE_PROFILE_LABEL = 'Practice (local)';

/** Scopes the practice profile asks for: enough for the sample accounts endpoint. */
export const PRACTICE_PROFILE_SCOPES: readonly string[] = [
  'ais.balances.read',
  'ais.transactions.read-90days',
];

/** The practice profile for a server with these endpoints (default: the default port and client). */
export function practiceProfile(
  endpoints: PracticeEndpoints = practiceEndpoints(
    `http://127.0.0.1:${PRACTICE_DEFAULT_PORT}`,
    PRACTICE_DEFAULT_SETTINGS,
  ),
): ClientProfile {
  return createProfileFromPreset('rabobank-psd2-sandbox', {
    id: PRACTICE_PROFILE_ID,
    label: PRACTICE_PROFILE_LABEL,
    client_id: endpoints.client_id,
    redirect_uri: endpoints.redirect_uri,
    scopes: PRACTICE_PROFILE_SCOPES,
    authorization_endpoint: endpoints.authorization_endpoint,
    token_endpoint: endpoints.token_endpoint,
    revocation_endpoint: endpoints.revocation_endpoint,
    introspection_endpoint: endpoints.introspection_endpoint,
    consentDetailsEndpoint: endpoints.consent_endpoint,
    // The practice server serves its sample API on its own host and port.
    apiHosts: [new URL(endpoints.accounts_endpoint).host],
  });
}
