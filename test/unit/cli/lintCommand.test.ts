import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/cli';
import { captureCliIo as captureIo } from '../../doubles/captureCliIo';
import { LintJsonRecord, runLintCommand } from '../../../src/cli/lintCommand';
import { fixturePath } from '../../support/paths';

const fixture = (name: string) => fixturePath('http', name);

describe('oauth-workbench lint', () => {
  it('prints file:line:column, severity, id and message, and exits 1 for an error finding', async () => {
    const io = captureIo();
    const file = fixture('rabobank-token-grant-type-mismatch.http');
    assert.equal(await runCli(['lint', file], io), 1);
    assert.equal(
      io.out.split('\n')[0],
      `${file}:6:12: error lint.token.grant-type-code: \`grant_type=code\` is not a grant type`,
    );
    assert.equal(io.out.trim().split('\n').length, 3);
  });

  it('prints one JSON array with 1-based positions for all files', async () => {
    const io = captureIo();
    const files = [fixture('rabobank-token-invalid-code.http'), fixture('negative-error-null.http')];
    assert.equal(await runCli(['lint', '--format', 'json', ...files], io), 0);
    const records: LintJsonRecord[] = JSON.parse(io.out);
    assert.deepEqual(records, [
      {
        file: files[0],
        line: 15,
        column: 12,
        endLine: 15,
        endColumn: 27,
        severity: 'warning',
        code: 'rabobank.token.invalid-code',
        message: 'Rabobank: the authorization code was not accepted',
      },
    ]);
  });

  it('counts columns after a byte order mark, as editors do', async () => {
    const io = captureIo();
    await runCli(['lint', '--format=json', fixture('bom-response.http')], io);
    const [r] = JSON.parse(io.out) as LintJsonRecord[];
    assert.deepEqual([r.line, r.column, r.code], [4, 11, 'oauth.token.invalid_request']);
  });

  it('fails the run for CI at the chosen severity, errors by default', async () => {
    const warningsOnly = fixture('rabobank-token-invalid-code.http');
    const withError = fixture('rabobank-token-grant-type-mismatch.http');
    assert.equal(await runCli(['lint', warningsOnly], captureIo()), 0);
    assert.equal(await runCli(['lint', withError], captureIo()), 1);
    assert.equal(await runCli(['lint', '--fail-on', 'none', withError], captureIo()), 0);
    assert.equal(await runCli(['lint', '--fail-on=none', withError], captureIo()), 0);
    assert.equal(await runCli(['lint', '--fail-on', 'error', warningsOnly], captureIo()), 0);
    assert.equal(await runCli(['lint', '--fail-on', 'warning', warningsOnly], captureIo()), 1);
    assert.equal(await runCli(['lint', '--fail-on', 'error', withError], captureIo()), 1);
    assert.equal(
      await runCli(['lint', '--fail-on', 'warning', fixture('negative-error-null.http')], captureIo()),
      0,
    );
  });

  it('exits 2 when a file cannot be read, after linting the others', async () => {
    const io = captureIo();
    const code = await runCli(
      ['lint', fixture('does-not-exist.http'), fixture('rabobank-token-invalid-code.http')],
      io,
    );
    assert.equal(code, 2);
    assert.match(io.err, /cannot read .*does-not-exist\.http: ENOENT/);
    assert.match(io.out, /rabobank\.token\.invalid-code/);
  });

  it('exits 2 on usage errors', async () => {
    for (const argv of [
      ['lint'],
      ['lint', '--format', 'xml', 'a.http'],
      ['lint', '--fail-on', 'info', 'a.http'],
      ['lint', '--bogus', 'a.http'],
    ]) {
      const io = captureIo();
      assert.equal(await runCli(argv, io), 2, argv.join(' '));
      assert.match(io.err, /^oauth-workbench: lint: /);
      assert.equal(io.out, '');
    }
  });

  it('prints usage for --help', async () => {
    const io = captureIo();
    assert.equal(await runLintCommand(['--help'], io), 0);
    assert.match(io.out, /^Usage: oauth-workbench lint/);
  });

  it('never fails on binary input', async () => {
    const io = captureIo();
    const binary = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    assert.equal(await runLintCommand(['x.bin'], io, async () => binary), 0);
  });
});
