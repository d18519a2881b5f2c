/**
 * What `lint` and `explain` load when they start, in the production bundles built as esbuild.mjs builds them: no
 * Node built-in module beyond those every script loads, only the dispatcher and the command's own bundle, and at most
 * a budget of JavaScript bytes. Each of these is what their start-up time is made of (bench/cliStartup.mjs times it).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixturePath, repoRoot } from '../../support/paths';

/**
 * Budgets for the minified JavaScript `lint` and `explain ID` load (dispatcher + command bundle), about 10 % above
 * what they load now: `lint` needs the linter and the catalog, `explain ID` only the catalog.
 */
const LINT_JS_BUDGET_BYTES = 155_000;
const EXPLAIN_JS_BUDGET_BYTES = 82_000;

/**
 * Written to a file next to the bundles: at exit, records what the process loaded, through require or compiled with a
 * code cache (src/cli/codeCache.ts), and whether V8 took the caches. The probe loads \`vm\` itself (the empty script's
 * floor then has it too): the code cache loader needs it, and it costs about 0.1 ms.
 */
const PROBE = `
const before = new Set(process.moduleLoadList);
const vm = require('vm');
const compiled = [];
const OriginalScript = vm.Script;
vm.Script = class extends OriginalScript {
  constructor(source, options) {
    super(source, options);
    compiled.push({ file: options.filename, cacheRejected: this.cachedDataRejected });
  }
};
process.on('exit', () => {
  const report = {
    builtins: process.moduleLoadList.filter((m) => !before.has(m)),
    files: [...Object.keys(require.cache).filter((f) => f !== __filename), ...compiled.map((c) => c.file)],
    compiled,
  };
  require('fs').writeFileSync(process.env.WB_PROBE_REPORT, JSON.stringify(report));
});
`;

