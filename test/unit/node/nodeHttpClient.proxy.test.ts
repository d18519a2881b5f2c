import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import { NodeHttpClient, NodeHttpClientOptions } from '../../../src/node/nodeHttpClient';
import { engineError } from '../../doubles/engineError';
import { listen, loopbackLookup, stop } from '../../doubles/loopbackNet';
import { createTestPki, TEST_PKI_SERVER_NAME, TestPki } from '../../doubles/testPki';
import { startTestProxy, TestProxy } from '../../doubles/testProxy';

describe('NodeHttpClient through a proxy', function () {
  this.timeout(20_000);
  let pki: TestPki;
  /** An http target and an https target (certificate for TEST_PKI_SERVER_NAME from the test CA), both on loopback. */
  let plain: http.Server;
  let secure: https.Server;
  let plainPort: number;
  let securePort: number;
  const proxies: TestProxy[] = [];
  const clients: NodeHttpClient[] = [];

  const answer: http.RequestListener = (req, res) => {
    if (req.url === '/never') {
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ path: req.url, host: req.headers.host, auth: req.headers['proxy-authorization'] }),
    );
  };

  before(async () => {
    pki = createTestPki();
    plain = http.createServer({ keepAliveTimeout: 200 }, answer);
    secure = https.createServer(
      { cert: fs.readFileSync(pki.serverCert), key: fs.readFileSync(pki.serverKey), keepAliveTimeout: 200 },
      answer,
    );
    secure.on('tlsClientError', () => undefined);
    [plainPort, securePort] = [await listen(plain), await listen(secure)];
  });

  after(async () => {
    await Promise.all([stop(plain), stop(secure)]);
    pki.remove();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });

  function client(options: NodeHttpClientOptions = {}): NodeHttpClient {
    const c = new NodeHttpClient({ env: {}, tls: { caBundlePath: pki.caCert }, ...options });
    clients.push(c);
    return c;
  }

  async function proxy(options: Parameters<typeof startTestProxy>[0] = {}): Promise<TestProxy> {
    const p = await startTestProxy(options);
    proxies.push(p);
    return p;
  }

  const get = (c: NodeHttpClient, url: string) => c.send({ method: 'GET', url, headers: {} });
  const httpsUrl = (path = '/') => `https://${TEST_PKI_SERVER_NAME}:${securePort}${path}`;

  it('tunnels an https target with CONNECT and checks the target’s certificate inside the tunnel', async () => {
    const p = await proxy();
    const res = await get(client({ proxy: p.url }), httpsUrl('/via-tunnel'));
    assert.equal(JSON.parse(res.body).path, '/via-tunnel');
    assert.deepEqual(p.seen, [{ kind: 'CONNECT', target: `${TEST_PKI_SERVER_NAME}:${securePort}` }]);
    assert.equal(JSON.parse(res.body).auth, undefined, 'the target never sees proxy credentials');

    const untrusting = client({ proxy: p.url, tls: undefined });
    const err = await engineError(get(untrusting, httpsUrl()));
    assert.equal(err.code, 'HTTP_TLS');
  });

  it('sends an http target in absolute form to the proxy, with the target’s Host', async () => {
    const p = await proxy();
    const res = await get(client({ proxy: p.url }), `http://as.invalid:${plainPort}/via-proxy?x=1`);
    assert.deepEqual(JSON.parse(res.body), { path: '/via-proxy?x=1', host: `as.invalid:${plainPort}` });
    assert.deepEqual(p.seen, [{ kind: 'forward', target: `as.invalid:${plainPort}` }]);
  });

  it('follows HTTP_PROXY, HTTPS_PROXY and NO_PROXY from the environment', async () => {
    const [forHttp, forHttps] = [await proxy(), await proxy()];
    const c = client({
      env: { http_proxy: forHttp.url, HTTPS_PROXY: forHttps.url, NO_PROXY: 'direct.invalid' },
      lookup: loopbackLookup,
    });
    await get(c, `http://as.invalid:${plainPort}/`);
    await get(c, httpsUrl());
    await get(c, `http://direct.invalid:${plainPort}/`);
    assert.deepEqual(forHttp.targets(), [`as.invalid:${plainPort}`]);
    assert.deepEqual(forHttps.targets(), [`${TEST_PKI_SERVER_NAME}:${securePort}`]);
  });

  it('sends the proxy URL’s credentials as Proxy-Authorization, for tunnels and forwarded requests', async () => {
    const expected = `Basic ${Buffer.from('me@corp:s3cret').toString('base64')}`;
    const p = await proxy({ requireAuthorization: expected });
    const withCredentials = client({ proxy: `http://me%40corp:s3cret@127.0.0.1:${p.port}` });
    await get(withCredentials, httpsUrl());
    await get(withCredentials, `http://as.invalid:${plainPort}/`);
    assert.deepEqual(
      p.seen.map((s) => [s.kind, s.authorization]),
      [
        ['CONNECT', expected],
        ['forward', expected],
      ],
    );
    for (const url of [httpsUrl(), `http://as.invalid:${plainPort}/`]) {
      const err = await engineError(get(client({ proxy: p.url }), url));
      assert.equal(err.code, 'HTTP_PROXY', url);
      assert.match(err.message, /status 407/);
      assert.match(err.fix ?? '', /user name and password to the proxy URL/);
    }
  });

  it('reports a proxy that is not running as HTTP_PROXY', async () => {
    const closed = net.createServer();
    const port = await listen(closed);
    await stop(closed);
    for (const url of [httpsUrl(), `http://as.invalid:${plainPort}/`]) {
      const err = await engineError(get(client({ proxy: `http://127.0.0.1:${port}` }), url));
      assert.equal(err.code, 'HTTP_PROXY', url);
      assert.match(err.fix ?? '', /proxy URL/);
    }
  });

  it('times out a proxy that never answers the CONNECT, within the request’s timeout', async () => {
    // Reads (so it sees the client hang up) but never answers.
    const silent = net.createServer((socket) => socket.on('error', () => undefined).resume());
    const port = await listen(silent);
    try {
      const started = Date.now();
      const err = await engineError(
        get(client({ proxy: `http://127.0.0.1:${port}`, timeoutMs: 200 }), httpsUrl()),
      );
      assert.equal(err.code, 'HTTP_TIMEOUT');
      assert.ok(Date.now() - started < 2000);
    } finally {
      await stop(silent);
    }
  });

  it('reaches an https:// proxy, trusting it through the CA bundle', async () => {
    const p = await proxy({
      tls: { cert: fs.readFileSync(pki.serverCert), key: fs.readFileSync(pki.serverKey) },
    });
    assert.match(p.url, /^https:/);
    await get(client({ proxy: p.url }), httpsUrl('/tunnel-in-tls'));
    await get(client({ proxy: p.url }), `http://as.invalid:${plainPort}/forward-in-tls`);
    assert.deepEqual(
      p.seen.map((s) => s.kind),
      ['CONNECT', 'forward'],
    );
    const err = await engineError(get(client({ proxy: p.url, tls: undefined }), httpsUrl()));
    assert.equal(err.code, 'HTTP_PROXY', 'an untrusted proxy certificate is the proxy’s failure');
  });

  it('never sends loopback requests through a proxy', async () => {
    const p = await proxy();
    const res = await get(client({ proxy: p.url }), `http://127.0.0.1:${plainPort}/`);
    assert.equal(res.status, 200);
    assert.deepEqual(p.seen, []);
  });

  // VS Code's extension host hands extensions an http and https whose request() drops a custom agent (its proxy
  // support): the client must not depend on those two functions.
  it('keeps working when http.request and https.request are replaced, as in VS Code’s extension host', async () => {
    const modules = createRequire(__filename);
    const patched = [modules('node:http'), modules('node:https')] as { request: unknown }[];
    const originals = patched.map((m) => m.request);
    const replaced = () => {
      throw new Error('the replaced request() was called');
    };
    const p = await proxy();
    try {
      patched.forEach((m) => (m.request = replaced));
      await get(client({ lookup: loopbackLookup }), httpsUrl('/direct'));
      await get(client({ proxy: p.url }), httpsUrl('/tunnel'));
      await get(client({ proxy: p.url }), `http://as.invalid:${plainPort}/forward`);
    } finally {
      patched.forEach((m, i) => (m.request = originals[i]));
    }
    assert.deepEqual(
      p.seen.map((s) => s.kind),
      ['CONNECT', 'forward'],
    );
  });
});
