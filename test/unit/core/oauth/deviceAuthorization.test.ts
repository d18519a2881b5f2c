import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { pollDeviceToken, requestDeviceAuthorization } from '../../../../src/core/oauth/deviceAuthorization';
import { EndpointCall } from '../../../../src/core/oauth/tokenEndpoint';
import { Clock } from '../../../../src/core/tokens/clock';
import { NodeHttpClient } from '../../../../src/node/nodeHttpClient';
import { profileFor } from '../../../doubles/builders/profileBuilder';
import { engineError } from '../../../doubles/engineError';
import { loginOverHttp } from '../../../doubles/httpLogin';
import { useOidcProvider } from '../../../doubles/useOidcProvider';

/**
 * A clock that records the waits asked of it but waits only `realMs`, so the real server sees polls sooner than the
 * engine meant them: oidc-provider then answers `slow_down`, as it would to a client that ignores the interval.
 */
function hastyClock(realMs: number): Clock & { readonly waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    now: () => Date.now(),
    sleep: (ms) => {
      waits.push(ms);
      return new Promise((resolve) => setTimeout(resolve, realMs));
    },
  };
}

describe('device authorization grant against oidc-provider', () => {
  const fixture = useOidcProvider();

  const call = (): EndpointCall => ({
    http: fixture.http,
    client: profileFor(fixture.server),
    clientSecret: fixture.server.clientSecret,
    now: Date.now,
  });

  it('gets a user code, and polls at the server’s interval to a token set once the user approved', async () => {
    const authorization = await requestDeviceAuthorization(call(), {
      device_authorization_endpoint: fixture.server.deviceAuthorizationEndpoint,
      scope: 'openid ais.balances.read',
    });
    assert.match(authorization.user_code, /\S/);
    assert.ok(authorization.verification_uri.startsWith(fixture.server.issuer));
    assert.ok(authorization.interval > 0);

    const clock = hastyClock(300);
    const polling = pollDeviceToken(
      call(),
      {
        token_endpoint: fixture.server.tokenEndpoint,
        authorization,
        preset: 'generic-oidc',
      },
      clock,
    );
    // Let a few polls see authorization_pending and slow_down before the user approves.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const approval = await loginOverHttp(
      authorization.verification_uri_complete ?? authorization.verification_uri,
      'http://127.0.0.1:1/never',
    );
    assert.equal(approval.kind, 'page');
    const tokens = await polling;
    assert.ok(tokens.access_token);

    // oidc-provider never answers slow_down, so every wait is the interval it named.
    assert.ok(clock.waits.length >= 2);
    assert.ok(
      clock.waits.every((ms) => ms === authorization.interval * 1000),
      clock.waits.join(', '),
    );
  });

  it('stops when the user code expires unapproved', async () => {
    const authorization = await requestDeviceAuthorization(call(), {
      device_authorization_endpoint: fixture.server.deviceAuthorizationEndpoint,
    });
    const clock: Clock = {
      now: () => Date.now(),
      sleep: () => new Promise((resolve) => setTimeout(resolve, 50)),
    };
    const err = await engineError(
      pollDeviceToken(
        call(),
        {
          token_endpoint: fixture.server.tokenEndpoint,
          authorization: { ...authorization, expires_in: 0.2 },
          preset: 'generic-oidc',
        },
        clock,
      ),
    );
    assert.equal(err.code, 'FLOW_TIMEOUT');
  });
});

describe('device authorization grant: slow_down', () => {
  // oidc-provider defines slow_down but never sends it; this hand-written token endpoint does, in a fixed order.
  let server: http.Server;
  let tokenEndpoint: string;
  const answers = ['authorization_pending', 'slow_down', 'authorization_pending', 'ok'];
  let polls = 0;

  beforeEach(async () => {
    polls = 0;
    server = http.createServer((req, res) => {
      req.resume();
      const answer = answers[Math.min(polls++, answers.length - 1)];
      res.setHeader('content-type', 'application/json');
      if (answer === 'ok') {
        res.end(JSON.stringify({ access_token: 'device-access', token_type: 'Bearer', expires_in: 60 }));
      } else {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: answer }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    tokenEndpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('waits 5 s longer after slow_down, for that poll and every later one', async () => {
    const httpClient = new NodeHttpClient({ env: {} });
    try {
      const clock = hastyClock(1);
      const tokens = await pollDeviceToken(
        {
          http: httpClient,
          client: { client_id: 'tv', token_endpoint_auth_method: 'none', preset: 'generic-oauth2' },
          now: Date.now,
        },
        {
          token_endpoint: tokenEndpoint,
          authorization: {
            device_code: 'd',
            user_code: 'U',
            verification_uri: 'http://127.0.0.1/device',
            expires_in: 600,
            interval: 2,
          },
          preset: 'generic-oauth2',
        },
        clock,
      );
      assert.equal(tokens.access_token, 'device-access');
      assert.deepEqual(clock.waits, [2000, 2000, 7000, 7000]);
    } finally {
      await httpClient.close();
    }
  });
});
