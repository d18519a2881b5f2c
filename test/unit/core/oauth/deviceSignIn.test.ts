import * as assert from 'node:assert/strict';
import { DeviceAuthorization } from '../../../../src/core/oauth/deviceAuthorization';
import { deviceSignIn } from '../../../../src/core/oauth/deviceSignIn';
import { discoverAuthorizationServer } from '../../../../src/core/oauth/discovery';
import { InMemorySecretStore } from '../../../../src/core/profiles/secretStore';
import { Clock } from '../../../../src/core/tokens/clock';
import { InMemoryTokenVault } from '../../../../src/core/tokens/tokenVault';
import { profileFor } from '../../../doubles/builders/profileBuilder';
import { engineError } from '../../../doubles/engineError';
import { loginOverHttp } from '../../../doubles/httpLogin';
import { useOidcProvider } from '../../../doubles/useOidcProvider';

/** Waits a fifth of what the engine asks, so a test polls a few times within a second or two. */
const quickClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, Math.min(ms / 5, 1000));
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    }),
};

describe('device sign-in of a profile against oidc-provider', () => {
  const fixture = useOidcProvider();
  const profile = () =>
    profileFor(fixture.server, { device_authorization_endpoint: fixture.server.deviceAuthorizationEndpoint });
  const lines: string[] = [];
  const logger = {
    trace: (m: string) => lines.push(m),
    debug: (m: string) => lines.push(m),
    info: (m: string) => lines.push(m),
    warn: (m: string) => lines.push(m),
    error: (m: string) => lines.push(m),
  };

  it('hands out the user code, and saves the token set once the user approved it', async () => {
    const vault = new InMemoryTokenVault();
    let shown: DeviceAuthorization | undefined;
    const tokens = await deviceSignIn({
      profile: profile(),
      secretStore: new InMemorySecretStore({ 'oidc-test': fixture.server.clientSecret }),
      http: fixture.http,
      tokenVault: vault,
      clock: quickClock,
      logger,
      onUserCode: (authorization) => {
        shown = authorization;
        void loginOverHttp(
          authorization.verification_uri_complete ?? authorization.verification_uri,
          'http://127.0.0.1:1/never',
        );
      },
    });
    assert.ok(shown?.user_code);
    assert.ok(tokens.access_token);
    assert.deepEqual(await vault.load('oidc-test'), tokens);
    const log = lines.join('\n');
    assert.ok(!log.includes(shown.device_code), 'the device code stays out of the log');
    assert.match(log, /Device sign-in for "oidc-provider" succeeded/);
  });

  it('refuses a profile without a device authorization endpoint before any request', async () => {
    const before = fixture.server.tokenRequests();
    const err = await engineError(
      deviceSignIn({
        profile: profileFor(fixture.server),
        secretStore: new InMemorySecretStore({ 'oidc-test': fixture.server.clientSecret }),
        http: fixture.http,
        onUserCode: () => assert.fail('no user code without an endpoint'),
      }),
    );
    assert.equal(err.code, 'ENDPOINT_MISSING');
    assert.match(err.fix ?? '', /device_authorization_endpoint/);
    assert.equal(fixture.server.tokenRequests(), before);
  });

  it('stops polling as soon as the signal aborts', async () => {
    const abort = new AbortController();
    const err = await engineError(
      deviceSignIn({
        profile: profile(),
        secretStore: new InMemorySecretStore({ 'oidc-test': fixture.server.clientSecret }),
        http: fixture.http,
        signal: abort.signal,
        onUserCode: () => setTimeout(() => abort.abort(), 50),
      }),
    );
    assert.equal(err.code, 'FLOW_CANCELLED');
  });

  it('gets the device authorization endpoint from discovery', async () => {
    const found = await discoverAuthorizationServer(fixture.server.issuer, fixture.http);
    assert.equal(found.fields.device_authorization_endpoint, fixture.server.deviceAuthorizationEndpoint);
  });
});
