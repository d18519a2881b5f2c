/**
 * The practice server's behaviour for each case of Rabobank's troubleshooting guide, seen through the OAuth engine's
 * public API (sign-in, token manager, endpoint calls, typed errors and catalog ids), the way the extension and the
 * CLI will see it.
 */
import * as assert from 'node:assert/strict';
import { probeAuthorizationUrl } from '../../../../src/core/oauth/authorizationRequest';
import { errorFromResponse } from '../../../../src/core/oauth/endpointResponse';
import { signIn, SignInOptions } from '../../../../src/core/oauth/signIn';
import {
  EndpointCall,
  exchangeAuthorizationCode,
  refreshTokenGrant,
} from '../../../../src/core/oauth/tokenEndpoint';
import { buildAuthorizationUrl } from '../../../../src/core/oauth/authorizationRequest';
import { practiceProfile } from '../../../../src/core/practice/practiceProfile';
import {
  GATEWAY_FORBIDDEN_BODY,
  GATEWAY_UNAUTHORIZED_BODY,
} from '../../../../src/core/practice/practiceResponses';
import { PracticeTroubleId } from '../../../../src/core/practice/practiceTroubles';
import { ClientProfile } from '../../../../src/core/profiles/clientProfile';
import { InMemorySecretStore } from '../../../../src/core/profiles/secretStore';
import { TokenManager } from '../../../../src/core/oauth/tokenManager';
import { TokenSet } from '../../../../src/core/tokens/tokenSet';
import { InMemoryTokenVault } from '../../../../src/core/tokens/tokenVault';
import { startLoopbackRedirectServer } from '../../../../src/node/loopbackRedirectServer';
import { PracticeServer, startPracticeServer } from '../../../../src/node/practice/practiceServer';
import { NodeHttpClient } from '../../../../src/node/nodeHttpClient';
import { engineError } from '../../../doubles/engineError';
import { answerConsent, freeLoopbackPort } from '../../../doubles/practiceBrowser';

