import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CallbackExpectations } from '../../../src/core/oauth/authorizationCallback';
import { signIn } from '../../../src/core/oauth/signIn';
import { InMemorySecretStore } from '../../../src/core/profiles/secretStore';
import { LoopbackRedirectServer } from '../../../src/node/loopbackRedirectServer';
import { NodeHttpClient } from '../../../src/node/nodeHttpClient';
import { buildProfile } from '../../doubles/builders/profileBuilder';
import { engineError } from '../../doubles/engineError';
import { startFaultyTokenEndpoint } from '../../doubles/faultyTokenEndpoint';
import { repoRoot } from '../../support/paths';
import { ReliabilityCounts } from '../../support/reliabilityCounts';

const STATE = 'reliability-state-0123456789abcdef0123456789';
const page = (name: string) =>
  fs.readFileSync(path.join(repoRoot, 'media', `oauth-callback-${name}.html`), 'utf8');

/** What came back on a raw connection: the status line, lower-case headers and the body, or that it was closed. */
interface RawAnswer {
  readonly status?: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The server closed the connection (after its answer, or without one). */
  readonly closed: boolean;
}

/**
 * Writes `text` on a new connection and collects what comes back until the server closes it or `waitMs` passes (then
 * the client closes). Nothing is left open.
 */
function raw(port: number, text: string | undefined, waitMs = 2000, host = '127.0.0.1'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host);
    const chunks: Buffer[] = [];
    let closedByServer = false;
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('connect', () => (text === undefined ? undefined : socket.write(text)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => (closedByServer = true));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET') {
        closedByServer = true;
      } else {
        clearTimeout(timer);
        reject(err);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = all.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) {
          headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
        }
      }
      const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1];
      resolve({
        status: status ? Number(status) : undefined,
        headers,
        body: rest.join('\r\n\r\n'),
        closed: closedByServer,
      });
    });
  });
}

