import * as assert from 'node:assert/strict';
import { buildAuthorizationUrl } from '../../../../src/core/oauth/authorizationRequest';
import { createPkcePair } from '../../../../src/core/oauth/pkce';
import { signIn, SignInOptions } from '../../../../src/core/oauth/signIn';
import {
  EndpointCall,
  exchangeAuthorizationCode,
  refreshTokenGrant,
} from '../../../../src/core/oauth/tokenEndpoint';
import { ClientProfile } from '../../../../src/core/profiles/clientProfile';
import { InMemorySecretStore } from '../../../../src/core/profiles/secretStore';
import { startLoopbackRedirectServer } from '../../../../src/node/loopbackRedirectServer';
import { NodeHttpClient } from '../../../../src/node/nodeHttpClient';
import { buildProfile } from '../../../doubles/builders/profileBuilder';
import { engineError } from '../../../doubles/engineError';
import { getOnce } from '../../../doubles/httpLogin';
import { NodeOauthServer, startNodeOauthServer } from '../../../doubles/nodeOauthServer';

/** The browser's part against this server: it signs the user in at once and redirects to the callback. */
async function browse(authorizationUrl: string): Promise<string | undefined> {
  const answer = await getOnce(authorizationUrl);
  if (answer.location) {
    await getOnce(answer.location);
  }
  return answer.location;
}

describe('the engine against a second authorization server (@node-oauth/oauth2-server)', () => {
  let server: NodeOauthServer;
  let http: NodeHttpClient;

  beforeEach(async () => {
    server = await startNodeOauthServer();
    http = new NodeHttpClient({ env: {} });
  });
  afterEach(async () => {
    await http?.close();
    await server?.close();
  });

  const profileOf = (overrides: Partial<ClientProfile> = {}) =>
    buildProfile({
      id: 'second',
      label: 'second server',
      authorization_endpoint: server.authorizationEndpoint,
      token_endpoint: server.tokenEndpoint,
      client_id: server.clientId,
      redirect_uri: server.redirectUri,
      scopes: ['openid', 'accounts.read'],
      ...overrides,
    });

  function options(profile: ClientProfile, secret = server.clientSecret): SignInOptions {
    return {
      profile,
      secretStore: new InMemorySecretStore({ [profile.id]: secret }),
      http,
      receiveCallback: startLoopbackRedirectServer,
      openUrl: (url) => void browse(url),
      timeoutMs: 10_000,
    };
  }

  it('signs in with PKCE; openid sends a nonce, and a server without ID tokens is fine with it', async () => {
    const tokens = await signIn(options(profileOf()));
    assert.ok(tokens.access_token);
    assert.ok(tokens.refresh_token);
    assert.equal(tokens.id_token, undefined);
  });

  it('warns when the server drops a scope it does not know', async () => {
    const warnings: string[] = [];
    const profile = profileOf({ scopes: ['accounts.read', 'payments.write'] });
    await signIn({ ...options(profile), onWarning: (m) => warnings.push(m) });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /asked for accounts\.read payments\.write, got accounts\.read/);
  });

  it('stops before the browser when the server refuses the redirect URI (a JSON 400, not a page)', async () => {
    let opened = false;
    const profile = profileOf({ redirect_uri: 'http://127.0.0.1:9/elsewhere' });
    const err = await engineError(signIn({ ...options(profile), openUrl: () => void (opened = true) }));
    assert.equal(opened, false);
    assert.equal(err.status, 400);
    assert.equal(err.error, 'invalid_client');
  });

  it('explains a wrong secret (401 with a Basic challenge) as client authentication', async () => {
    const err = await engineError(signIn(options(profileOf(), 'not-the-secret')));
    assert.equal(err.status, 401);
    assert.equal(err.catalogId, 'oauth.token.invalid_client');
    assert.match(err.wwwAuthenticate ?? '', /^Basic/);
  });

  it('refuses a replayed code and a reused refresh token with invalid_grant, each with its own fix', async () => {
    const profile = profileOf();
    const pkce = await createPkcePair();
    const location = await getOnce(buildAuthorizationUrl(profile, 'state-1', pkce));
    const code = new URL(location.location ?? '').searchParams.get('code') ?? '';
    const call: EndpointCall = { http, client: profile, clientSecret: server.clientSecret, now: Date.now };
    const exchange = () =>
      exchangeAuthorizationCode(call, {
        token_endpoint: profile.token_endpoint,
        code,
        redirect_uri: profile.redirect_uri,
        code_verifier: pkce.code_verifier,
      });
    const first = await exchange();
    const replay = await engineError(exchange());
    assert.equal(replay.error, 'invalid_grant');
    assert.equal(replay.catalogId, 'oauth.token.invalid_grant');
    assert.match(replay.fix ?? '', /new code is exchanged once/);

    const refresh = () =>
      refreshTokenGrant(call, {
        token_endpoint: profile.token_endpoint,
        refresh_token: first.refresh_token ?? '',
      });
    await refresh();
    const reuse = await engineError(refresh());
    assert.equal(reuse.error, 'invalid_grant');
    assert.match(reuse.fix ?? '', /refresh token/);
  });
});
