import * as assert from 'node:assert/strict';
import { discoverAuthorizationServer } from '../../../../src/core/oauth/discovery';
import { isOAuthWorkbenchError } from '../../../../src/core/oauth/oauthErrors';
import { createProfileFromPreset } from '../../../../src/core/profiles/profilePresets';
import { InMemoryTokenVault } from '../../../../src/core/tokens/tokenVault';
import { FakeHttpClient, jsonResponse } from '../../../doubles/fakeHttpClient';
import { signInForTest } from '../../../doubles/signInForTest';
import { useOidcProvider } from '../../../doubles/useOidcProvider';

describe('discoverAuthorizationServer', () => {
  describe('against oidc-provider', () => {
    const fixture = useOidcProvider();

    it('fills a Generic OpenID Connect profile that then signs in, with the RFC 9207 iss check on', async () => {
      const { server, http } = fixture;
      const found = await discoverAuthorizationServer(`${server.issuer}/`, http);
      assert.equal(found.documentUrl, `${server.issuer}/.well-known/openid-configuration`);
      assert.equal(found.fields.issuer, server.issuer);
      assert.equal(found.fields.token_endpoint, server.tokenEndpoint);
      assert.equal(found.fields.revocation_endpoint, server.revocationEndpoint);
      assert.equal(found.fields.introspection_endpoint, server.introspectionEndpoint);
      assert.equal(found.authorization_response_iss_parameter_supported, true);

      const profile = createProfileFromPreset('generic-oidc', {
        id: 'discovered',
        label: 'Discovered',
        client_id: server.clientId,
        redirect_uri: server.redirectUri,
        scopes: ['openid', 'offline_access'],
        ...found.fields,
        authorization_response_iss_parameter_supported: found.authorization_response_iss_parameter_supported,
      });
      const tokens = await signInForTest(server, profile, http, new InMemoryTokenVault());
      assert.ok(tokens.id_token);
    });

    it('fails with DISCOVERY_FAILED where there is no document', async () => {
      const { server, http } = fixture;
      await assert.rejects(discoverAuthorizationServer(`${server.issuer}/no-tenant`, http), (err: unknown) =>
        isOAuthWorkbenchError(err, 'DISCOVERY_FAILED'),
      );
    });
  });

  const document = (issuer: string) => ({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
  });

  it('falls back to /.well-known/oauth-authorization-server (RFC 8414, path-aware)', async () => {
    const http = new FakeHttpClient((request) =>
      request.url === 'https://as.example/.well-known/oauth-authorization-server/tenant'
        ? jsonResponse(200, document('https://as.example/tenant'))
        : jsonResponse(404, { error: 'not_found' }),
    );
    const found = await discoverAuthorizationServer('https://as.example/tenant', http);
    assert.equal(found.fields.token_endpoint, 'https://as.example/tenant/token');
    assert.equal(found.authorization_response_iss_parameter_supported, false);
    assert.equal(http.requests.length, 2);
  });

  it('refuses a document that names another issuer', async () => {
    const http = new FakeHttpClient(() => jsonResponse(200, document('https://evil.example')));
    await assert.rejects(
      discoverAuthorizationServer('https://as.example', http),
      (err: unknown) => isOAuthWorkbenchError(err, 'DISCOVERY_FAILED') && /evil\.example/.test(err.message),
    );
  });
});
