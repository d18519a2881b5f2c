/**
 * The practice server's guards against web pages and slow or greedy clients on the same machine: the `Host` check
 * (DNS rebinding), the body limit and the header and request timeouts. Raw sockets, because an HTTP client would
 * fix up the very things these tests send wrong.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { PracticeServer, startPracticeServer } from '../../../../src/node/practice/practiceServer';

/** Sends raw bytes and resolves with everything the server sent before it closed (or `timeoutMs` passed). */
function rawExchange(
  port: number,
  write: (socket: net.Socket) => void,
  timeoutMs = 5000,
): Promise<{ text: string; closed: boolean; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false, elapsedMs: Date.now() - started });
    }, timeoutMs);
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true, elapsedMs: Date.now() - started });
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // The server may reset a connection whose body it refused to read; what it sent before still counts.
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') {
        clearTimeout(timer);
        reject(err);
      }
    });
    socket.on('connect', () => write(socket));
  });
}

function statusOf(text: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
}

describe('practice server limits', () => {
  let server: PracticeServer;

  afterEach(async () => {
    await server?.close();
  });

  describe('Host header (DNS rebinding)', () => {
    beforeEach(async () => {
      server = await startPracticeServer({ allowedHosts: ['proxy.example:8080'] });
    });

    const get = (host: string) =>
      rawExchange(server.port, (socket) =>
        socket.write(
          `GET /.well-known/oauth-authorization-server HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
        ),
      );

    for (const host of [
      '127.0.0.1:PORT',
      'localhost:PORT',
      'LOCALHOST:PORT',
      '[::1]:PORT',
      'proxy.example:8080',
    ]) {
      it(`serves Host ${host}`, async () => {
        const { text } = await get(host.replace('PORT', String(server.port)));
        assert.equal(statusOf(text), 200);
      });
    }

    for (const host of [
      'rebound.attacker.example:PORT',
      'localhost',
      '127.0.0.1:1',
      '127.0.0.1.nip.io:PORT',
      '',
    ]) {
      it(`refuses Host "${host}" with 403 and no page`, async () => {
        const { text } = await get(host.replace('PORT', String(server.port)));
        assert.equal(statusOf(text), 403);
        assert.doesNotMatch(text, /token_endpoint/);
      });
    }

    it('serves a Host allowed after start, as for a forwarded address', async () => {
      assert.equal(statusOf((await get('forwarded.example:443')).text), 403);
      server.allowHost('Forwarded.example:443');
      assert.equal(statusOf((await get('forwarded.example:443')).text), 200);
    });

    it('refuses a rebound Host on the token endpoint too', async () => {
      const { text } = await rawExchange(server.port, (socket) =>
        socket.write(
          'POST /oauth2/token HTTP/1.1\r\nHost: rebound.attacker.example\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 29\r\nConnection: close\r\n\r\ngrant_type=client_credentials',
        ),
      );
      assert.equal(statusOf(text), 403);
      assert.doesNotMatch(text, /invalid_client|access_token/);
    });
  });

  describe('bodies', () => {
    beforeEach(async () => {
      server = await startPracticeServer();
    });

    it('answers 413 to a declared 10 MB body and closes without waiting for it', async () => {
      const result = await rawExchange(server.port, (socket) => {
        socket.write(
          `POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\ngrant_type=`,
        );
        // The rest never comes: a server that reads to the end would wait until the timeout.
      });
      assert.equal(statusOf(result.text), 413);
      assert.ok(result.closed, 'the connection is closed');
      assert.ok(result.elapsedMs < 2000, `answered in ${result.elapsedMs} ms`);
    });

    it('answers 413 to a chunked body once it passes 64 KB, without reading the rest', async () => {
      const result = await rawExchange(server.port, (socket) => {
        socket.write(
          `POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`,
        );
        const chunk = 'a'.repeat(16 * 1024);
        for (let i = 0; i < 5; i++) {
          socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        }
        // No terminating chunk: only a server that stops reading answers.
      });
      assert.equal(statusOf(result.text), 413);
      assert.ok(result.closed, 'the connection is closed');
      assert.ok(result.elapsedMs < 2000, `answered in ${result.elapsedMs} ms`);
    });

    it('still serves a normal form body', async () => {
      const body = 'grant_type=client_credentials';
      const { text } = await rawExchange(server.port, (socket) =>
        socket.write(
          `POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        ),
      );
      assert.equal(statusOf(text), 401, 'reaches the token endpoint, which wants client credentials');
    });
  });

  describe('slow clients', () => {
    beforeEach(async () => {
      server = await startPracticeServer({ timeouts: { headersMs: 300, requestMs: 600 } });
    });

    it('drops a client that never finishes its headers', async () => {
      const result = await rawExchange(
        server.port,
        (socket) => socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n'),
        4000,
      );
      assert.ok(result.closed, 'the server closed the connection');
      assert.ok(result.elapsedMs < 3000, `closed after ${result.elapsedMs} ms`);
    });

    it('drops a client that never finishes its body', async () => {
      const result = await rawExchange(
        server.port,
        (socket) =>
          socket.write(
            `POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type=`,
          ),
        4000,
      );
      assert.ok(result.closed, 'the server closed the connection');
      assert.ok(result.elapsedMs < 3000, `closed after ${result.elapsedMs} ms`);
    });
  });
});
