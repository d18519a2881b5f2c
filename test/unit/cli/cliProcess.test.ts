import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/cli';
import { captureCliIo } from '../../doubles/captureCliIo';
import { fixturePath } from '../../support/paths';

/** The compiled CLI next to this test's compiled sources. */
const CLI = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'cli.js');

describe('oauth-workbench as a process', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-cli-process-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 without a stack when the reader closes the pipe early (lint … | head -1)', async () => {
    const text = fs.readFileSync(fixturePath('http', 'oauth-token-errors.http'), 'utf8');
    for (let i = 0; i < 400; i++) {
      fs.writeFileSync(path.join(dir, `f${i}.http`), text);
    }
    const child = spawn(process.execPath, [CLI, 'lint', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  it('lints and explains without loading the HTTP engine', () => {
    const probe = `
      require(${JSON.stringify(CLI)}).runCli(process.argv.slice(1), {
        stdout: () => {}, stderr: () => {}, env: {},
      }).then(() => {
        const loaded = Object.keys(require.cache).filter((f) => /nodeHttpClient/.test(f));
        process.stdout.write(JSON.stringify(loaded));
      });`;
    for (const args of [
      ['lint', fixturePath('http', 'rabobank-token-invalid-code.http')],
      ['explain', 'oauth.token.invalid_grant'],
    ]) {
      const result = spawnSync(process.execPath, ['-e', probe, ...args], { encoding: 'utf8' });
      assert.deepEqual(JSON.parse(result.stdout), [], args[0]);
    }
    const token = spawnSync(process.execPath, ['-e', probe, 'refresh', '--help'], { encoding: 'utf8' });
    assert.notDeepEqual(
      JSON.parse(token.stdout),
      [],
      'the probe sees the HTTP client when a command needs it',
    );
  });
});

describe('oauth-workbench usage', () => {
  for (const command of ['lint', 'explain', 'token', 'refresh', 'revoke', 'introspect', 'practice']) {
    it(`prints usage for ${command} --help and exits 0`, async () => {
      for (const flag of ['--help', '-h']) {
        const io = captureCliIo();
        assert.equal(await runCli([command, flag], io), 0);
        assert.match(io.out, new RegExp(`^Usage:[\\s\\S]*oauth-workbench ${command}`));
        assert.equal(io.err, '');
      }
    });
  }

  it('never echoes what was given where an environment variable name belongs', async () => {
    const secret = 'Zq9 RT/secret:+value';
    const io = captureCliIo({ WB_RT: 'r' });
    const code = await runCli(
      ['refresh', '--token-endpoint', 'http://127.0.0.1:9/token', '--client-id', 'c'].concat([
        '--client-secret-env',
        secret,
        '--refresh-token-env',
        'WB_RT',
      ]),
      io,
    );
    assert.equal(code, 2);
    assert.match(io.err, /--client-secret-env takes the name of an environment variable/);
    assert.ok(!io.err.includes('Zq9') && !io.out.includes('Zq9'), io.err);
  });

  it('refuses a directory given as a certificate file, before any request', async () => {
    const io = captureCliIo({ WB_SECRET: 's', WB_RT: 'r' });
    const code = await runCli(
      ['refresh', '--token-endpoint', 'http://127.0.0.1:9/token', '--client-id', 'c'].concat([
        '--client-secret-env',
        'WB_SECRET',
        '--refresh-token-env',
        'WB_RT',
        '--ca',
        os.tmpdir(),
      ]),
      io,
    );
    assert.equal(code, 2);
    assert.match(io.err, /--ca: it is a directory, not a file/);
  });
});
