import { ClientProfile } from '../../../src/core/profiles/clientProfile';
import { OidcProviderServer } from '../oidcProviderServer';

/** A valid generic profile; override what the test is about. */
export function buildProfile(overrides: Partial<ClientProfile> = {}): ClientProfile {
  return {
    id: 'test-profile',
    label: 'Test profile',
    preset: 'generic-oauth2',
    authorization_endpoint: 'https://as.example/authorize',
    token_endpoint: 'https://as.example/token',
    client_id: 'client-1',
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uri: 'http://127.0.0.1:8765/callback',
    scopes: ['openid'],
    pkce: true,
    exchangeDelayMs: 0,
    ...overrides,
  };
}

/** A profile for the client registered in a test's oidc-provider. */
export function profileFor(
  server: OidcProviderServer,
  overrides: Partial<ClientProfile> = {},
): ClientProfile {
  return buildProfile({
    id: 'oidc-test',
    label: 'oidc-provider',
    preset: 'generic-oidc',
    issuer: server.issuer,
    authorization_endpoint: server.authorizationEndpoint,
    token_endpoint: server.tokenEndpoint,
    revocation_endpoint: server.revocationEndpoint,
    introspection_endpoint: server.introspectionEndpoint,
    client_id: server.clientId,
    redirect_uri: server.redirectUri,
    scopes: ['openid', 'offline_access', 'ais.balances.read'],
    ...overrides,
  });
}

/** A valid entry of the `oauthWorkbench.profiles` setting (Rabobank PSD2 sandbox preset), as a user writes it. */
export function rabobankSettingsEntry(): Record<string, unknown> {
  return {
    id: 'rabo',
    label: 'Rabobank sandbox',
    preset: 'rabobank-psd2-sandbox',
    client_id: 'abc',
    redirect_uri: 'http://127.0.0.1:8765/callback',
    scopes: ['ais.balances.read'],
  };
}
