import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { Agent, request } from 'undici';
import { CallbackExpectations } from '../../../src/core/oauth/authorizationCallback';
import { LoopbackRedirectServer } from '../../../src/node/loopbackRedirectServer';
import { getOnce } from '../../doubles/httpLogin';
import { repoRoot } from '../../support/paths';
import { engineError } from '../../doubles/engineError';

const STATE = 'expected-state-0123456789abcdef';
const successPage = fs.readFileSync(path.join(repoRoot, 'media', 'oauth-callback-success.html'), 'utf8');
const invalidPage = fs.readFileSync(path.join(repoRoot, 'media', 'oauth-callback-invalid.html'), 'utf8');

async function refused(url: string): Promise<boolean> {
  try {
    await getOnce(url);
    return false;
  } catch (err) {
    return (
      JSON.stringify(err, Object.getOwnPropertyNames(err)).includes('ECONNREFUSED') ||
      /ECONNREFUSED/.test(String((err as Error).cause ?? err))
    );
  }
}

describe('LoopbackRedirectServer', () => {
  let server: LoopbackRedirectServer;
  let base: string;

  async function start(overrides: Partial<CallbackExpectations> = {}): Promise<void> {
    server = await LoopbackRedirectServer.start({
      redirectUri: 'http://127.0.0.1:0/callback',
      state: STATE,
      timeoutMs: 5000,
      ...overrides,
    });
    base = `http://127.0.0.1:${server.port}`;
  }

  afterEach(async () => {
    await server?.dispose();
  });

  it('accepts the valid callback, with extra parameters, and redirects to the clean URL', async () => {
    await start({ issuer: 'http://as.example' });
    const res = await getOnce(
      `${base}/callback?code=abc&state=${STATE}&iss=http%3A%2F%2Fas.example&session_state=x`,
    );
    assert.equal(res.status, 303);
    assert.equal(res.location, '/callback');
    const callback = await server.waitForCallback();
    assert.equal(callback.code, 'abc');
    assert.equal(callback.params.session_state, 'x');
  });

  it('shows the static success page at the clean URL on the connection the browser keeps open', async () => {
    await start();
    // Like a browser: one keep-alive connection carries the callback and the follow-up request.
    const browser = new Agent({ connections: 1, keepAliveTimeoutThreshold: 100 });
    try {
      const first = await request(`${base}/callback?code=abc&state=${STATE}`, { dispatcher: browser });
      await first.body.text();
      assert.equal(first.statusCode, 303);
      await server.waitForCallback();
      const page = await request(`${base}${first.headers.location}`, { dispatcher: browser });
      assert.equal(page.statusCode, 200);
      assert.equal(await page.body.text(), successPage);
      assert.match(String(page.headers['content-type']), /text\/html/);
    } finally {
      await browser.close();
    }
  });

  it('answers 404 on any other path and keeps waiting', async () => {
    await start();
    assert.equal((await getOnce(`${base}/other?code=abc&state=${STATE}`)).status, 404);
    assert.equal((await getOnce(`${base}/callback/?code=abc&state=${STATE}`)).status, 404);
    assert.equal((await getOnce(`${base}/callback?code=abc&state=${STATE}`)).status, 303);
  });

  it('answers 405 to other methods', async () => {
    await start();
    const res = await getOnce(`${base}/callback?code=abc&state=${STATE}`, { method: 'POST' });
    assert.equal(res.status, 405);
  });

  it('rejects a callback whose state is missing or forged with 400 and keeps waiting', async () => {
    await start();
    assert.equal((await getOnce(`${base}/callback?code=abc`)).status, 400);
    const forged = await getOnce(`${base}/callback?code=evil&state=forged`);
    assert.equal(forged.status, 400);
    assert.equal(forged.body, invalidPage);
    assert.equal((await getOnce(`${base}/callback?code=good&state=${STATE}`)).status, 303);
    assert.equal((await server.waitForCallback()).code, 'good');
  });

  it('never reflects request parameters in the page', async () => {
    await start();
    const probe = encodeURIComponent('<script>alert(1)</script>');
    const res = await getOnce(`${base}/callback?code=${probe}&state=${probe}`);
    assert.equal(res.status, 400);
    assert.equal(res.body, invalidPage);
    assert.ok(!res.body.includes('alert'));
  });

  it('answers any foreign query with the one static page, whatever it contains', async () => {
    await start();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 5 }), async (pairs) => {
        const query = new URLSearchParams([...pairs, ['state', 'not-the-state']]);
        const res = await getOnce(`${base}/callback?${query}`);
        assert.equal(res.status, 400);
        assert.equal(res.body, invalidPage);
      }),
      { numRuns: 25 },
    );
  });

  it('ends the flow with the OAuth error of an error= callback carrying the right state', async () => {
    await start();
    const res = await getOnce(
      `${base}/callback?error=access_denied&error_description=User%20said%20no&state=${STATE}`,
    );
    assert.equal(res.status, 303);
    const err = await engineError(server.waitForCallback());
    assert.equal(err.code, 'OAUTH_AUTHORIZATION_RESPONSE');
    assert.equal(err.error, 'access_denied');
    assert.equal(err.catalogId, 'oauth.authorize.access_denied');
  });

  it('rejects an iss that is not the profile’s issuer (RFC 9207)', async () => {
    await start({ issuer: 'http://as.example' });
    await getOnce(`${base}/callback?code=abc&state=${STATE}&iss=http%3A%2F%2Fevil.example`);
    assert.equal((await engineError(server.waitForCallback())).code, 'ISSUER_MISMATCH');
  });

  it('accepts exactly one callback: a second one is refused', async () => {
    await start();
    await getOnce(`${base}/callback?code=first&state=${STATE}`);
    await server.waitForCallback();
    assert.ok(await refused(`${base}/callback?code=second&state=${STATE}`));
    assert.equal((await server.waitForCallback()).code, 'first');
  });

  it('times out and stops listening', async () => {
    await start({ timeoutMs: 100 });
    const err = await engineError(server.waitForCallback());
    assert.equal(err.code, 'FLOW_TIMEOUT');
    assert.ok(await refused(`${base}/callback?code=late&state=${STATE}`));
  });

  it('is cancelled by its AbortSignal and stops listening', async () => {
    const abort = new AbortController();
    await start({ signal: abort.signal });
    const waiting = server.waitForCallback();
    abort.abort();
    assert.equal((await engineError(waiting)).code, 'FLOW_CANCELLED');
    assert.ok(await refused(`${base}/callback?code=late&state=${STATE}`));
  });

  it('reports a busy port with the fix', async () => {
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const err = await engineError(
        LoopbackRedirectServer.start({ redirectUri: `http://127.0.0.1:${port}/callback`, state: STATE }),
      );
      assert.equal(err.code, 'PORT_IN_USE');
      assert.match(err.message, new RegExp(`Port ${port}`));
      assert.match(err.fix ?? '', /register another loopback port/);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('binds only loopback: 127.0.0.1 as written, and both families for localhost', async () => {
    await start({ redirectUri: 'http://localhost:0/cb' });
    assert.equal((await getOnce(`http://127.0.0.1:${server.port}/cb?code=a&state=nope`)).status, 400);
    const ipv6 = await getOnce(`http://[::1]:${server.port}/cb?code=a&state=nope`).catch(() => undefined);
    assert.ok(ipv6 === undefined || ipv6.status === 400);
  });

  it('binds [::1] as written, and not 127.0.0.1', async function () {
    try {
      await start({ redirectUri: 'http://[::1]:0/cb' });
    } catch (err) {
      if ((err as { code?: string }).code === 'LOOPBACK_BIND_FAILED') {
        this.skip(); // no IPv6 loopback on this machine
      }
      throw err;
    }
    assert.equal((await getOnce(`http://[::1]:${server.port}/cb?code=a&state=nope`)).status, 400);
    assert.ok(await refused(`http://127.0.0.1:${server.port}/cb?code=a&state=nope`));
  });

  it('refuses requests whose Host is not loopback (DNS rebinding)', async () => {
    await start();
    const res = await getOnce(`${base}/callback?code=abc&state=${STATE}`, {
      headers: { host: 'evil.example' },
    });
    assert.equal(res.status, 400);
  });

  it('cannot serve https or non-loopback redirect URIs', async () => {
    for (const redirectUri of ['https://127.0.0.1/cb', 'http://example.com:8080/cb']) {
      const err = await engineError(LoopbackRedirectServer.start({ redirectUri, state: STATE }));
      assert.equal(err.code, 'REDIRECT_URI_NOT_SERVABLE');
    }
  });
});
