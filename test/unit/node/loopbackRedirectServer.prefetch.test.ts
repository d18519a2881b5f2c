import * as assert from 'node:assert/strict';
import { LoopbackRedirectServer } from '../../../src/node/loopbackRedirectServer';
import { getOnce } from '../../doubles/httpLogin';

const STATE = 'expected-state-0123456789abcdef';

describe('LoopbackRedirectServer and browser prefetch', () => {
  let server: LoopbackRedirectServer;
  let base: string;

  beforeEach(async () => {
    server = await LoopbackRedirectServer.start({
      redirectUri: 'http://127.0.0.1:0/callback',
      state: STATE,
      timeoutMs: 5000,
    });
    base = `http://127.0.0.1:${server.port}`;
  });

  afterEach(async () => {
    await server?.dispose();
  });

  const prefetches: Record<string, string>[] = [
    { 'Sec-Purpose': 'prefetch' },
    { 'Sec-Purpose': 'prefetch;prerender' },
    { 'Sec-Purpose': 'prefetch;anonymous-client-ip' },
    { Purpose: 'prefetch' },
    { 'X-Moz': 'prefetch' },
    { 'X-Purpose': 'preview' },
  ];

  for (const headers of prefetches) {
    it(`answers ${JSON.stringify(headers)} with an uncached 503, then completes the real navigation`, async () => {
      const callback = `${base}/callback?code=the-code&state=${STATE}`;
      for (let attempt = 0; attempt < 2; attempt++) {
        const early = await fetch(callback, { headers, redirect: 'manual' });
        assert.equal(early.status, 503);
        assert.equal(early.headers.get('cache-control'), 'no-store');
        assert.doesNotMatch(await early.text(), /the-code/);
      }
      const real = await getOnce(callback);
      assert.equal(real.status, 303);
      assert.equal((await server.waitForCallback()).code, 'the-code');
    });
  }

  it('spends nothing on a prefetch of a wrong callback either, and keeps waiting', async () => {
    const early = await getOnce(`${base}/callback?code=x&state=forged`, {
      headers: { 'Sec-Purpose': 'prefetch' },
    });
    assert.equal(early.status, 503);
    const real = await getOnce(`${base}/callback?code=good&state=${STATE}`);
    assert.equal(real.status, 303);
    assert.equal((await server.waitForCallback()).code, 'good');
  });

  it('serves a navigation whose Sec-Purpose is something else', async () => {
    const res = await getOnce(`${base}/callback?code=c&state=${STATE}`, {
      headers: { 'Sec-Purpose': 'prerender-ish' },
    });
    assert.equal(res.status, 303);
  });
});
