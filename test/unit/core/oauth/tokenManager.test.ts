import * as assert from 'node:assert/strict';
import { refreshTokenGrant } from '../../../../src/core/oauth/tokenEndpoint';
import { ClientProfile } from '../../../../src/core/profiles/clientProfile';
import { InMemorySecretStore } from '../../../../src/core/profiles/secretStore';
import { TokenManager } from '../../../../src/core/oauth/tokenManager';
import { isAccessTokenExpired, TokenSet } from '../../../../src/core/tokens/tokenSet';
import { InMemoryTokenVault } from '../../../../src/core/tokens/tokenVault';
import { NodeHttpClient } from '../../../../src/node/nodeHttpClient';
import { buildProfile, profileFor } from '../../../doubles/builders/profileBuilder';
import { FakeHttpClient, jsonResponse } from '../../../doubles/fakeHttpClient';
import { OidcProviderServer, startOidcProvider } from '../../../doubles/oidcProviderServer';
import { signInForTest } from '../../../doubles/signInForTest';
import { engineError } from '../../../doubles/engineError';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TokenManager against oidc-provider', () => {
  let server: OidcProviderServer;
  let http: NodeHttpClient;
  let vault: InMemoryTokenVault;
  let profile: ClientProfile;
  let manager: TokenManager;

  async function start(accessTokenTtlS?: number): Promise<TokenSet> {
    server = await startOidcProvider({ accessTokenTtlS });
    http = new NodeHttpClient({ env: {} });
    vault = new InMemoryTokenVault();
    profile = profileFor(server);
    manager = new TokenManager({
      vault,
      secretStore: new InMemorySecretStore({ [profile.id]: server.clientSecret }),
      httpClientFor: () => http,
    });
    return signInForTest(server, profile, http, vault);
  }

  afterEach(async () => {
    await http?.close();
    await server?.close();
  });

  it('rotates the refresh token, and reuse of the old one fails and revokes the new one', async () => {
    const first = await start();
    const second = await manager.refresh(profile);
    assert.ok(second.refresh_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.notEqual(second.access_token, first.access_token);
    assert.deepEqual(await vault.load(profile.id), second);

    const call = { http, client: profile, clientSecret: server.clientSecret, now: Date.now };
    const reuse = await engineError(
      refreshTokenGrant(call, {
        token_endpoint: profile.token_endpoint,
        refresh_token: first.refresh_token ?? '',
      }),
    );
    assert.equal(reuse.error, 'invalid_grant');
    // Reuse detection: the provider revoked the rotated token too.
    const after = await engineError(manager.refresh(profile));
    assert.equal(after.error, 'invalid_grant');
    assert.equal(after.catalogId, 'oauth.token.invalid_grant');
  });

  it('makes one token-endpoint call for 50 concurrent refreshes', async () => {
    await start();
    const before = server.tokenRequests();
    const results = await Promise.all(Array.from({ length: 50 }, () => manager.refresh(profile)));
    assert.equal(server.tokenRequests() - before, 1);
    assert.ok(results.every((r) => r === results[0]));
    // Afterwards a new refresh is a new call with the rotated token.
    await manager.refresh(profile);
    assert.equal(server.tokenRequests() - before, 2);
  });

  it('notices expiry of a 2 s access token and refreshes it on demand', async () => {
    const tokens = await start(2);
    assert.equal(Date.parse(tokens.expires_at ?? '') - Date.parse(tokens.received_at), 2000);
    assert.equal(await manager.getValidAccessToken(profile, 0), tokens.access_token);

    await sleep(2100);
    const stored = (await vault.load(profile.id)) as TokenSet;
    assert.ok(isAccessTokenExpired(stored, Date.now()));
    assert.equal((await manager.introspect(profile)).active, false);

    const fresh = await manager.getValidAccessToken(profile, 0);
    assert.notEqual(fresh, tokens.access_token);
    assert.equal((await manager.introspect(profile)).active, true);
  });

  it('revokes the tokens and forgets them', async () => {
    const tokens = await start();
    await manager.revoke(profile);
    assert.equal(await vault.load(profile.id), undefined);
    await vault.save(profile.id, tokens);
    assert.equal((await manager.introspect(profile, 'access_token')).active, false);
    assert.equal((await manager.introspect(profile, 'refresh_token')).active, false);
  });

  it('signs out with revocation and keeps the client secret', async () => {
    const tokens = await start();
    await manager.signOut(profile, { revoke: true });
    assert.equal(await vault.load(profile.id), undefined);
    await vault.save(profile.id, tokens);
    assert.equal((await manager.introspect(profile)).active, false);
  });

  it('gets and stores a client-credentials token', async () => {
    await start();
    await vault.delete(profile.id);
    const tokens = await manager.clientCredentials(profile, 'ais.balances.read');
    assert.equal(tokens.refresh_token, undefined);
    assert.deepEqual(await vault.load(profile.id), tokens);
    assert.equal((await manager.introspect(profile)).active, true);
  });
});

