import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { isOAuthWorkbenchError } from '../../../src/core/oauth/oauthErrors';
import { UndiciHttpClient, UndiciHttpClientOptions } from '../../../src/node/undiciHttpClient';
import { createTestPki, TestPki } from '../../doubles/testPki';
import { engineError } from '../../doubles/engineError';

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function stop(server: net.Server & { closeAllConnections?: () => void }): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/** A CONNECT proxy that records each target and tunnels every one of them to `targetPort` on 127.0.0.1. */
async function startTunnelProxy(
  targetPort: number,
): Promise<{ url: string; seen: string[]; server: http.Server }> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    seen.push(req.url ?? '');
    const upstream = net.connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
  });
  server.on('close', () => sockets.forEach((socket) => socket.destroy()));
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, seen, server };
}

describe('UndiciHttpClient', () => {
  let target: http.Server;
  let targetPort: number;
  const clients: UndiciHttpClient[] = [];

  function client(options: UndiciHttpClientOptions = {}): UndiciHttpClient {
    const c = new UndiciHttpClient({ env: {}, ...options });
    clients.push(c);
    return c;
  }

  beforeEach(async () => {
    target = http.createServer({ keepAliveTimeout: 200 }, (req, res) => {
      if (req.url === '/never') {
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'X-Mixed-Case': 'yes' });
      res.end(JSON.stringify({ path: req.url, host: req.headers.host }));
    });
    targetPort = await listen(target);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await stop(target);
  });

  it('returns status, lower-case headers and the body', async () => {
    const res = await client().send({ method: 'GET', url: `http://127.0.0.1:${targetPort}/x`, headers: {} });
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-mixed-case'], 'yes');
    assert.equal(JSON.parse(res.body).path, '/x');
  });

  it('times out with HTTP_TIMEOUT', async () => {
    const err = await engineError(
      client({ timeoutMs: 150 }).send({
        method: 'GET',
        url: `http://127.0.0.1:${targetPort}/never`,
        headers: {},
      }),
    );
    assert.equal(err.code, 'HTTP_TIMEOUT');
  });

  it('reports a refused connection with HTTP_CONNECTION_REFUSED', async () => {
    const closed = net.createServer();
    const port = await listen(closed);
    await stop(closed);
    const err = await engineError(
      client().send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} }),
    );
    assert.equal(err.code, 'HTTP_CONNECTION_REFUSED');
    assert.match(err.fix ?? '', /port/);
  });

  it('reports TLS to a plain-http port as HTTP_TLS', async () => {
    const err = await engineError(
      client().send({ method: 'GET', url: `https://127.0.0.1:${targetPort}/`, headers: {} }),
    );
    assert.equal(err.code, 'HTTP_TLS');
  });

  it('maps the caller’s abort to FLOW_CANCELLED', async () => {
    const abort = new AbortController();
    const pending = client().send({
      method: 'GET',
      url: `http://127.0.0.1:${targetPort}/never`,
      headers: {},
      signal: abort.signal,
    });
    abort.abort();
    assert.equal((await engineError(pending)).code, 'FLOW_CANCELLED');
  });

  describe('proxies', () => {
    let proxy: Awaited<ReturnType<typeof startTunnelProxy>>;

    beforeEach(async () => {
      proxy = await startTunnelProxy(targetPort);
    });

    afterEach(async () => {
      await stop(proxy.server);
    });

    it('goes through the explicit proxy setting', async () => {
      const res = await client({ proxy: proxy.url }).send({
        method: 'GET',
        url: `http://as.invalid:${targetPort}/via-proxy`,
        headers: {},
      });
      assert.equal(res.status, 200);
      assert.deepEqual(proxy.seen, [`as.invalid:${targetPort}`]);
    });

    it('follows HTTP_PROXY and NO_PROXY from the environment', async () => {
      // Direct connections resolve every name to loopback, so no DNS query leaves the machine.
      const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
        options.all
          ? callback(null, [{ address: '127.0.0.1', family: 4 }])
          : callback(null, '127.0.0.1', 4)) as never;
      const c = client({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'direct.invalid' }, lookup });
      const res = await c.send({ method: 'GET', url: `http://as.invalid:${targetPort}/`, headers: {} });
      assert.equal(res.status, 200);
      const direct = await c.send({
        method: 'GET',
        url: `http://direct.invalid:${targetPort}/`,
        headers: {},
      });
      assert.equal(direct.status, 200);
      assert.deepEqual(proxy.seen, [`as.invalid:${targetPort}`]);
    });

    it('reports a proxy that refuses the tunnel, or is not running, as HTTP_PROXY', async () => {
      const refusing = http.createServer();
      refusing.on('connect', (_req: http.IncomingMessage, socket: net.Socket) => {
        socket.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      });
      const refusingPort = await listen(refusing);
      try {
        const err = await engineError(
          client({ proxy: `http://127.0.0.1:${refusingPort}` }).send({
            method: 'GET',
            url: 'http://as.invalid/',
            headers: {},
          }),
        );
        assert.equal(err.code, 'HTTP_PROXY');
      } finally {
        await stop(refusing);
      }
      const down = await engineError(
        client({ proxy: `http://127.0.0.1:${refusingPort}` }).send({
          method: 'GET',
          url: 'http://as.invalid/',
          headers: {},
        }),
      );
      assert.equal(down.code, 'HTTP_PROXY');
      assert.match(down.fix ?? '', /proxy URL/);
    });

    it('never sends loopback requests through a proxy', async () => {
      const res = await client({ proxy: proxy.url }).send({
        method: 'GET',
        url: `http://127.0.0.1:${targetPort}/`,
        headers: {},
      });
      assert.equal(res.status, 200);
      assert.deepEqual(proxy.seen, []);
    });
  });

  describe('mutual TLS and a custom CA', () => {
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

    it('presents the client certificate and trusts the CA bundle', async () => {
      const res = await client({
        tls: {
          caBundlePath: pki.caCert,
          clientCertificatePath: pki.clientCert,
          clientKeyPath: pki.clientKey,
        },
      }).send({ method: 'GET', url, headers: {} });
      assert.equal(res.status, 200);
      assert.equal(JSON.parse(res.body).client, 'tpp-client');
    });

    it('fails with HTTP_TLS when the server certificate is not trusted', async () => {
      const err = await engineError(client().send({ method: 'GET', url, headers: {} }));
      assert.equal(err.code, 'HTTP_TLS');
      assert.match(err.fix ?? '', /CA bundle/);
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
        () => new UndiciHttpClient({ tls: { caBundlePath: '/nonexistent/ca.pem' } }),
        (err: unknown) => isOAuthWorkbenchError(err, 'HTTP_TLS') && /cannot be read/.test(err.message),
      );
    });
  });
});
