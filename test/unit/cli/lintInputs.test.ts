import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/cli';
import { MAX_INPUT_FILE_BYTES } from '../../../src/cli/inputFiles';
import { LintJsonRecord } from '../../../src/cli/lintCommand';
import { globToRegExp } from '../../../src/cli/lintInputs';
import { captureCliIo } from '../../doubles/captureCliIo';
import { fixturePath } from '../../support/paths';

const WITH_ERROR = fs.readFileSync(fixturePath('http', 'rabobank-token-grant-type-mismatch.http'), 'utf8');
const WITH_WARNING = fs.readFileSync(fixturePath('http', 'rabobank-token-invalid-code.http'), 'utf8');

describe('oauth-workbench lint inputs', () => {
  let dir: string;
  const at = (...segments: string[]) => path.join(dir, ...segments);
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(at(rel)), { recursive: true });
    fs.writeFileSync(at(rel), text);
  };
  const lintJson = async (...args: string[]) => {
    const io = captureCliIo();
    const code = await runCli(['lint', '--format', 'json', ...args], io);
    const files = [...new Set((JSON.parse(io.out || '[]') as LintJsonRecord[]).map((r) => r.file))];
    return { code, io, files };
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-lint-inputs-'));
    write('a.http', WITH_WARNING);
    write('sub/b.rest', WITH_WARNING);
    write('sub/deeper/c.http', WITH_ERROR);
    write('sub/notes.txt', WITH_ERROR);
    write('node_modules/pkg/d.http', WITH_ERROR);
    write('.git/e.http', WITH_ERROR);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('searches a directory for .http and .rest files, skipping node_modules and .git', async () => {
    const { code, files } = await lintJson(dir);
    assert.deepEqual(files, [at('a.http'), at('sub', 'b.rest'), at('sub', 'deeper', 'c.http')]);
    assert.equal(code, 1);
  });

  it('matches globs with *, ** and ?, and names a glob that matched nothing', async () => {
    assert.deepEqual((await lintJson(`${dir}/**/*.http`)).files, [
      at('a.http'),
      at('sub', 'deeper', 'c.http'),
    ]);
    assert.deepEqual((await lintJson(`${dir}/sub/?.rest`)).files, [at('sub', 'b.rest')]);
    const none = await lintJson(`${dir}/*.nothing`);
    assert.equal(none.code, 2);
    assert.match(none.io.err, /\*\.nothing: no file matches this pattern/);
  });

  it('reads a relative glob from the working directory, with or without ./', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      for (const glob of ['sub/**/*.http', './sub/**/*.http', '**/c.http']) {
        assert.deepEqual((await lintJson(glob)).files, [path.join('sub', 'deeper', 'c.http')], glob);
      }
    } finally {
      process.chdir(cwd);
    }
  });

  const globs: [glob: string, path: string, matches: boolean][] = [
    ['**/*.http', 'a.http', true],
    ['**/*.http', 'x/y/a.http', true],
    ['*.http', 'x/a.http', false],
    ['x/**', 'x/y/z', true],
    ['a?.http', 'ab.http', true],
    ['a?.http', 'a/.http', false],
    ['[ab].http', 'b.http', true],
    ['[!ab].http', 'b.http', false],
    ['a+(b).http', 'a+(b).http', true],
  ];
  for (const [glob, file, matches] of globs) {
    it(`${matches ? 'matches' : 'does not match'} ${file} with ${glob}`, () => {
      assert.equal(globToRegExp(glob).test(file), matches);
    });
  }

  it('reads standard input for -', async () => {
    const io = Object.assign(captureCliIo(), { readStdin: async () => WITH_ERROR });
    const code = await runCli(['lint', '-'], io);
    assert.equal(code, 1);
    assert.match(io.out, /^<stdin>:6:12: error lint\.token\.grant-type-code/);
  });

  it('refuses a FIFO without blocking, and a file over the size limit without reading it', async function () {
    if (process.platform === 'win32') {
      this.skip();
    }
    const fifo = at('pipe.http');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const big = at('big.http');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_INPUT_FILE_BYTES + 1);
    const io = captureCliIo();
    const code = await runCli(['lint', fifo, big, at('a.http')], io);
    assert.equal(code, 2);
    assert.match(io.err, /cannot read .*pipe\.http: it is not a regular file/);
    assert.match(io.err, /cannot read .*big\.http: it is larger than 10 MB/);
    assert.match(io.out, /a\.http:15:12: warning rabobank\.token\.invalid-code/);
  });
});
