import * as assert from 'node:assert/strict';
import {
  buildAuthorizationUrl,
  probeAuthorizationUrl,
} from '../../../../src/core/oauth/authorizationRequest';
import { isOAuthWorkbenchError } from '../../../../src/core/oauth/oauthErrors';
import {
  buildEndpointRequest,
  clientCredentialsGrant,
  EndpointCall,
  exchangeAuthorizationCode,
  introspectToken,
  processTokenResponse,
  refreshTokenGrant,
  revokeToken,
} from '../../../../src/core/oauth/tokenEndpoint';
import { ClientProfile } from '../../../../src/core/profiles/clientProfile';
import { basicAuthorization } from '../../../../src/core/wire/basicAuthentication';
import { formEncode } from '../../../../src/core/wire/formEncoding';
import { practiceProfile } from '../../../../src/core/practice/practiceProfile';
import { RABOBANK_LIFETIMES } from '../../../../src/core/practice/practiceSettings';
import { PracticeServer, startPracticeServer } from '../../../../src/node/practice/practiceServer';
import { NodeHttpClient } from '../../../../src/node/nodeHttpClient';
import { profileFor } from '../../../doubles/builders/profileBuilder';
import { OidcProviderServer, startOidcProvider } from '../../../doubles/oidcProviderServer';
import { answerConsent } from '../../../doubles/practiceBrowser';
import { engineError } from '../../../doubles/engineError';

const RESERVED_SECRET = 'p@ss+word/with:colon%&= space';

describe('client authentication (RFC 6749 §2.3.1)', () => {
  it('form-urlencodes id and secret before base64', () => {
    assert.equal(formEncode(RESERVED_SECRET), 'p%40ss%2Bword%2Fwith%3Acolon%25%26%3D+space');
    const header = basicAuthorization('my client', RESERVED_SECRET);
    assert.equal(
      Buffer.from(header.replace(/^Basic /, ''), 'base64').toString(),
      'my+client:p%40ss%2Bword%2Fwith%3Acolon%25%26%3D+space',
    );
  });

  it('puts the credentials in the body for client_secret_post and only the id for none', () => {
    const post = buildEndpointRequest(
      'https://as.example/token',
      { grant_type: 'client_credentials' },
      {
        client: {
          client_id: 'c',
          token_endpoint_auth_method: 'client_secret_post',
          preset: 'generic-oauth2',
        },
        clientSecret: 's',
      },
    );
    assert.equal(post.headers.authorization, undefined);
    assert.equal(post.body, 'grant_type=client_credentials&client_id=c&client_secret=s');
    const none = buildEndpointRequest(
      'https://as.example/token',
      { grant_type: 'refresh_token' },
      { client: { client_id: 'c', token_endpoint_auth_method: 'none', preset: 'generic-oauth2' } },
    );
    assert.equal(none.body, 'grant_type=refresh_token&client_id=c');
  });

  it('refuses to build a request without the secret the method needs', () => {
    assert.throws(
      () =>
        buildEndpointRequest(
          'https://as.example/token',
          {},
          {
            client: {
              client_id: 'c',
              token_endpoint_auth_method: 'client_secret_basic',
              preset: 'generic-oauth2',
            },
          },
        ),
      (err: unknown) => isOAuthWorkbenchError(err, 'CLIENT_SECRET_MISSING'),
    );
  });
});

