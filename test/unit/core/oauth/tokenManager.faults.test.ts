import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { isOAuthWorkbenchError } from '../../../../src/core/oauth/oauthErrors';
import { refreshTokenGrant } from '../../../../src/core/oauth/tokenEndpoint';
import { ClientProfile } from '../../../../src/core/profiles/clientProfile';
import { InMemorySecretStore } from '../../../../src/core/profiles/secretStore';
import { TokenManager } from '../../../../src/core/oauth/tokenManager';
import { isRefreshTokenPossiblySpent, TokenSet } from '../../../../src/core/tokens/tokenSet';
import { InMemoryTokenVault } from '../../../../src/core/tokens/tokenVault';
import { NodeHttpClient } from '../../../../src/node/nodeHttpClient';
import { buildProfile } from '../../../doubles/builders/profileBuilder';
import { expiredTokenSet } from '../../../doubles/builders/tokenSetBuilder';
import { engineError } from '../../../doubles/engineError';
import {
  answerJson,
  answerTokens,
  FaultyTokenEndpoint,
  startFaultyTokenEndpoint,
  TokenEndpointBehaviour,
} from '../../../doubles/faultyTokenEndpoint';
import { ReliabilityCounts } from '../../../support/reliabilityCounts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A vault that reads like SecretStorage over IPC: the value is taken at once but arrives a little later. */
class SlowReadVault extends InMemoryTokenVault {
  override async load(profileId: string): Promise<TokenSet | undefined> {
    const snapshot = await super.load(profileId);
    await sleep(Math.floor(Math.random() * 40));
    return snapshot;
  }
}

