import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { isOAuthWorkbenchError } from '../../../src/core/oauth/oauthErrors';
import { NodeHttpClient, NodeHttpClientOptions } from '../../../src/node/nodeHttpClient';
import { createTestPki, TestPki } from '../../doubles/testPki';
import { engineError } from '../../doubles/engineError';
import { listen, loopbackLookup, stop } from '../../doubles/loopbackNet';

describe('NodeHttpClient', () => {
  let target: http.Server;
  let targetPort: number;
  /** Connections the target accepted, and how many of them have closed. */
  const connections = { opened: 0, closed: 0 };
  const clients: NodeHttpClient[] = [];

  function client(options: NodeHttpClientOptions = {}): NodeHttpClient {
    const c = new NodeHttpClient({ env: {}, ...options });
    clients.push(c);
    return c;
  }

  const get = (c: NodeHttpClient, path: string, host = `127.0.0.1:${targetPort}`) =>
    c.send({ method: 'GET', url: `http://${host}${path}`, headers: {} });

  beforeEach(async () => {
    connections.opened = connections.closed = 0;
    target = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
      if (req.url === '/never') {
        return;
      }
      if (req.url === '/stall-body') {
        res.writeHead(200, { 'content-length': '100' });
        res.write('only part of it');
        return;
      }
      if (req.url === '/large') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const mb = Buffer.alloc(1024 * 1024, 'x');
        for (let i = 0; i < 6; i++) {
          res.write(mb);
        }
        res.end();
        return;
      }
      if (req.url === '/cut') {
        res.writeHead(200, { 'content-length': '100' });
        res.write('short');
        req.socket.destroy();
        return;
      }
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('X-Mixed-Case', 'yes');
        res.setHeader('x-twice', ['a', 'b']);
        res.writeHead(200);
        res.end(JSON.stringify({ path: req.url, host: req.headers.host, method: req.method, body }));
      });
    });
    target.on('connection', (socket: net.Socket) => {
      connections.opened++;
      socket.on('close', () => connections.closed++);
    });
    targetPort = await listen(target);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await stop(target);
  });

  it('returns status, lower-case headers (repeated ones joined) and the body, and sends the body', async () => {
    const res = await client().send({
      method: 'POST',
      url: `http://127.0.0.1:${targetPort}/x?q=1`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-mixed-case'], 'yes');
    assert.equal(res.headers['x-twice'], 'a, b');
    assert.deepEqual(JSON.parse(res.body), {
      path: '/x?q=1',
      host: `127.0.0.1:${targetPort}`,
      method: 'POST',
      body: 'grant_type=client_credentials',
    });
  });

  it('times out with HTTP_TIMEOUT while waiting for the headers, and while the body stalls', async () => {
    for (const path of ['/never', '/stall-body']) {
      const started = Date.now();
      const err = await engineError(get(client({ timeoutMs: 150 }), path));
      assert.equal(err.code, 'HTTP_TIMEOUT', path);
      assert.ok(Date.now() - started < 2000, `${path} timed out after ${Date.now() - started} ms`);
    }
  });

  it('reports a refused connection with HTTP_CONNECTION_REFUSED', async () => {
    const closed = net.createServer();
    const port = await listen(closed);
    await stop(closed);
    const err = await engineError(get(client(), '/', `127.0.0.1:${port}`));
    assert.equal(err.code, 'HTTP_CONNECTION_REFUSED');
    assert.match(err.fix ?? '', /port/);
  });

  it('reports a connection cut in the middle of the body as HTTP_NETWORK', async () => {
    const err = await engineError(get(client(), '/cut'));
    assert.equal(err.code, 'HTTP_NETWORK');
    assert.match(err.message, /closed the connection before the answer was complete/);
  });

  it('stops reading a body over 5 MB', async () => {
    const err = await engineError(get(client(), '/large'));
    assert.equal(err.code, 'HTTP_UNEXPECTED_RESPONSE');
    assert.match(err.message, /larger than 5 MB/);
  });

  it('reports TLS to a plain-http port as HTTP_TLS', async () => {
    const err = await engineError(
      client().send({ method: 'GET', url: `https://127.0.0.1:${targetPort}/`, headers: {} }),
    );
    assert.equal(err.code, 'HTTP_TLS');
  });

  it('refuses a header value with a line break with a clear message instead of sending it', async () => {
    const err = await engineError(
      client().send({
        method: 'GET',
        url: `http://127.0.0.1:${targetPort}/`,
        headers: { 'x-injected': 'a\r\nx-evil: 1' },
      }),
    );
    assert.equal(err.code, 'HTTP_NETWORK');
    assert.match(err.message, /header or path that HTTP does not allow/);
  });

  it('maps the caller’s abort to FLOW_CANCELLED', async () => {
    const abort = new AbortController();
    const pending = client().send({
      method: 'GET',
      url: `http://127.0.0.1:${targetPort}/never`,
      headers: {},
      signal: abort.signal,
    });
    setTimeout(() => abort.abort(), 20);
    assert.equal((await engineError(pending)).code, 'FLOW_CANCELLED');
  });

  it('resolves names with the given lookup', async () => {
    const res = await get(client({ lookup: loopbackLookup }), '/named', `as.invalid:${targetPort}`);
    assert.equal(JSON.parse(res.body).host, `as.invalid:${targetPort}`);
  });

  it('reuses a kept-alive connection, then closes it after the short idle time', async () => {
    const c = client({ keepAliveTimeoutMs: 150 });
    await get(c, '/one');
    await get(c, '/two');
    assert.deepEqual(connections, { opened: 1, closed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.deepEqual(connections, { opened: 1, closed: 1 });
  });

  it('closes its connections on close()', async () => {
    const c = client({ keepAliveTimeoutMs: 60_000 });
    await get(c, '/one');
    await c.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(connections, { opened: 1, closed: 1 });
  });

  describe('mutual TLS, a custom CA and certificate checks', () => {
    let pki: TestPki;
    let tlsServer: https.Server;
    let url: string;

    before(function () {
      this.timeout(20_000);
      pki = createTestPki();
    });

    after(() => pki.remove());

    beforeEach(async () => {
      tlsServer = https.createServer(
        {
          cert: fs.readFileSync(pki.serverCert),
          key: fs.readFileSync(pki.serverKey),
          ca: fs.readFileSync(pki.caCert),
          requestCert: true,
          rejectUnauthorized: true,
          keepAliveTimeout: 200,
        },
        (req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              client: (req.socket as import('node:tls').TLSSocket).getPeerCertificate().subject?.CN,
            }),
          );
        },
      );
      tlsServer.on('tlsClientError', () => undefined);
      url = `https://127.0.0.1:${await listen(tlsServer)}/token`;
    });

    afterEach(async () => {
      await stop(tlsServer);
    });

    const mtls = () => ({ clientCertificatePath: pki.clientCert, clientKeyPath: pki.clientKey });

    it('presents the client certificate and trusts the CA bundle', async () => {
      const res = await client({ tls: { caBundlePath: pki.caCert, ...mtls() } }).send({
        method: 'GET',
        url,
        headers: {},
      });
      assert.equal(res.status, 200);
      assert.equal(JSON.parse(res.body).client, 'tpp-client');
    });

    it('fails with HTTP_TLS when the server certificate is not trusted', async () => {
      const err = await engineError(client({ tls: mtls() }).send({ method: 'GET', url, headers: {} }));
      assert.equal(err.code, 'HTTP_TLS');
      assert.match(err.message, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER/);
      assert.match(err.fix ?? '', /CA bundle/);
    });

    it('accepts the untrusted certificate only when certificate checks are turned off', async () => {
      const res = await client({ tls: mtls(), rejectUnauthorized: false }).send({
        method: 'GET',
        url,
        headers: {},
      });
      assert.equal(res.status, 200);
    });

    it('fails when no client certificate is presented', async () => {
      const err = await engineError(
        client({ tls: { caBundlePath: pki.caCert } }).send({ method: 'GET', url, headers: {} }),
      );
      assert.equal(err.code, 'HTTP_TLS');
      assert.match(err.fix ?? '', /client certificate/);
    });

    it('says which TLS file cannot be read', () => {
      assert.throws(
        () => new NodeHttpClient({ tls: { caBundlePath: '/nonexistent/ca.pem' } }),
        (err: unknown) => isOAuthWorkbenchError(err, 'HTTP_TLS') && /cannot be read/.test(err.message),
      );
    });
  });
});