const get = (target: string, extra = '') =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`;

/** Whether a new connection to the port is refused. */
async function refused(port: number): Promise<boolean> {
  return raw(port, get('/callback')).then(
    () => false,
    (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED',
  );
}

describe('LoopbackRedirectServer under attack', function () {
  this.timeout(20_000);
  let server: LoopbackRedirectServer | undefined;

  async function start(
    overrides: Partial<CallbackExpectations> = {},
    requestTimeoutMs?: number,
  ): Promise<LoopbackRedirectServer> {
    server = await LoopbackRedirectServer.start(
      { redirectUri: 'http://127.0.0.1:0/callback', state: STATE, timeoutMs: 10_000, ...overrides },
      { requestTimeoutMs, closeGraceMs: 200 },
    );
    return server;
  }

  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  describe('where it listens', () => {
    const counts = new ReliabilityCounts('loopback server binds loopback only');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((i): i is os.NetworkInterfaceInfo => i !== undefined && !i.internal && i.family === 'IPv4');

    for (const redirectUri of ['http://127.0.0.1:0/callback', 'http://localhost:0/cb']) {
      it(`binds only loopback addresses for ${redirectUri}`, async () => {
        await counts.check(async () => {
          const s = await start({ redirectUri });
          assert.ok(s.addresses.length >= 1);
          for (const address of s.addresses) {
            assert.ok(['127.0.0.1', '::1'].includes(address.address), `bound to ${address.address}`);
            assert.equal(address.port, s.port);
          }
          for (const nic of external) {
            // The same port on a non-loopback interface of this machine answers nothing (refused, or no answer).
            const answer = await raw(s.port, get('/callback'), 2000, nic.address).catch(
              (err: NodeJS.ErrnoException) => err.code,
            );
            assert.ok(
              answer === 'ECONNREFUSED' || (typeof answer === 'object' && answer.status === undefined),
              `reachable on ${nic.address}`,
            );
          }
        });
      });
    }
  });

  describe('requests that are not the callback', () => {
    const counts = new ReliabilityCounts('loopback server refuses foreign requests and keeps waiting');

    const foreign: { name: string; request: string; status: number }[] = [
      { name: 'a forged state', request: get(`/callback?code=evil&state=forged`), status: 400 },
      { name: 'a missing state', request: get('/callback?code=evil'), status: 400 },
      { name: 'a repeated state', request: get(`/callback?code=c&state=${STATE}&state=x`), status: 400 },
      {
        name: 'the state in another case',
        request: get(`/callback?code=c&state=${STATE.toUpperCase()}`),
        status: 400,
      },
      { name: 'the wrong path', request: get(`/other?code=c&state=${STATE}`), status: 404 },
      { name: 'a trailing slash', request: get(`/callback/?code=c&state=${STATE}`), status: 404 },
      { name: 'an encoded path', request: get(`/%63allback?code=c&state=${STATE}`), status: 404 },
      {
        name: 'POST',
        request: `POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: ${`code=c&state=${STATE}`.length}\r\n\r\ncode=c&state=${STATE}`,
        status: 405,
      },
      { name: 'PUT', request: get(`/callback?code=c&state=${STATE}`).replace(/^GET/, 'PUT'), status: 405 },
      {
        name: 'a foreign Host header (DNS rebinding)',
        request: get(`/callback?code=c&state=${STATE}`).replace('Host: 127.0.0.1', 'Host: evil.example'),
        status: 400,
      },
      {
        name: 'a 1 MB query string',
        request: get(`/callback?code=c&state=${STATE}&pad=${'a'.repeat(1 << 20)}`),
        status: 431,
      },
      {
        name: 'a 1 MB query string that would be valid',
        request: get(`/callback?${'x'.repeat(1 << 20)}=1&code=c&state=${STATE}`),
        status: 431,
      },
      { name: 'a request that is not HTTP', request: '\u0000\u0001\u0002 garbage\r\n\r\n', status: 400 },
    ];

    for (const { name, request, status } of foreign) {
      it(`answers ${name} with ${status}, reflects nothing, and still takes the real callback`, async () => {
        await counts.check(async () => {
          const s = await start();
          const answer = await raw(s.port, request);
          assert.equal(answer.status, status);
          assert.ok(!answer.body.includes('evil') && !answer.body.includes(STATE), 'nothing is reflected');
          if (answer.body !== '') {
            assert.match(answer.headers['content-type'] ?? '', /^text\/(html|plain); charset=utf-8$/);
            assert.equal(answer.headers['x-content-type-options'], 'nosniff');
          }
          const real = await raw(s.port, get(`/callback?code=good&state=${STATE}`));
          assert.equal(real.status, 303);
          assert.equal((await s.waitForCallback()).code, 'good');
        });
      });
    }
  });

  describe('pages', () => {
    const counts = new ReliabilityCounts('loopback pages reflect nothing and carry CSP');

    const hostile = [
      '<script>alert(1)</script>',
      '&lt;script&gt;alert(1)&lt;/script&gt;',
      '"><img src=x onerror=alert(1)>',
      '&#60;script&#62;alert(1)',
      '</title><script>alert(document.cookie)</script>',
    ];
    for (const description of hostile) {
      it(`never reflects the error_description ${JSON.stringify(description)} as HTML`, async () => {
        await counts.check(async () => {
          const s = await start();
          const query = new URLSearchParams({
            error: 'access_denied',
            error_description: description,
            state: STATE,
          });
          const redirect = await raw(s.port, get(`/callback?${query}`));
          assert.equal(redirect.status, 303);
          assert.equal(redirect.headers.location, '/callback', 'the clean URL carries nothing');
          const err = await engineError(s.waitForCallback());
          assert.equal(err.code, 'OAUTH_AUTHORIZATION_RESPONSE');
          assert.equal(err.error_description, description, 'kept as text for the editor, not as markup');
          const shown = await raw(s.port, get('/callback'), 2000).catch(() => undefined);
          // The clean URL is served on the browser's kept-alive connection; a new one may already be refused.
          for (const body of [redirect.body, shown?.body ?? '']) {
            assert.ok(
              !body.includes('alert') && !body.includes('onerror'),
              'nothing of the request in a page',
            );
          }
        });
      });
    }

    it('sets Content-Type and a restrictive Content-Security-Policy on every answer', async () => {
      await counts.check(async () => {
        const s = await start();
        const answers = [
          await raw(s.port, get('/callback?code=x&state=forged')),
          await raw(s.port, get('/elsewhere')),
          await raw(s.port, get('/callback').replace(/^GET/, 'DELETE')),
          await raw(s.port, get(`/callback?code=ok&state=${STATE}`)),
        ];
        for (const answer of answers) {
          const csp = answer.headers['content-security-policy'] ?? '';
          assert.match(csp, /default-src 'none'/);
          assert.match(csp, /frame-ancestors 'none'/);
          assert.doesNotMatch(csp, /script-src/);
          assert.equal(answer.headers['cache-control'], 'no-store');
          assert.equal(answer.headers['referrer-policy'], 'no-referrer');
          if (answer.status !== 303) {
            assert.match(answer.headers['content-type'] ?? '', /charset=utf-8/);
          }
        }
        assert.ok(answers[0].body.includes(page('invalid')), 'the static page, unchanged');
        for (const name of ['success', 'error', 'invalid']) {
          assert.doesNotMatch(page(name), /<script|\son\w+=|\{\{|\$\{/i, `${name} page is static`);
        }
      });
    });
  });

  describe('slow and silent clients', () => {
    const counts = new ReliabilityCounts('loopback server times out slowloris clients');

    it('closes a connection that sends nothing, while the real callback still gets through', async () => {
      await counts.check(async () => {
        const s = await start({}, 500);
        const silent = raw(s.port, undefined, 15_000);
        const trickle = raw(s.port, 'GET /callback?code=slow', 15_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
        const real = await raw(s.port, get(`/callback?code=good&state=${STATE}`));
        assert.equal(real.status, 303);
        assert.equal((await s.waitForCallback()).code, 'good');
        const [nothing, partial] = await Promise.all([silent, trickle]);
        assert.ok(nothing.closed, 'the server closed the silent connection');
        assert.ok(partial.closed, 'the server closed the trickling connection');
        assert.notEqual(partial.status, 303);
      });
    });

    it('times out a silent connection on its own (default settings allow a browser plenty of time)', async () => {
      await counts.check(async () => {
        const s = await start({}, 300);
        const started = Date.now();
        const answer = await raw(s.port, undefined, 15_000);
        assert.ok(answer.closed, 'closed by the server');
        assert.ok(Date.now() - started < 14_000, 'well before the client gave up');
        // The flow itself is unaffected.
        await raw(s.port, get(`/callback?code=after&state=${STATE}`));
        assert.equal((await s.waitForCallback()).code, 'after');
      });
    });

    it('completes a whole sign-in while a silent client holds a connection, then closes it', async () => {
      await counts.check(async () => {
        const endpoint = await startFaultyTokenEndpoint();
        const http = new NodeHttpClient({ env: {} });
        let silent: Promise<RawAnswer> | undefined;
        try {
          const profile = buildProfile({
            redirect_uri: 'http://127.0.0.1:0/callback',
            token_endpoint: endpoint.url,
          });
          const tokens = await signIn({
            // The authorization endpoint is a placeholder host: nothing may leave the machine.
            probeAuthorizationUrl: false,
            profile,
            secretStore: new InMemorySecretStore({ [profile.id]: 'client-secret' }),
            http,
            receiveCallback: async (expectations) =>
              (server = await LoopbackRedirectServer.start(expectations, {
                closeGraceMs: 200,
                requestTimeoutMs: 60_000,
              })),
            openUrl: async (url) => {
              const port = (server as LoopbackRedirectServer).port;
              silent = raw(port, undefined, 15_000);
              const state = new URL(url).searchParams.get('state') ?? '';
              await raw(port, get(`/callback?code=c1&state=${encodeURIComponent(state)}`));
            },
            timeoutMs: 10_000,
          });
          assert.equal(tokens.access_token, 'access-1');
          assert.ok((await silent)?.closed, 'the silent connection was closed once the flow ended');
        } finally {
          await http.close();
          await endpoint.close();
        }
      });
    });

    it('ends the flow on time even while a silent connection is open', async () => {
      await counts.check(async () => {
        const s = await start({ timeoutMs: 300 }, 60_000);
        const silent = raw(s.port, undefined, 15_000);
        const err = await engineError(s.waitForCallback());
        assert.equal(err.code, 'FLOW_TIMEOUT');
        assert.ok((await silent).closed, 'the open connection was closed when the flow ended');
        assert.ok(await refused(s.port));
      });
    });
  });

  describe('after the flow ended', () => {
    const counts = new ReliabilityCounts('loopback server refuses callbacks after the flow ended');

    const endings: {
      name: string;
      end: (s: LoopbackRedirectServer, abort: AbortController) => Promise<string>;
    }[] = [
      {
        name: 'success',
        end: async (s) => {
          await raw(s.port, get(`/callback?code=first&state=${STATE}`));
          return (await s.waitForCallback()).code;
        },
      },
      {
        name: 'an error callback',
        end: async (s) => {
          await raw(s.port, get(`/callback?error=access_denied&state=${STATE}`));
          return (await engineError(s.waitForCallback())).code;
        },
      },
      { name: 'the timeout', end: async (s) => (await engineError(s.waitForCallback())).code },
      {
        name: 'cancellation',
        end: async (s, abort) => {
          abort.abort();
          return (await engineError(s.waitForCallback())).code;
        },
      },
      {
        name: 'dispose',
        end: async (s) => {
          await s.dispose();
          return (await engineError(s.waitForCallback())).code;
        },
      },
    ];
    const expected: Record<string, string> = {
      success: 'first',
      'an error callback': 'OAUTH_AUTHORIZATION_RESPONSE',
      'the timeout': 'FLOW_TIMEOUT',
      cancellation: 'FLOW_CANCELLED',
      dispose: 'FLOW_CANCELLED',
    };

    for (const { name, end } of endings) {
      it(`refuses a later callback after ${name}, and the outcome does not change`, async () => {
        await counts.check(async () => {
          const abort = new AbortController();
          const s = await start({ signal: abort.signal, timeoutMs: name === 'the timeout' ? 200 : 10_000 });
          assert.equal(await end(s, abort), expected[name]);
          assert.ok(await refused(s.port), 'a new connection is refused');
          const again = await s.waitForCallback().then(
            (cb) => cb.code,
            (err: { code?: string }) => err.code,
          );
          assert.equal(again, expected[name]);
        });
      });
    }
  });
});
