import * as assert from 'node:assert/strict';
import packageJson from '../../../package.json';
import { runCli } from '../../../src/cli/cli';
import { CliIo } from '../../../src/cli/cliIo';

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env: {},
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

describe('cli', () => {
  it('prints the package version for --version', async () => {
    const io = captureIo();
    assert.equal(await runCli(['--version'], io), 0);
    assert.equal(io.out, `${packageJson.version}\n`);
    assert.equal(io.err, '');
  });

  it('prints usage for --help and for no arguments', async () => {
    for (const argv of [['--help'], []]) {
      const io = captureIo();
      assert.equal(await runCli(argv, io), 0);
      assert.match(io.out, /^OAuth Workbench \d+\.\d+\.\d+/);
      assert.match(io.out, /--version/);
    }
  });

  it('rejects an unknown command with exit code 2 and one line on stderr', async () => {
    const io = captureIo();
    assert.equal(await runCli(['frobnicate'], io), 2);
    assert.equal(io.out, '');
    assert.equal(
      io.err,
      'oauth-workbench: Unknown command "frobnicate". Run "oauth-workbench --help" for the list of commands.\n',
    );
  });
});