describe('TokenManager under faults', function () {
  this.timeout(30_000);
  let endpoint: FaultyTokenEndpoint;
  let http: NodeHttpClient;
  let profile: ClientProfile;
  let vault: InMemoryTokenVault;
  let manager: TokenManager;

  async function setUp(options: { timeoutMs?: number; vault?: InMemoryTokenVault } = {}): Promise<void> {
    http = new NodeHttpClient({ env: {}, timeoutMs: options.timeoutMs ?? 2000 });
    profile = buildProfile({ token_endpoint: endpoint.url });
    vault = options.vault ?? new InMemoryTokenVault();
    await vault.save(profile.id, expiredTokenSet());
    manager = new TokenManager({
      vault,
      secretStore: new InMemorySecretStore({ [profile.id]: 'client-secret' }),
      httpClientFor: () => http,
    });
  }

  beforeEach(async () => {
    endpoint = await startFaultyTokenEndpoint();
  });

  afterEach(async () => {
    await http?.close();
    await endpoint?.close();
  });

  describe('single flight', () => {
    const counts = new ReliabilityCounts('100 concurrent refreshes, one token-endpoint call');

    it('makes one token-endpoint call for 100 concurrent refreshes, and every caller gets the same set', async () => {
      await counts.check(async () => {
        await setUp();
        endpoint.behave((res, request) => setTimeout(() => answerTokens(res, request), 50));
        const results = await Promise.all(Array.from({ length: 100 }, () => manager.refresh(profile)));
        assert.equal(endpoint.requests(), 1);
        assert.ok(results.every((r) => r === results[0]));
        assert.equal(results[0].refresh_token, 'refresh-1');
        assert.deepEqual(await vault.load(profile.id), results[0]);
      });
    });

    it('makes one call for 100 concurrent getValidAccessToken calls even when reads of the vault lag', async () => {
      await counts.check(async () => {
        await setUp({ vault: new SlowReadVault() });
        const tokens = await Promise.all(
          Array.from({ length: 100 }, () => manager.getValidAccessToken(profile, 0)),
        );
        assert.equal(endpoint.requests(), 1);
        assert.deepEqual(new Set(tokens), new Set(['access-1']));
      });
    });

    it('shares one failure among 100 concurrent callers, with one call', async () => {
      await counts.check(async () => {
        await setUp();
        endpoint.behave(
          answerJson(400, { error: 'invalid_grant', error_description: 'grant request is invalid' }),
        );
        const outcomes = await Promise.allSettled(
          Array.from({ length: 100 }, () => manager.refresh(profile)),
        );
        assert.equal(endpoint.requests(), 1);
        const reasons = outcomes.map((o) => (o.status === 'rejected' ? o.reason : undefined));
        assert.ok(reasons.every((r) => r !== undefined && r === reasons[0]));
        assert.equal((reasons[0] as { error?: string }).error, 'invalid_grant');
      });
    });
  });

  describe('a timeout during a refresh', () => {
    const counts = new ReliabilityCounts('refresh timeout keeps the refresh token, marked possibly spent');

    it('keeps the old refresh token, marks it possibly spent, and says what happened and what to do', async () => {
      await counts.check(async () => {
        await setUp({ timeoutMs: 2000 });
        // The server takes the request (and, single-use, spends the token) but the answer never comes back in time.
        endpoint.behave((res, request) => endpoint.later(30_000, () => answerTokens(res, request)));
        const started = Date.now();
        const err = await engineError(manager.refresh(profile));
        assert.ok(Date.now() - started < 15_000, 'the 2 s timeout ended the refresh, not the 30 s stall');
        assert.equal(err.code, 'REFRESH_OUTCOME_UNKNOWN');
        assert.ok(isOAuthWorkbenchError(err.cause, 'HTTP_TIMEOUT'));
        assert.match(err.message, /got no usable answer: The request to 127\.0\.0\.1:\d+ timed out\./);
        assert.match(err.message, /kept and marked as possibly spent/);
        assert.match(err.fix ?? '', /Refresh again .* invalid_grant .* sign in again/);

        const stored = (await vault.load(profile.id)) as TokenSet;
        assert.equal(stored.refresh_token, 'old-refresh');
        assert.equal(stored.access_token, 'old-access');
        assert.ok(isRefreshTokenPossiblySpent(stored));
      });
    });

    it('after the lost answer, an invalid_grant says the earlier refresh most likely spent the token', async () => {
      await counts.check(async () => {
        await setUp({ timeoutMs: 2000 });
        endpoint.behave(() => undefined);
        await engineError(manager.refresh(profile));
        endpoint.behave(answerJson(400, { error: 'invalid_grant' }));
        const err = await engineError(manager.refresh(profile));
        assert.equal(err.code, 'OAUTH_RESPONSE');
        assert.equal(err.error, 'invalid_grant');
        assert.match(
          err.message,
          /An earlier refresh \(.+\) got no answer, so it most likely used up this refresh token\./,
        );
        assert.equal(err.fix, 'Sign in again to get new tokens.');
      });
    });

    it('after the lost answer, a successful refresh clears the mark', async () => {
      await counts.check(async () => {
        await setUp({ timeoutMs: 2000 });
        endpoint.behave(() => undefined);
        await engineError(manager.refresh(profile));
        endpoint.behave(answerTokens);
        const next = await manager.refresh(profile);
        assert.equal(next.refresh_token, 'refresh-2');
        const stored = (await vault.load(profile.id)) as TokenSet;
        assert.equal(stored.refresh_attempted_at, undefined);
        assert.equal(isRefreshTokenPossiblySpent(stored), false);
      });
    });

    it('marks the stored set before the request goes out', async () => {
      await counts.check(async () => {
        await setUp();
        let seenByServer: TokenSet | undefined;
        endpoint.behave((res, request) => {
          void vault.load(profile.id).then((stored) => {
            seenByServer = stored;
            answerTokens(res, request);
          });
        });
        await manager.refresh(profile);
        assert.ok(seenByServer && isRefreshTokenPossiblySpent(seenByServer));
        assert.equal(seenByServer.refresh_token, 'old-refresh');
      });
    });
  });

  describe('network faults', () => {
    const counts = new ReliabilityCounts('token endpoint network faults become typed errors');

    /** A port with nothing listening on it. */
    async function closedPort(): Promise<number> {
      const probe = net.createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const port = (probe.address() as net.AddressInfo).port;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      return port;
    }

    const faults: {
      name: string;
      behaviour?: TokenEndpointBehaviour;
      /** The engine error of the grant itself. */
      code: string;
      message: RegExp;
      /** Whether the request may have reached the server, so the refresh token is kept marked as possibly spent. */
      possiblySpent: boolean;
    }[] = [
      {
        name: 'connection refused',
        code: 'HTTP_CONNECTION_REFUSED',
        message: /Nothing accepts connections at 127\.0\.0\.1:\d+\./,
        possiblySpent: false,
      },
      {
        name: 'a reset in the middle of the body',
        behaviour: (res) => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
          res.write('{"access_token":"half');
          setTimeout(() => res.socket?.destroy(), 20);
        },
        code: 'HTTP_NETWORK',
        message: /closed the connection before the answer was complete/,
        possiblySpent: true,
      },
      {
        name: 'a 30 s stall with a 2 s timeout',
        behaviour: (res) =>
          endpoint.later(30_000, () =>
            answerJson(200, { access_token: 'late', token_type: 'Bearer' })(res, {
              body: new URLSearchParams(),
              number: 0,
            }),
          ),
        code: 'HTTP_TIMEOUT',
        message: /timed out/,
        possiblySpent: true,
      },
      {
        name: '502 with an HTML body',
        behaviour: (res) => {
          res.writeHead(502, { 'content-type': 'text/html' });
          res.end('<html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>');
        },
        code: 'HTTP_SERVER_ERROR',
        message: /^The token endpoint failed with HTTP 502 and an HTML page\.$/,
        possiblySpent: true,
      },
      {
        name: '200 with invalid JSON',
        behaviour: answerJson(200, '{"access_token": "a", "token_type": '),
        code: 'HTTP_UNEXPECTED_RESPONSE',
        message: /^The token endpoint answered HTTP 200 with a body that is not OAuth JSON\.$/,
        possiblySpent: true,
      },
      {
        name: '200 without access_token',
        behaviour: answerJson(200, { token_type: 'Bearer', expires_in: 3600, refresh_token: 'r' }),
        code: 'HTTP_UNEXPECTED_RESPONSE',
        message: /answered 200 without an access_token/,
        possiblySpent: true,
      },
      {
        name: 'expires_in as text that is not a number',
        behaviour: answerJson(200, { access_token: 'a', token_type: 'Bearer', expires_in: 'one hour' }),
        code: 'HTTP_UNEXPECTED_RESPONSE',
        message: /expires_in is "one hour", not a number of seconds/,
        possiblySpent: true,
      },
      {
        name: 'a negative expires_in',
        behaviour: answerJson(200, { access_token: 'a', token_type: 'Bearer', expires_in: -3600 }),
        code: 'HTTP_UNEXPECTED_RESPONSE',
        message: /expires_in is -3600: a lifetime cannot be negative/,
        possiblySpent: true,
      },
      {
        name: 'a huge expires_in',
        behaviour: answerJson(200, { access_token: 'a', token_type: 'Bearer', expires_in: 1e20 }),
        code: 'HTTP_UNEXPECTED_RESPONSE',
        message: /expires_in is 100000000000000000000 seconds, longer than any date can express/,
        possiblySpent: true,
      },
      {
        name: 'an infinite refresh_token_expires_in',
        behaviour: answerJson(
          200,
          '{"access_token":"a","token_type":"Bearer","refresh_token":"r","refresh_token_expires_in":1e999}',
        ),
        code: 'HTTP_UNEXPECTED_RESPONSE',
        message: /refresh_token_expires_in is Infinity seconds/,
        possiblySpent: true,
      },
    ];

    for (const fault of faults) {
      it(`turns ${fault.name} into ${fault.code} with a clear message, and nothing hangs`, async () => {
        await counts.check(async () => {
          await setUp({ timeoutMs: 2000 });
          if (fault.behaviour) {
            endpoint.behave(fault.behaviour);
          } else {
            profile = { ...profile, token_endpoint: `http://127.0.0.1:${await closedPort()}/token` };
          }
          const call = { http, client: profile, clientSecret: 'client-secret', now: Date.now };
          const direct = await engineError(
            refreshTokenGrant(call, { token_endpoint: profile.token_endpoint, refresh_token: 'r' }),
          );
          assert.equal(direct.code, fault.code);
          assert.match(direct.message, fault.message);
          assert.ok(direct.fix, 'the error says what to do');
          assert.ok(!direct.message.includes('client-secret') && !direct.message.includes('alert'));

          const viaManager = await engineError(manager.refresh(profile));
          const stored = (await vault.load(profile.id)) as TokenSet;
          assert.equal(stored.refresh_token, 'old-refresh', 'the old refresh token is kept');
          if (fault.possiblySpent) {
            assert.equal(viaManager.code, 'REFRESH_OUTCOME_UNKNOWN');
            assert.equal((viaManager.cause as { code?: string }).code, fault.code);
            assert.ok(isRefreshTokenPossiblySpent(stored));
          } else {
            assert.equal(viaManager.code, fault.code);
            assert.deepEqual(
              stored,
              expiredTokenSet({ expires_at: stored.expires_at, received_at: stored.received_at }),
            );
          }
        });
      });
    }

    it('never follows a redirect, so the refresh token and the secret do not travel to another server', async () => {
      await counts.check(async () => {
        const elsewhere = await startFaultyTokenEndpoint();
        try {
          await setUp();
          endpoint.behave((res) => {
            res.writeHead(307, { location: elsewhere.url });
            res.end();
          });
          const err = await engineError(manager.refresh(profile));
          assert.equal(err.code, 'HTTP_UNEXPECTED_RESPONSE');
          assert.equal(err.status, 307);
          assert.equal(elsewhere.requests(), 0, 'the redirect was not followed');
          assert.equal(isRefreshTokenPossiblySpent((await vault.load(profile.id)) as TokenSet), false);
        } finally {
          await elsewhere.close();
        }
      });
    });

    it('accepts expires_in written as a numeric string, as some servers send it', async () => {
      await counts.check(async () => {
        await setUp();
        endpoint.behave(
          answerJson(200, {
            access_token: 'a',
            token_type: 'Bearer',
            expires_in: '3599',
            refresh_token: 'r2',
          }),
        );
        const next = await manager.refresh(profile);
        assert.equal(Date.parse(next.expires_at ?? '') - Date.parse(next.received_at), 3599_000);
      });
    });

    it('masks the credentials it sent when the server quotes them in its error', async () => {
      await counts.check(async () => {
        await setUp();
        endpoint.behave((res, { body }) =>
          answerJson(400, {
            error: 'invalid_grant',
            error_description: `refresh token ${body.get('refresh_token')} of client-secret is not valid`,
          })(res, { body, number: 0 }),
        );
        const err = await engineError(manager.refresh(profile));
        assert.equal(err.error, 'invalid_grant');
        assert.match(err.message, /refresh token «redacted» of «redacted» is not valid/);
        for (const text of [err.message, err.error_description ?? '']) {
          assert.ok(!text.includes('old-refresh') && !text.includes('client-secret'), text);
        }
      });
    });

    it('restores the set without a mark when the server refuses with an OAuth error', async () => {
      await counts.check(async () => {
        await setUp();
        endpoint.behave(answerJson(401, { error: 'invalid_client' }));
        assert.equal((await engineError(manager.refresh(profile))).error, 'invalid_client');
        assert.equal(isRefreshTokenPossiblySpent((await vault.load(profile.id)) as TokenSet), false);
      });
    });
  });
});
