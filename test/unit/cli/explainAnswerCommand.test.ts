import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { runExplainAnswerCommand } from '../../../src/cli/explainAnswerCommand';
import { captureCliIo as captureIo } from '../../doubles/captureCliIo';

const RABO_TOKEN = 'https://oauth.rabobank.nl/openapi/oauth2/token';
const CURL_ANSWER =
  'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n{"error": "invalid_grant"}';

/** Runs the compiled CLI as a program with `input` on its standard input. */
async function runProgram(
  args: string[],
  input: string,
): Promise<{ code: number | null; out: string; err: string }> {
  const cli = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'cli.js');
  const child = spawn(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdin.end(input);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, out, err };
}

describe('oauth-workbench explain -', () => {
  it('explains an answer piped in as curl -si prints it, with the grant type deciding the reading', async () => {
    const refresh = await runProgram(
      ['explain', '-', '--url', RABO_TOKEN, '--grant-type', 'refresh_token'],
      CURL_ANSWER,
    );
    assert.equal(refresh.err, '');
    assert.equal(refresh.code, 0);
    assert.match(refresh.out, /^rabobank\.token\.invalid-refresh-token: /);
    assert.match(refresh.out, /HTTP 401, token endpoint, rabobank, grant_type=refresh_token; line 5/);
    const code = await runProgram(
      ['explain', '-', '--url', RABO_TOKEN, '--grant-type', 'authorization_code'],
      CURL_ANSWER,
    );
    assert.match(code.out, /^rabobank\.token\.invalid-code: /);
  });

  it('prints JSON with --format json', async () => {
    const { code, out } = await runProgram(
      ['explain', '-', '--status', '401', '--format', 'json'],
      '{"error":"invalid_token"}',
    );
    assert.equal(code, 0);
    const parsed = JSON.parse(out) as {
      status: number;
      findings: { id: string; line: number; causes: string[] }[];
    };
    assert.equal(parsed.status, 401);
    assert.equal(parsed.findings.length, 1);
    assert.equal(parsed.findings[0].line, 0);
    assert.ok(parsed.findings[0].causes.length > 0);
  });

  it('uses the status hint for a body without a status line', async () => {
    const io = captureIo();
    const code = await runExplainAnswerCommand(
      ['--url', RABO_TOKEN, '--status', '400'],
      io,
      async () => '{"error":"invalid_grant"}',
    );
    assert.equal(code, 0);
    assert.match(io.out, /^rabobank\.token\.invalid-code: /);
  });

  const usageCases: [name: string, args: string[], input: string, message: RegExp][] = [
    ['an empty input', [], '  \n', /nothing on standard input/],
    ['a status that is not a status', ['--status', '4O1'], '{}', /--status must be/],
    ['an unknown format', ['--format', 'xml'], '{}', /--format must be text or json/],
    ['an unknown option', ['--verbose-ish'], '{}', /Unknown option/],
    ['a URL with a line break', ['--url', 'https://a.example/\nPOST /x'], '{}', /URL hint/],
    ['a grant type carrying another parameter', ['--grant-type', 'a&b=c'], '{}', /grant type hint/],
  ];
  for (const [name, args, input, message] of usageCases) {
    it(`exits 2 with one line for ${name}`, async () => {
      const { code, out, err } = await runProgram(['explain', '-', ...args], input);
      assert.equal(code, 2);
      assert.equal(out, '');
      assert.match(err, message);
      assert.equal(err.split('\n').filter(Boolean).length, 1);
    });
  }

  it('prints its usage for --help', async () => {
    const io = captureIo();
    assert.equal(
      await runExplainAnswerCommand(['--help'], io, () => Promise.reject(new Error('not read'))),
      0,
    );
    assert.match(io.out, /curl -si/);
  });

  it('reads no further than the limit it is given', async () => {
    const io = captureIo();
    let limit = 0;
    await runExplainAnswerCommand([], io, async (n) => {
      limit = n;
      return '{"error":"invalid_grant"}';
    });
    assert.ok(limit > 0 && limit <= 1_000_000);
  });
});
