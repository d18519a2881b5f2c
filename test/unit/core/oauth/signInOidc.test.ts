import * as assert from 'node:assert/strict';
import { buildAuthorizationUrl } from '../../../../src/core/oauth/authorizationRequest';
import { missingScopes, signIn, SignInOptions } from '../../../../src/core/oauth/signIn';
import { ClientProfile } from '../../../../src/core/profiles/clientProfile';
import { InMemorySecretStore } from '../../../../src/core/profiles/secretStore';
import { decodeJwtUnverified } from '../../../../src/core/tokens/decodeJwt';
import { startLoopbackRedirectServer } from '../../../../src/node/loopbackRedirectServer';
import { profileFor } from '../../../doubles/builders/profileBuilder';
import { engineError } from '../../../doubles/engineError';
import { loginAndDeliver } from '../../../doubles/httpLogin';
import { useOidcProvider } from '../../../doubles/useOidcProvider';

describe('signIn: OpenID nonce, extra parameters and scope, against oidc-provider', () => {
  const fixture = useOidcProvider();
  let opened: string[];

  beforeEach(() => {
    opened = [];
  });

  function options(profile: ClientProfile, overrides: Partial<SignInOptions> = {}): SignInOptions {
    return {
      profile,
      secretStore: new InMemorySecretStore({ [profile.id]: fixture.server.clientSecret }),
      http: fixture.http,
      receiveCallback: startLoopbackRedirectServer,
      openUrl: (url) => {
        opened.push(url);
        void loginAndDeliver(url, profile.redirect_uri);
      },
      timeoutMs: 10_000,
      ...overrides,
    };
  }

  it('sends a fresh nonce with openid and gets it back in the ID token', async () => {
    const tokens = await signIn(options(profileFor(fixture.server)));
    const nonce = new URL(opened[0]).searchParams.get('nonce');
    assert.ok(nonce && nonce.length >= 32);
    assert.equal(decodeJwtUnverified(tokens.id_token ?? '')?.claims.nonce, nonce);
  });

  it('sends no nonce without openid', () => {
    const url = buildAuthorizationUrl(profileFor(fixture.server, { scopes: ['ais.balances.read'] }), 's');
    assert.equal(new URL(url).searchParams.get('nonce'), null);
  });

  it('refuses an ID token that carries another nonce than the one sent', async () => {
    const profile = profileFor(fixture.server);
    const err = await engineError(
      signIn(
        options(profile, {
          // The server signs whatever nonce reaches it: swap it on the way, as a replayed ID token would carry another.
          openUrl: (url) => {
            const swapped = new URL(url);
            swapped.searchParams.set('nonce', 'not-the-one-sent-by-the-engine');
            void loginAndDeliver(swapped.toString(), profile.redirect_uri);
          },
        }),
      ),
    );
    assert.equal(err.code, 'NONCE_MISMATCH');
    assert.doesNotMatch(err.message, /not-the-one-sent/);
  });

  it('sends the profile’s extra authorization parameters, and the server honours them', async () => {
    const profile = profileFor(fixture.server, {
      extraAuthorizeParams: { prompt: 'consent', acr_values: 'urn:x' },
    });
    await signIn(options(profile));
    const params = new URL(opened[0]).searchParams;
    assert.equal(params.get('prompt'), 'consent');
    assert.equal(params.get('acr_values'), 'urn:x');
  });

  it('warns with requested and granted scope when the server narrows it', async () => {
    const warnings: string[] = [];
    const profile = profileFor(fixture.server, { scopes: ['openid', 'ais.balances.read', 'payments.write'] });
    const tokens = await signIn(options(profile, { onWarning: (m) => warnings.push(m) }));
    assert.doesNotMatch(tokens.scope ?? '', /payments\.write/);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /asked for openid ais\.balances\.read payments\.write, got /);
  });

  it('names the scopes that were not granted', () => {
    assert.deepEqual(missingScopes(['a', 'b', 'c'], 'c a'), ['b']);
    assert.deepEqual(missingScopes(['a'], undefined), []);
    assert.deepEqual(missingScopes(['a'], ''), ['a']);
  });
});