describe('practice server through the engine', () => {
  let server: PracticeServer;
  let http: NodeHttpClient;
  let profile: ClientProfile;
  let secrets: InMemorySecretStore;
  let vault: InMemoryTokenVault;
  let manager: TokenManager;
  let offsetMs: number;

  async function start(settings: { speed?: number; client_secret?: string } = {}) {
    offsetMs = 0;
    const redirectPort = await freeLoopbackPort();
    server = await startPracticeServer({
      settings: { redirect_uri: `http://127.0.0.1:${redirectPort}/callback`, ...settings },
      // Lets a test move the server's clock (code and token expiry) without waiting.
      now: () => Date.now() + offsetMs,
    });
    profile = { ...practiceProfile(server.endpoints), exchangeDelayMs: 0 };
    secrets = new InMemorySecretStore({ [profile.id]: server.endpoints.client_secret });
    vault = new InMemoryTokenVault();
    manager = new TokenManager({ vault, secretStore: secrets, httpClientFor: () => http });
  }

  beforeEach(async () => {
    http = new NodeHttpClient({ env: {} });
    await start();
  });

  afterEach(async () => {
    await http.close();
    await server.close();
  });

  function signInOptions(overrides: Partial<SignInOptions> = {}): SignInOptions {
    return {
      profile,
      secretStore: secrets,
      http,
      tokenVault: vault,
      receiveCallback: startLoopbackRedirectServer,
      openUrl: (url) => {
        void answerConsent(url);
      },
      timeoutMs: 10_000,
      ...overrides,
    };
  }

  function call(clientSecret = server.endpoints.client_secret): EndpointCall {
    return { http, client: profile, clientSecret, now: () => Date.now() + offsetMs };
  }

  /** Approves the consent page and returns the code, without the loopback server (for code-exchange cases). */
  async function freshCode(): Promise<string> {
    const result = await answerConsent(buildAuthorizationUrl(profile, 'state-1'), { deliver: false });
    assert.equal(result.kind, 'callback');
    return new URL(result.kind === 'callback' ? result.url : '').searchParams.get('code') ?? '';
  }

  async function api(url: string, token?: string): Promise<{ status: number; body: unknown }> {
    const response = await http.send({
      method: 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, body: JSON.parse(response.body) };
  }

  async function trouble(id: PracticeTroubleId): Promise<void> {
    const response = await http.send({
      method: 'POST',
      url: server.endpoints.trouble_endpoint,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ trouble: id }),
    });
    assert.equal(response.status, 200, response.body);
  }

  it('listens on 127.0.0.1 only', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('signs in through the consent page and returns Rabobank’s token set with the consent id', async () => {
    const started = Date.now();
    const tokens = await signIn(signInOptions());
    assert.equal(tokens.token_type, 'Bearer');
    assert.match(tokens.consent_id ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(tokens.scope, 'ais.balances.read ais.transactions.read-90days oauth2.consents.read');
    const lifetime = Date.parse(tokens.expires_at ?? '') - started;
    assert.ok(lifetime > 3590_000 && lifetime <= 3601_000, `expires_at ${tokens.expires_at}`);
    assert.ok(tokens.refresh_token);
    assert.deepEqual(await vault.load(profile.id), tokens);
    assert.equal((await api(server.endpoints.accounts_endpoint, tokens.access_token)).status, 200);
  });

  it('lets a token expire in a minute at speed 60', async () => {
    await server.close();
    await start({ speed: 60 });
    const started = Date.now();
    const tokens = await signIn(signInOptions());
    const lifetime = Date.parse(tokens.expires_at ?? '') - started;
    assert.ok(lifetime > 59_000 && lifetime <= 61_000, `expires_at ${tokens.expires_at}`);
  });

  it('ends the sign-in with access_denied when the user clicks Deny', async () => {
    const err = await engineError(
      signIn(
        signInOptions({
          openUrl: (url) => {
            void answerConsent(url, { decision: 'deny' });
          },
        }),
      ),
    );
    assert.equal(err.code, 'OAUTH_AUTHORIZATION_RESPONSE');
    assert.equal(err.error, 'access_denied');
  });

  describe('obtaining authorization', () => {
    it('shows "Redirect URI Mismatch" with HTTP 200 for another redirect URI', async () => {
      const other = { ...profile, redirect_uri: 'http://127.0.0.1:1/elsewhere' };
      const err = await probeAuthorizationUrl(http, buildAuthorizationUrl(other, 'state-1'), other);
      assert.equal(err?.status, 200);
      assert.equal(err?.catalogId, 'rabobank.authorize.redirect-uri-mismatch');
    });

    it('shows "Redirect URI Mismatch" for the registered one when the trouble demands another', async () => {
      await trouble('redirect-uri-mismatch');
      const err = await probeAuthorizationUrl(http, buildAuthorizationUrl(profile, 'state-1'), profile);
      assert.equal(err?.catalogId, 'rabobank.authorize.redirect-uri-mismatch');
      assert.equal(
        await probeAuthorizationUrl(http, buildAuthorizationUrl(profile, 'state-1'), profile),
        undefined,
      );
    });

    it('answers 401 "invalid client id or secret" for an unknown client id', async () => {
      const other = { ...profile, client_id: 'not-subscribed' };
      const err = await probeAuthorizationUrl(http, buildAuthorizationUrl(other, 'state-1'), other);
      assert.equal(err?.status, 401);
      assert.equal(err?.catalogId, 'rabobank.authorize.invalid-client');
      const page = await http.send({ method: 'GET', url: buildAuthorizationUrl(other, 's'), headers: {} });
      assert.match(page.body, /<h1[^>]*>invalid client id or secret<\/h1>/);
    });

    it('answers 401 "invalid client id or secret" once when the trouble is on', async () => {
      await trouble('unknown-client-id');
      const err = await probeAuthorizationUrl(http, buildAuthorizationUrl(profile, 'state-1'), profile);
      assert.equal(err?.status, 401);
    });

    it('links its pages relatively, so they also work behind a path prefix such as code-server’s /proxy/PORT/', async () => {
      const page = await http.send({
        method: 'GET',
        url: buildAuthorizationUrl(profile, 'state-1'),
        headers: {},
      });
      assert.match(page.body, /<link rel="stylesheet" href="practice\.css"/);
      assert.match(page.body, /<form method="post" action="authorize\/decision">/);
      const css = await http.send({ method: 'GET', url: `${server.url}/oauth2/practice.css`, headers: {} });
      assert.equal(css.status, 200);
      assert.match(css.headers['content-type'] ?? '', /^text\/css/);
    });

    it('never reflects request parameters in its pages', async () => {
      const marker = '<script>alert(1)</script>';
      const url = new URL(buildAuthorizationUrl(profile, marker));
      url.searchParams.set('extra', marker);
      const page = await http.send({ method: 'GET', url: url.toString(), headers: {} });
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.body, /<script|alert\(1\)/);
      assert.match(page.headers['content-security-policy'] ?? '', /default-src 'none'/);
    });
  });

  describe('requesting the access token', () => {
    it('answers 400 invalid_grant for a reused code, explained as rabobank.token.invalid-code', async () => {
      const code = await freshCode();
      const request = { token_endpoint: profile.token_endpoint, code, redirect_uri: profile.redirect_uri };
      await exchangeAuthorizationCode(call(), request);
      const err = await engineError(exchangeAuthorizationCode(call(), request));
      assert.equal(err.status, 400);
      assert.equal(err.error, 'invalid_grant');
      assert.equal(err.catalogId, 'rabobank.token.invalid-code');
    });

    it('answers 400 invalid_grant for a code older than 5 minutes, and the engine says it expired', async () => {
      const code = await freshCode();
      const callbackReceivedAtMs = Date.now();
      offsetMs = 301_000;
      const err = await engineError(
        exchangeAuthorizationCode(call(), {
          token_endpoint: profile.token_endpoint,
          code,
          redirect_uri: profile.redirect_uri,
          callbackReceivedAtMs,
        }),
      );
      assert.equal(err.code, 'AUTHORIZATION_CODE_EXPIRED');
      assert.equal(err.status, 400);
      assert.equal(err.catalogId, 'rabobank.token.invalid-code');
    });

    it('answers 400 invalid_grant for the next code when the trouble expires it', async () => {
      await trouble('expire-code');
      const err = await engineError(signIn(signInOptions()));
      assert.equal(err.status, 400);
      assert.equal(err.catalogId, 'rabobank.token.invalid-code');
      assert.ok(await signIn(signInOptions()), 'the trouble fires once');
    });

    it('rotates the refresh token and answers 401 invalid_grant to the spent one', async () => {
      const first = await signIn(signInOptions());
      const second = await manager.refresh(profile);
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.notEqual(second.access_token, first.access_token);
      const err = await engineError(
        refreshTokenGrant(call(), {
          token_endpoint: profile.token_endpoint,
          refresh_token: first.refresh_token ?? '',
        }),
      );
      assert.equal(err.status, 401);
      assert.equal(err.error, 'invalid_grant');
      assert.equal(err.catalogId, 'rabobank.token.invalid-refresh-token');
    });

    it('answers 401 invalid_grant to a refresh after the trouble "refresh token already used"', async () => {
      await signIn(signInOptions());
      await trouble('spend-refresh-token');
      const err = await engineError(manager.refresh(profile));
      assert.equal(err.status, 401);
      assert.equal(err.catalogId, 'rabobank.token.invalid-refresh-token');
    });

    it('answers 401 invalid_client to a wrong secret, explained as rabobank.token.invalid-client', async () => {
      await signIn(signInOptions());
      await secrets.setClientSecret(profile.id, 'reset-on-the-portal');
      const err = await engineError(manager.refresh(profile));
      assert.equal(err.status, 401);
      assert.equal(err.error, 'invalid_client');
      assert.equal(err.catalogId, 'rabobank.token.invalid-client');
    });

    it('answers 401 invalid_client once when the trouble "wrong client secret" is on', async () => {
      await signIn(signInOptions());
      await trouble('wrong-client');
      const err = await engineError(manager.refresh(profile));
      assert.equal(err.catalogId, 'rabobank.token.invalid-client');
      assert.ok(await manager.refresh(profile));
    });

    it('accepts a secret with reserved characters, form-encoded before Basic (RFC 6749 §2.3.1)', async () => {
      await server.close();
      await start({ client_secret: 'p@ss+word/with:colon%&= space' });
      const tokens = await signIn(signInOptions());
      assert.ok(tokens.access_token);
    });

    it('answers 400 invalid_request to a grant type that does not fit, explained as rabobank.token.grant-type-mismatch', async () => {
      const code = await freshCode();
      const raw = await http.send({
        method: 'POST',
        url: profile.token_endpoint,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${btoa('practice-client:practice%2Fsecret%3A8642')}`,
        },
        body: `grant_type=code&code=${code}`,
      });
      assert.deepEqual([raw.status, JSON.parse(raw.body)], [400, { error: 'invalid_request' }]);
      const err = errorFromResponse(raw, { endpoint: 'token', grantType: 'code', rabobank: true });
      assert.equal(err.catalogId, 'rabobank.token.grant-type-mismatch');

      await signIn(signInOptions());
      await trouble('grant-type-mismatch');
      const viaEngine = await engineError(manager.refresh(profile));
      assert.equal(viaEngine.status, 400);
      assert.equal(viaEngine.catalogId, 'rabobank.token.grant-type-mismatch');
    });

    it('issues a client-credentials token without refresh token or consent', async () => {
      const tokens = await manager.clientCredentials(profile, 'caf.fundsconfirmation.read');
      assert.equal(tokens.refresh_token, undefined);
      assert.equal(tokens.consent_id, undefined);
      assert.equal(tokens.scope, 'caf.fundsconfirmation.read');
      const accounts = await api(server.endpoints.accounts_endpoint, tokens.access_token);
      assert.deepEqual(accounts, { status: 403, body: GATEWAY_FORBIDDEN_BODY });
    });
  });

  describe('revocation and introspection', () => {
    it('introspects a live token, then revokes it and its refresh token', async () => {
      const tokens = await signIn(signInOptions());
      const live = await manager.introspect(profile);
      assert.equal(live.active, true);
      assert.equal(live.client_id, 'practice-client');
      assert.equal(live.consent_id, tokens.consent_id);
      await manager.revoke(profile);
      assert.equal(await vault.load(profile.id), undefined);
      await vault.save(profile.id, tokens);
      assert.deepEqual(await manager.introspect(profile), { active: false });
      assert.deepEqual(await api(server.endpoints.accounts_endpoint, tokens.access_token), {
        status: 401,
        body: GATEWAY_UNAUTHORIZED_BODY,
      });
    });
  });

  describe('calling the API with the token', () => {
    let tokens: TokenSet;

    beforeEach(async () => {
      tokens = await signIn(signInOptions());
    });

    async function gatewayError(url: string, token?: string) {
      const response = await http.send({
        method: 'GET',
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return { response, error: errorFromResponse(response, { endpoint: 'consent', rabobank: true }) };
    }

    it('answers 401 with the gateway body to a missing or expired token', async () => {
      for (const token of [undefined, 'not-a-token']) {
        const { response, error } = await gatewayError(server.endpoints.accounts_endpoint, token);
        assert.deepEqual(JSON.parse(response.body), GATEWAY_UNAUTHORIZED_BODY);
        assert.equal(error.catalogId, 'rabobank.api.access-token-invalid');
      }
      offsetMs = 3601_000;
      const expired = await gatewayError(server.endpoints.accounts_endpoint, tokens.access_token);
      assert.equal(expired.response.status, 401);
    });

    it('answers 401 after the trouble "expire the access tokens", and a refresh mends it', async () => {
      await trouble('expire-access-token');
      const { response, error } = await gatewayError(server.endpoints.accounts_endpoint, tokens.access_token);
      assert.equal(response.status, 401);
      assert.equal(error.catalogId, 'rabobank.api.access-token-invalid');
      const fresh = await manager.refresh(profile);
      assert.equal((await api(server.endpoints.accounts_endpoint, fresh.access_token)).status, 200);
    });

    for (const [id, status] of [
      ['expire-consent', 'expired'],
      ['revoke-consent', 'revokedByPsu'],
    ] as const) {
      it(`answers 403 Forbidden after "${id}", shows ${status} per account, and refuses the refresh with 401`, async () => {
        await trouble(id);
        const { response, error } = await gatewayError(
          server.endpoints.accounts_endpoint,
          tokens.access_token,
        );
        assert.deepEqual([response.status, JSON.parse(response.body)], [403, GATEWAY_FORBIDDEN_BODY]);
        assert.equal(error.catalogId, 'rabobank.api.forbidden');

        const consent = await api(
          `${server.endpoints.consent_endpoint}/${tokens.consent_id}`,
          tokens.access_token,
        );
        assert.equal(consent.status, 200);
        const body = consent.body as {
          consentId: string;
          access: Record<string, { status: string; iban: string }[]>;
        };
        assert.equal(body.consentId, tokens.consent_id);
        assert.deepEqual(Object.keys(body.access), ['ais.balances.read', 'ais.transactions.read-90days']);
        for (const accounts of Object.values(body.access)) {
          assert.equal(accounts.length, 2);
          assert.ok(
            accounts.every((account) => account.status === status && /^NL\d{2}RABO/.test(account.iban)),
          );
        }

        const refresh = await engineError(manager.refresh(profile));
        assert.equal(refresh.status, 401);
        assert.equal(refresh.catalogId, 'rabobank.token.invalid-refresh-token');
      });
    }

    it('answers 403 Forbidden to a token without an ais.* scope after "drop the ais.* scopes"', async () => {
      await trouble('drop-scope');
      const { response, error } = await gatewayError(server.endpoints.accounts_endpoint, tokens.access_token);
      assert.equal(response.status, 403);
      assert.equal(error.catalogId, 'rabobank.api.forbidden');
    });

    it('shows a valid consent with its accounts to the consent-details call', async () => {
      const consent = await api(
        `${server.endpoints.consent_endpoint}/${tokens.consent_id}`,
        tokens.access_token,
      );
      assert.equal(consent.status, 200);
      assert.match(JSON.stringify(consent.body), /"status":"valid"/);
      const unknown = await api(`${server.endpoints.consent_endpoint}/nope`, tokens.access_token);
      assert.equal(unknown.status, 404);
    });
  });
});
