import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { buildAuthorizationUrl } from '../../../../src/core/oauth/authorizationRequest';
import { createPkcePair, randomUrlSafeString } from '../../../../src/core/oauth/pkce';
import { signIn, SignInOptions } from '../../../../src/core/oauth/signIn';
import {
  EndpointCall,
  exchangeAuthorizationCode,
  introspectToken,
  refreshTokenGrant,
} from '../../../../src/core/oauth/tokenEndpoint';
import { ClientProfile } from '../../../../src/core/profiles/clientProfile';
import { InMemorySecretStore } from '../../../../src/core/profiles/secretStore';
import { InMemoryTokenVault } from '../../../../src/core/tokens/tokenVault';
import { startLoopbackRedirectServer } from '../../../../src/node/loopbackRedirectServer';
import { profileFor } from '../../../doubles/builders/profileBuilder';
import { getOnce, loginAndDeliver, loginOverHttp } from '../../../doubles/httpLogin';
import { startOidcProvider } from '../../../doubles/oidcProviderServer';
import { useOidcProvider } from '../../../doubles/useOidcProvider';
import { engineError } from '../../../doubles/engineError';

describe('signIn against oidc-provider', () => {
  const fixture = useOidcProvider();

  function options(profile: ClientProfile, overrides: Partial<SignInOptions> = {}): SignInOptions {
    return {
      profile,
      secretStore: new InMemorySecretStore({ [profile.id]: fixture.server.clientSecret }),
      http: fixture.http,
      receiveCallback: startLoopbackRedirectServer,
      openUrl: (url) => {
        void loginAndDeliver(url, profile.redirect_uri);
      },
      timeoutMs: 10_000,
      ...overrides,
    };
  }

  it('signs in with PKCE S256 and stores the token set', async () => {
    const profile = profileFor(fixture.server);
    const vault = new InMemoryTokenVault();
    const started = Date.now();
    const tokens = await signIn(options(profile, { tokenVault: vault }));

    assert.equal(tokens.token_type, 'Bearer');
    assert.ok(tokens.access_token.length > 10);
    assert.ok(tokens.refresh_token);
    assert.ok(tokens.id_token);
    assert.match(tokens.scope ?? '', /ais\.balances\.read/);
    const finished = Date.now();
    // An hour after the exchange, which happened between `started` and `finished` however long a busy machine took
    // for the flow; a second either side for the rounding of the time written.
    const expiresAt = Date.parse(tokens.expires_at ?? '');
    assert.ok(
      expiresAt >= started + 3600_000 - 1000 && expiresAt <= finished + 3600_000 + 1000,
      `expires_at ${tokens.expires_at}, flow from ${new Date(started).toISOString()} to ${new Date(finished).toISOString()}`,
    );
    assert.deepEqual(await vault.load(profile.id), tokens);
    assert.equal(fixture.server.tokenRequests(), 1);
  });

  it('logs progress without the secret, the tokens, the code or the state', async () => {
    const profile = profileFor(fixture.server);
    const lines: string[] = [];
    const log = (line: string) => void lines.push(line);
    let callbackUrl = '';
    const tokens = await signIn(
      options(profile, {
        logger: { trace: log, debug: log, info: log, warn: log, error: log },
        openUrl: (url) => {
          void loginOverHttp(url, profile.redirect_uri).then(async (result) => {
            callbackUrl = result.kind === 'callback' ? result.url : '';
            await getOnce(callbackUrl);
          });
        },
      }),
    );
    const callback = new URL(callbackUrl).searchParams;
    const secrets = [
      fixture.server.clientSecret,
      tokens.access_token,
      tokens.refresh_token ?? '',
      callback.get('code') ?? '',
    ];
    assert.ok(lines.length >= 2);
    for (const line of lines) {
      for (const secret of [...secrets, callback.get('state') ?? '']) {
        assert.ok(!line.includes(secret), `log line leaks a secret: ${line}`);
      }
    }
  });

  it('waits the profile’s exchange delay before the one token request', async () => {
    const profile = profileFor(fixture.server, { exchangeDelayMs: 1000 });
    const slept: { ms: number; tokenRequestsSoFar: number }[] = [];
    await signIn(
      options(profile, {
        clock: {
          now: Date.now,
          sleep: async (ms) => void slept.push({ ms, tokenRequestsSoFar: fixture.server.tokenRequests() }),
        },
      }),
    );
    assert.deepEqual(slept, [{ ms: 1000, tokenRequestsSoFar: 0 }]);
    assert.equal(fixture.server.tokenRequests(), 1);
  });

  it('ends with the provider’s invalid_request when PKCE is off but required', async () => {
    const err = await engineError(signIn(options(profileFor(fixture.server, { pkce: false }))));
    assert.equal(err.code, 'OAUTH_AUTHORIZATION_RESPONSE');
    assert.equal(err.error, 'invalid_request');
    assert.match(err.error_description ?? '', /PKCE|code_challenge/i);
    assert.equal(err.catalogId, 'oauth.authorize.invalid_request');
    assert.equal(fixture.server.tokenRequests(), 0);
  });

  it('stops at once, before the browser, when the server answers an unregistered redirect_uri with a page', async () => {
    const registered = new URL(fixture.server.redirectUri);
    const profile = profileFor(fixture.server, { redirect_uri: `${registered.origin}/not-registered` });
    let opened = false;
    const started = Date.now();
    const err = await engineError(
      signIn(
        options(profile, {
          openUrl: () => {
            opened = true;
          },
          timeoutMs: 10_000,
        }),
      ),
    );
    assert.equal(opened, false);
    assert.ok(Date.now() - started < 5_000);
    assert.equal(err.code, 'HTTP_UNEXPECTED_RESPONSE');
    assert.equal(err.status, 400);
    assert.equal(err.catalogId, 'oauth.authorize.refused-before-login');
    assert.match(err.fix ?? '', /Register the redirect URI/);
    assert.equal(fixture.server.tokenRequests(), 0);
  });

  it('without the probe, an unregistered redirect_uri leaves the flow waiting for its deadline', async () => {
    const registered = new URL(fixture.server.redirectUri);
    const profile = profileFor(fixture.server, { redirect_uri: `${registered.origin}/not-registered` });
    let page: Awaited<ReturnType<typeof loginOverHttp>> | undefined;
    const err = await engineError(
      signIn(
        options(profile, {
          probeAuthorizationUrl: false,
          openUrl: async (url) => {
            page = await loginOverHttp(url, profile.redirect_uri);
          },
          timeoutMs: 300,
        }),
      ),
    );
    assert.deepEqual(page?.kind === 'page' && page.status, 400);
    assert.equal(err.code, 'FLOW_TIMEOUT');
  });

  it('is cancelled by its AbortSignal while waiting, and frees the port', async () => {
    const profile = profileFor(fixture.server);
    const abort = new AbortController();
    const err = await engineError(
      signIn(
        options(profile, { signal: abort.signal, openUrl: () => void setTimeout(() => abort.abort(), 50) }),
      ),
    );
    assert.equal(err.code, 'FLOW_CANCELLED');
    // The same redirect port serves the next sign-in.
    const tokens = await signIn(options(profile));
    assert.ok(tokens.access_token);
  });

  it('stops before opening the browser when the redirect port is busy', async () => {
    const profile = profileFor(fixture.server);
    const blocker = net.createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(Number(new URL(profile.redirect_uri).port), '127.0.0.1', resolve),
    );
    let opened = false;
    try {
      const err = await engineError(signIn(options(profile, { openUrl: () => void (opened = true) })));
      assert.equal(err.code, 'PORT_IN_USE');
      assert.equal(opened, false);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('refuses an invalid profile or a missing secret before anything else', async () => {
    const invalid = await engineError(signIn(options(profileFor(fixture.server, { scopes: [] }))));
    assert.equal(invalid.code, 'PROFILE_INVALID');
    assert.match(invalid.message, /scopes/);
    const noSecret = await engineError(
      signIn(options(profileFor(fixture.server), { secretStore: new InMemorySecretStore() })),
    );
    assert.equal(noSecret.code, 'CLIENT_SECRET_MISSING');
  });

  it('uses paste-back for a redirect URI that cannot be served locally', async () => {
    await fixture.server.close();
    fixture.server = await startOidcProvider({ redirectUri: 'https://tpp.example/callback' });
    const profile = profileFor(fixture.server);
    let authorizationUrl = '';
    const tokens = await signIn(
      options(profile, {
        openUrl: (url) => void (authorizationUrl = url),
        promptForRedirectUrl: async () => {
          const result = await loginOverHttp(authorizationUrl, profile.redirect_uri);
          assert.equal(result.kind, 'callback');
          return result.kind === 'callback' ? result.url : '';
        },
      }),
    );
    assert.ok(tokens.access_token);
    const err = await engineError(signIn(options(profile, { promptForRedirectUrl: undefined })));
    assert.equal(err.code, 'REDIRECT_URI_NOT_SERVABLE');
  });

  it('refuses to reuse a code: invalid_grant, and the provider revokes what the code issued', async () => {
    const profile = profileFor(fixture.server);
    const pkce = await createPkcePair();
    const state = randomUrlSafeString();
    const result = await loginOverHttp(buildAuthorizationUrl(profile, state, pkce), profile.redirect_uri);
    assert.equal(result.kind, 'callback');
    const code = new URL(result.kind === 'callback' ? result.url : '').searchParams.get('code') ?? '';
    const call: EndpointCall = {
      http: fixture.http,
      client: profile,
      clientSecret: fixture.server.clientSecret,
      now: Date.now,
    };
    const exchange = () =>
      exchangeAuthorizationCode(call, {
        token_endpoint: profile.token_endpoint,
        code,
        redirect_uri: profile.redirect_uri,
        code_verifier: pkce.code_verifier,
        callbackReceivedAtMs: Date.now(),
      });

    const first = await exchange();
    const err = await engineError(exchange());
    assert.equal(err.code, 'OAUTH_RESPONSE');
    assert.equal(err.status, 400);
    assert.equal(err.error, 'invalid_grant');
    assert.equal(err.catalogId, 'oauth.token.invalid_grant');

    const introspection = await introspectToken(call, {
      introspection_endpoint: fixture.server.introspectionEndpoint,
      token: first.access_token,
    });
    assert.equal(introspection.active, false);
    const refreshErr = await engineError(
      refreshTokenGrant(call, {
        token_endpoint: profile.token_endpoint,
        refresh_token: first.refresh_token ?? '',
      }),
    );
    assert.equal(refreshErr.error, 'invalid_grant');
  });

  it('says the code expired when the exchange fails after the code’s lifetime', async () => {
    const profile = profileFor(fixture.server);
    const call: EndpointCall = {
      http: fixture.http,
      client: profile,
      clientSecret: fixture.server.clientSecret,
      now: Date.now,
    };
    const err = await engineError(
      exchangeAuthorizationCode(call, {
        token_endpoint: profile.token_endpoint,
        code: 'long-gone-code',
        redirect_uri: profile.redirect_uri,
        code_verifier: 'x'.repeat(43),
        callbackReceivedAtMs: Date.now() - 11 * 60_000,
      }),
    );
    assert.equal(err.code, 'AUTHORIZATION_CODE_EXPIRED');
    assert.equal(err.error, 'invalid_grant');
    assert.match(err.message, /expired: \d+ s passed .* 600 s/);
  });
});