describe('token, revocation and introspection endpoints against oidc-provider', () => {
  let server: OidcProviderServer;
  let http: NodeHttpClient;

  afterEach(async () => {
    await http?.close();
    await server?.close();
  });

  async function start(clientSecret?: string): Promise<{ profile: ClientProfile; call: EndpointCall }> {
    server = await startOidcProvider({ clientSecret });
    http = new NodeHttpClient({ env: {} });
    const profile = profileFor(server);
    return { profile, call: { http, client: profile, clientSecret: server.clientSecret, now: Date.now } };
  }

  it('answers a wrong secret with 401 invalid_client and WWW-Authenticate', async () => {
    const { profile, call } = await start();
    const err = await engineError(
      clientCredentialsGrant({ ...call, clientSecret: 'wrong' }, { token_endpoint: profile.token_endpoint }),
    );
    assert.equal(err.code, 'OAUTH_RESPONSE');
    assert.equal(err.status, 401);
    assert.equal(err.error, 'invalid_client');
    assert.match(err.wwwAuthenticate ?? '', /^Basic .*error="invalid_client"/);
    assert.equal(err.catalogId, 'oauth.token.invalid_client');
    assert.ok(!err.message.includes('wrong'));
  });

  it('works with a secret full of reserved characters, which a raw Basic header breaks', async () => {
    const { profile, call } = await start(RESERVED_SECRET);
    const tokens = await clientCredentialsGrant(call, {
      token_endpoint: profile.token_endpoint,
      scope: 'ais.balances.read',
    });
    assert.equal(tokens.token_type, 'Bearer');

    const raw = await http.send({
      method: 'POST',
      url: profile.token_endpoint,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${server.clientId}:${RESERVED_SECRET}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    assert.equal(raw.status, 400);
    assert.match(raw.body, /invalid_request/);
  });

  it('introspects a live token as active, revokes it, then introspects it as inactive', async () => {
    const { profile, call } = await start();
    const tokens = await clientCredentialsGrant(call, {
      token_endpoint: profile.token_endpoint,
      scope: 'ais.balances.read',
    });
    const introspection = {
      introspection_endpoint: server.introspectionEndpoint,
      token: tokens.access_token,
    };
    const live = await introspectToken(call, introspection);
    assert.equal(live.active, true);
    assert.equal(live.client_id, server.clientId);
    await revokeToken(call, { revocation_endpoint: server.revocationEndpoint, token: tokens.access_token });
    assert.equal((await introspectToken(call, introspection)).active, false);
    // RFC 7009 §2.2: unknown tokens are "revoked" too.
    await revokeToken(call, { revocation_endpoint: server.revocationEndpoint, token: 'never-issued' });
  });

  it('maps an unknown grant type to unsupported_grant_type', async () => {
    const { profile, call } = await start();
    const response = await http.send(
      buildEndpointRequest(profile.token_endpoint, { grant_type: 'urn:example:nope' }, call),
    );
    assert.throws(
      () =>
        processTokenResponse(response, {
          context: { endpoint: 'token', rabobank: false },
          receivedAtMs: Date.now(),
          preset: 'generic-oidc',
        }),
      (err: unknown) =>
        isOAuthWorkbenchError(err) && err.error === 'unsupported_grant_type' && err.status === 400,
    );
  });
});

describe('Rabobank error shapes (practice server)', () => {
  let practice: PracticeServer;
  let http: NodeHttpClient;
  let profile: ClientProfile;
  let call: EndpointCall;

  beforeEach(async () => {
    // The redirect URI is never served: the codes are taken from the redirect's Location, as a browser would see it.
    practice = await startPracticeServer({ settings: { redirect_uri: 'https://tpp.example/callback' } });
    http = new NodeHttpClient({ env: {} });
    profile = practiceProfile(practice.endpoints);
    call = { http, client: profile, clientSecret: practice.endpoints.client_secret, now: Date.now };
  });

  afterEach(async () => {
    await http.close();
    await practice.close();
  });

  /** Walks the consent page with Approve and returns the code the redirect carries. */
  async function issueCode(): Promise<string> {
    const walk = await answerConsent(buildAuthorizationUrl(profile, 'state'), { deliver: false });
    assert.equal(walk.kind, 'callback');
    return new URL(walk.kind === 'callback' ? walk.url : '').searchParams.get('code') ?? '';
  }

  function exchange(code: string, overrides: Partial<EndpointCall> = {}) {
    return exchangeAuthorizationCode(
      { ...call, ...overrides },
      {
        token_endpoint: profile.token_endpoint,
        code,
        redirect_uri: profile.redirect_uri,
        callbackReceivedAtMs: Date.now(),
      },
    );
  }

  it('reads the consent id, the refresh-token expiry and keeps the other fields', async () => {
    const before = Date.now();
    const tokens = await exchange(await issueCode());
    assert.match(tokens.consent_id ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(Date.parse(tokens.expires_at ?? '') >= before + RABOBANK_LIFETIMES.accessTokenS * 1000);
    assert.ok(
      Date.parse(tokens.refresh_token_expires_at ?? '') >= before + RABOBANK_LIFETIMES.refreshTokenS * 1000,
    );
    assert.equal(typeof tokens.other.consented_on, 'number');
    assert.equal(tokens.other.metadata, `a:consentId ${tokens.consent_id}`);
  });

  it('maps a refused code (400 invalid_grant) to rabobank.token.invalid-code', async () => {
    const err = await engineError(exchange('unknown-code'));
    assert.equal(err.status, 400);
    assert.equal(err.error, 'invalid_grant');
    assert.equal(err.catalogId, 'rabobank.token.invalid-code');
    assert.match(err.fix ?? '', /once/);
  });

  it('maps a reused refresh token (401 invalid_grant) to rabobank.token.invalid-refresh-token', async () => {
    const tokens = await exchange(await issueCode());
    const refresh = () =>
      refreshTokenGrant(call, {
        token_endpoint: profile.token_endpoint,
        refresh_token: tokens.refresh_token ?? '',
      });
    const rotated = await refresh();
    assert.notEqual(rotated.refresh_token, tokens.refresh_token);
    const err = await engineError(refresh());
    assert.equal(err.status, 401);
    assert.equal(err.error, 'invalid_grant');
    assert.equal(err.catalogId, 'rabobank.token.invalid-refresh-token');
  });

  it('maps a grant-type mismatch (400 invalid_request) to rabobank.token.grant-type-mismatch', async () => {
    const response = await http.send(
      buildEndpointRequest(
        profile.token_endpoint,
        { grant_type: 'authorization_code', refresh_token: 'r' },
        call,
      ),
    );
    assert.throws(
      () =>
        processTokenResponse(response, {
          context: { endpoint: 'token', grantType: 'authorization_code', rabobank: true },
          receivedAtMs: Date.now(),
          preset: profile.preset,
        }),
      (err: unknown) =>
        isOAuthWorkbenchError(err) &&
        err.error === 'invalid_request' &&
        err.catalogId === 'rabobank.token.grant-type-mismatch' &&
        /grant_type/.test(err.fix ?? ''),
    );
  });

  it('maps a wrong secret (401 invalid_client) to rabobank.token.invalid-client', async () => {
    const err = await engineError(exchange(await issueCode(), { clientSecret: 'wrong' }));
    assert.equal(err.status, 401);
    assert.equal(err.catalogId, 'rabobank.token.invalid-client');
  });

  it('turns the gateway body (httpCode/httpMessage/moreInformation) into a typed error', async () => {
    const err = await engineError(
      exchange(await issueCode(), { client: { ...profile, client_id: 'not-registered' } }),
    );
    assert.equal(err.code, 'HTTP_GATEWAY_ERROR');
    assert.equal(err.status, 401);
    assert.equal(err.error, 'Unauthorized');
    assert.equal(err.error_description, 'Client id not registered.');
    assert.equal(err.catalogId, 'rabobank.token.invalid-client');
  });

  it('recognises the 200 "Redirect URI Mismatch" page of the authorization endpoint', async () => {
    const wrong = buildAuthorizationUrl({ ...profile, redirect_uri: 'https://tpp.example/other' }, 'state');
    const err = await probeAuthorizationUrl(http, wrong, profile);
    assert.equal(err?.code, 'HTTP_UNEXPECTED_RESPONSE');
    assert.equal(err?.status, 200);
    assert.equal(err?.catalogId, 'rabobank.authorize.redirect-uri-mismatch');
    assert.equal(
      await probeAuthorizationUrl(http, buildAuthorizationUrl(profile, 'state'), profile),
      undefined,
    );
  });

  it('turns a 502 HTML page into HTTP_SERVER_ERROR with the status', async () => {
    const code = await issueCode();
    practice.authorizationServer.setTrouble('gateway-failure');
    const err = await engineError(exchange(code));
    assert.equal(err.code, 'HTTP_SERVER_ERROR');
    assert.equal(err.status, 502);
    assert.match(err.message, /502 and an HTML page/);
    // The gateway answered, not the bank: the code is still good.
    assert.ok((await exchange(code)).access_token);
  });
});