describe('TokenManager policies', () => {
  const now = Date.parse('2026-11-27T10:00:00Z');
  const clock = { now: () => now, sleep: async () => undefined };
  const stored = (overrides: Partial<TokenSet> = {}): TokenSet => ({
    access_token: 'old-access',
    token_type: 'Bearer',
    expires_at: new Date(now - 1000).toISOString(),
    refresh_token: 'old-refresh',
    received_at: new Date(now - 3600_000).toISOString(),
    other: {},
    ...overrides,
  });

  function managerWith(http: FakeHttpClient, profile: ClientProfile, vault = new InMemoryTokenVault()) {
    return new TokenManager({
      vault,
      secretStore: new InMemorySecretStore({ [profile.id]: 'secret' }),
      httpClientFor: () => http,
      clock,
    });
  }

  const cases: {
    name: string;
    tokens: TokenSet | undefined;
    code: string;
  }[] = [
    { name: 'no token set', tokens: undefined, code: 'NOT_SIGNED_IN' },
    { name: 'no refresh token', tokens: stored({ refresh_token: undefined }), code: 'NO_REFRESH_TOKEN' },
    {
      name: 'an expired refresh token',
      tokens: stored({ refresh_token_expires_at: new Date(now - 1).toISOString() }),
      code: 'REFRESH_TOKEN_EXPIRED',
    },
  ];
  for (const { name, tokens, code } of cases) {
    it(`fails getValidAccessToken with ${code} for ${name}, without a request`, async () => {
      const http = new FakeHttpClient(() => jsonResponse(500, {}));
      const profile = buildProfile();
      const vault = new InMemoryTokenVault();
      if (tokens) {
        await vault.save(profile.id, tokens);
      }
      assert.equal(
        (await engineError(managerWith(http, profile, vault).getValidAccessToken(profile))).code,
        code,
      );
      assert.equal(http.requests.length, 0);
    });
  }

  it('returns a token that is still valid beyond the margin without a request', async () => {
    const http = new FakeHttpClient(() => jsonResponse(500, {}));
    const profile = buildProfile();
    const vault = new InMemoryTokenVault();
    await vault.save(profile.id, stored({ expires_at: new Date(now + 120_000).toISOString() }));
    assert.equal(await managerWith(http, profile, vault).getValidAccessToken(profile), 'old-access');
    assert.equal(http.requests.length, 0);
  });

  const noNewRefreshToken = [
    { preset: 'generic-oauth2' as const, kept: 'old-refresh' },
    { preset: 'rabobank-psd2-sandbox' as const, kept: undefined },
  ];
  for (const { preset, kept } of noNewRefreshToken) {
    it(`without a new refresh token, ${preset} ${kept ? 'keeps the old one' : 'keeps none (single-use)'}`, async () => {
      const http = new FakeHttpClient(() =>
        jsonResponse(200, { access_token: 'new', token_type: 'Bearer', expires_in: 60 }),
      );
      const profile = buildProfile({ preset });
      const vault = new InMemoryTokenVault();
      await vault.save(profile.id, stored({ refresh_token_expires_at: new Date(now + 9e6).toISOString() }));
      const next = await managerWith(http, profile, vault).refresh(profile);
      assert.equal(next.access_token, 'new');
      assert.equal(next.refresh_token, kept);
      assert.equal(next.refresh_token_expires_at === undefined, kept === undefined);
      assert.deepEqual(await vault.load(profile.id), next);
    });
  }

  it('keeps the consent id and scope when the refresh answer leaves them out, and takes new ones when sent', async () => {
    const consentId = '7c1f6c1e-2f55-4d4e-9a3a-0d3b1c2b9e11';
    const answers = [
      { access_token: 'a2', token_type: 'Bearer', refresh_token: 'r2', expires_in: 3600 },
      {
        access_token: 'a3',
        token_type: 'Bearer',
        refresh_token: 'r3',
        scope: 'ais.balances.read',
        metadata: 'a:consentId 11111111-2222-4333-8444-555555555555',
      },
    ];
    const http = new FakeHttpClient(() => jsonResponse(200, answers.shift()));
    const profile = buildProfile({ preset: 'rabobank-psd2-sandbox' });
    const vault = new InMemoryTokenVault();
    await vault.save(
      profile.id,
      stored({ consent_id: consentId, scope: 'ais.balances.read ais.transactions.read-90days' }),
    );
    const manager = managerWith(http, profile, vault);
    const first = await manager.refresh(profile);
    assert.equal(first.consent_id, consentId);
    assert.equal(first.scope, 'ais.balances.read ais.transactions.read-90days');
    await vault.save(profile.id, { ...first, expires_at: new Date(now - 1).toISOString() });
    const second = await manager.refresh(profile);
    assert.equal(second.consent_id, '11111111-2222-4333-8444-555555555555');
    assert.equal(second.scope, 'ais.balances.read');
  });

  it('saves the new token set before handing it out, and fails when it cannot be saved', async () => {
    const http = new FakeHttpClient(() =>
      jsonResponse(200, { access_token: 'new', token_type: 'Bearer', refresh_token: 'next' }),
    );
    const profile = buildProfile();
    const vault = new InMemoryTokenVault();
    await vault.save(profile.id, stored());
    vault.save = async () => {
      throw new Error('keychain locked');
    };
    await assert.rejects(managerWith(http, profile, vault).refresh(profile), /keychain locked/);
  });

  const revocations: {
    which: 'access_token' | 'refresh_token' | 'all';
    check: (stored: TokenSet | undefined) => void;
  }[] = [
    {
      which: 'access_token',
      check: (left) => {
        assert.equal(left?.refresh_token, 'old-refresh');
        assert.equal(left?.expires_at, new Date(now).toISOString());
      },
    },
    { which: 'refresh_token', check: (left) => assert.equal(left && 'refresh_token' in left, false) },
    { which: 'all', check: (left) => assert.equal(left, undefined) },
  ];
  for (const { which, check } of revocations) {
    it(`revoke(${which}) forgets exactly what it revoked`, async () => {
      const http = new FakeHttpClient((request) =>
        // A server that cannot revoke refresh tokens must not stop "all" from revoking the access token.
        which === 'all' && request.body?.includes('token_type_hint=refresh_token')
          ? jsonResponse(400, { error: 'unsupported_token_type' })
          : { status: 200, headers: {}, body: '' },
      );
      const profile = buildProfile({ revocation_endpoint: 'https://as.example/revoke' });
      const vault = new InMemoryTokenVault();
      await vault.save(profile.id, stored({ expires_at: new Date(now + 3600_000).toISOString() }));
      await managerWith(http, profile, vault).revoke(profile, which);
      check(await vault.load(profile.id));
      assert.equal(http.requests.length, which === 'all' ? 2 : 1);
    });
  }

  it('says which endpoint is missing for revoke and introspect', async () => {
    const http = new FakeHttpClient(() => jsonResponse(500, {}));
    const profile = buildProfile();
    const manager = managerWith(http, profile);
    assert.equal((await engineError(manager.revoke(profile))).code, 'ENDPOINT_MISSING');
    assert.equal((await engineError(manager.introspect(profile))).code, 'ENDPOINT_MISSING');
  });
});
