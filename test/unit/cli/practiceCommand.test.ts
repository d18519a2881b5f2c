import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { runCli } from '../../../src/cli/cli';
import { runPracticeCommand } from '../../../src/cli/practiceCommand';
import { captureCliIo } from '../../doubles/captureCliIo';

const REQUIRED_KEYS = [
  'authorization_endpoint',
  'token_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'consent_endpoint',
  'accounts_endpoint',
  'client_id',
  'client_secret',
  'redirect_uri',
];

describe('oauth-workbench practice', () => {
  it('prints one JSON line with the endpoints and client, serves, and stops cleanly', async () => {
    const io = captureCliIo();
    const stop = new AbortController();
    let listening!: () => void;
    const ready = new Promise<void>((resolve) => (listening = resolve));
    const exit = runPracticeCommand(['--port', '0', '--speed', '60'], io, {
      stop: stop.signal,
      onListening: listening,
    });
    await ready;
    const lines = io.out.split('\n').filter((line) => line !== '');
    assert.equal(lines.length, 1);
    const printed = JSON.parse(lines[0]) as Record<string, unknown>;
    for (const key of REQUIRED_KEYS) {
      assert.equal(typeof printed[key], 'string', `${key} is missing`);
    }
    assert.equal(printed.speed, 60);
    assert.match(String(printed.token_endpoint), /^http:\/\/127\.0\.0\.1:\d+\/oauth2\/token$/);
    const metadata = await fetch(new URL('/.well-known/oauth-authorization-server', String(printed.issuer)));
    assert.equal(
      ((await metadata.json()) as { token_endpoint: string }).token_endpoint,
      printed.token_endpoint,
    );
    stop.abort();
    assert.equal(await exit, 0);
    await assert.rejects(fetch(String(printed.issuer)), 'the server is closed');
  });

  it('says which port is busy and exits 1', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const io = captureCliIo();
      assert.equal(await runCli(['practice', '--port', String(port)], io), 1);
      assert.match(io.err, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is in use`));
      assert.equal(io.out, '');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('rejects a bad speed or an unknown option with exit code 2', async () => {
    for (const argv of [
      ['practice', '--speed', '0'],
      ['practice', '--speed', 'fast'],
      ['practice', '--port', '70000'],
      ['practice', '--frobnicate'],
    ]) {
      const io = captureCliIo();
      assert.equal(await runCli(argv, io), 2, argv.join(' '));
      assert.match(io.err, /^oauth-workbench: /);
    }
  });

  it('answers a proxy address given with --allow-host, and still refuses any other Host', async () => {
    const io = captureCliIo();
    const stop = new AbortController();
    let listening!: () => void;
    const ready = new Promise<void>((resolve) => (listening = resolve));
    const exit = runPracticeCommand(['--port', '0', '--allow-host', '127.0.0.1:1234'], io, {
      stop: stop.signal,
      onListening: listening,
    });
    await ready;
    const issuer = new URL(String((JSON.parse(io.out.split('\n')[0]) as { issuer: string }).issuer));
    const statusWithHost = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(
          {
            host: '127.0.0.1',
            port: issuer.port,
            path: '/.well-known/oauth-authorization-server',
            headers: { host },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
      });
    try {
      assert.equal(await statusWithHost('127.0.0.1:1234'), 200);
      assert.equal(await statusWithHost('127.0.0.1:1235'), 403);
      assert.equal(await statusWithHost('rebound.attacker.example:1234'), 403);
    } finally {
      stop.abort();
      assert.equal(await exit, 0);
    }
  });

  it('refuses an --allow-host that is not HOST:PORT', async () => {
    for (const value of ['127.0.0.1', 'a b:80', 'http://x:80']) {
      const io = captureCliIo();
      assert.equal(await runCli(['practice', '--allow-host', value], io), 2, value);
      assert.match(io.err, /--allow-host takes HOST:PORT/);
    }
  });

  it('is listed in the help', async () => {
    const io = captureCliIo();
    await runCli(['--help'], io);
    assert.match(io.out, /oauth-workbench practice \[--port N\] \[--speed F\]/);
  });
});