interface LoadReport {
  readonly builtins: string[];
  readonly files: string[];
  readonly compiled: { file: string; cacheRejected: boolean | undefined }[];
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe('CLI start-up: what lint and explain load', function () {
  this.timeout(120_000);
  let dir: string;
  let probe: string;
  let buildOptions: object[];
  const dist = () => path.join(dir, 'dist');
  const common = { bundle: true, target: 'node20', minify: true, logLevel: 'silent' };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-cli-startup-'));
    probe = path.join(dir, 'probe.js');
    fs.writeFileSync(probe, PROBE);
    const esbuild = await import('esbuild');
    const bundling = (await import(pathToFileURL(path.join(repoRoot, 'scripts', 'cliBundle.mjs')).href)) as {
      cliBuildOptions: (root: string, outdir: string, common: object) => object[];
      writeCodeCaches: (outdir: string) => void;
    };
    buildOptions = bundling.cliBuildOptions(repoRoot, dist(), common);
    for (const options of buildOptions) {
      await esbuild.build(options);
    }
    bundling.writeCodeCaches(dist());
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs `node [script] args` with stdout and stderr in files (as `node … > file`), through the probe. */
  function load(script: string | undefined, args: string[], stdin?: string): LoadReport {
    const report = path.join(dir, 'report.json');
    const inFile = path.join(dir, 'stdin.txt');
    fs.writeFileSync(inFile, stdin ?? '');
    const outFile = path.join(dir, 'stdout.txt');
    const errFile = path.join(dir, 'stderr.txt');
    const out = fs.openSync(outFile, 'w');
    const err = fs.openSync(errFile, 'w');
    const input = fs.openSync(inFile, 'r');
    try {
      const result = spawnSync(process.execPath, ['-r', probe, ...(script ? [script] : []), ...args], {
        stdio: [stdin === undefined ? 'ignore' : input, out, err],
        env: { ...process.env, WB_PROBE_REPORT: report },
      });
      const loaded = JSON.parse(fs.readFileSync(report, 'utf8')) as Pick<
        LoadReport,
        'builtins' | 'files' | 'compiled'
      >;
      return {
        ...loaded,
        status: result.status,
        stdout: fs.readFileSync(outFile, 'utf8'),
        stderr: fs.readFileSync(errFile, 'utf8'),
      };
    } finally {
      fs.closeSync(input);
      fs.closeSync(out);
      fs.closeSync(err);
    }
  }

  const cli = () => path.join(dist(), 'cli.js');
  const bundleFiles = (report: LoadReport) =>
    report.files.map((f) => path.relative(dist(), f).split(path.sep).join('/')).sort();
  const bytes = (report: LoadReport) => report.files.reduce((sum, f) => sum + fs.statSync(f).size, 0);

  for (const [command, args, chunk, budget] of [
    [
      'lint',
      [fixturePath('http', 'rabobank-token-invalid-code.http')],
      'cli/lintCommand.js',
      LINT_JS_BUDGET_BYTES,
    ],
    ['explain', ['oauth.token.invalid_grant'], 'cli/explainCommand.js', EXPLAIN_JS_BUDGET_BYTES],
  ] as const) {
    it(`${command} loads no Node module beyond an empty script's, and only its own bundle`, () => {
      const empty = path.join(dir, 'empty.js');
      fs.writeFileSync(empty, '');
      const floor = new Set(load(empty, []).builtins);
      const report = load(cli(), [command, ...args]);
      assert.equal(report.status, 0, report.stderr);
      assert.deepEqual(
        report.builtins.filter((m) => !floor.has(m)),
        [],
        `${command} should load only what every script loads (the stdout stream, fs/promises and the HTTP ` +
          'modules each cost start-up time)',
      );
      assert.deepEqual(bundleFiles(report), ['cli.js', chunk]);
      assert.ok(
        bytes(report) <= budget,
        `${command} loads ${bytes(report)} bytes of JavaScript, over its budget of ${budget}`,
      );
    });
  }

  it('explain - loads the answer reader (and the linter) only then, from its own bundle', () => {
    const report = load(
      cli(),
      ['explain', '-', '--status', '400', '--url', 'https://bank.example/oauth2/token'],
      '{"error": "invalid_grant"}',
    );
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /^oauth\.token\.invalid_grant: /);
    assert.deepEqual(bundleFiles(report), ['cli.js', 'cli/explainAnswerCommand.js', 'cli/explainCommand.js']);
  });

  it("lint's bundle has a code cache that V8 takes, also once the package has moved, and prints the same", () => {
    const moved = path.join(dir, 'moved');
    fs.cpSync(dist(), path.join(moved, 'dist'), { recursive: true });
    const file = fixturePath('http', 'oauth-token-errors.http');
    const withCache = load(path.join(moved, 'dist', 'cli.js'), ['lint', file]);
    assert.deepEqual(withCache.compiled, [
      { file: path.join(moved, 'dist', 'cli', 'lintCommand.js'), cacheRejected: false },
    ]);
    fs.rmSync(path.join(moved, 'dist', 'cli', 'lintCommand.js.v8cache'));
    const withoutCache = load(path.join(moved, 'dist', 'cli.js'), ['lint', file]);
    assert.deepEqual(withoutCache.compiled, [], 'without a cache file the bundle is required as usual');
    assert.deepEqual(
      bundleFiles(withoutCache),
      ['cli.js', 'cli/lintCommand.js'].map((f) =>
        path.join('..', 'moved', 'dist', f).split(path.sep).join('/'),
      ),
    );
    assert.ok(withCache.stdout.length > 0);
    assert.equal(withCache.stdout, withoutCache.stdout);
    assert.equal(withCache.status, withoutCache.status);
  });

  it('drops a code cache left from an earlier build when it builds again', async () => {
    const cache = path.join(dist(), 'cli', 'lintCommand.js.v8cache');
    assert.ok(fs.existsSync(cache));
    const esbuild = await import('esbuild');
    await esbuild.build(buildOptions[1]);
    assert.ok(!fs.existsSync(cache), 'a cache made for other code would run that code');
  });

  it('sees what a command that needs the HTTP engine loads (the probe can fail)', () => {
    const report = load(cli(), ['refresh', '--help']);
    assert.equal(report.status, 0, report.stderr);
    assert.ok(report.builtins.includes('NativeModule http'), report.builtins.join(', '));
    assert.ok(bundleFiles(report).includes('cli/refreshCommand.js'));
  });

  it('reports a usage error raised inside a command bundle as such: message and exit 2, no stack', () => {
    for (const command of ['lint', 'token', 'explain']) {
      const report = load(cli(), [command, '--no-such-option']);
      assert.equal(report.status, 2, `${command}: ${report.stderr}`);
      assert.match(report.stderr, /^oauth-workbench: .*no-such-option/);
      assert.doesNotMatch(report.stderr, /\n\s+at /);
    }
  });
});
