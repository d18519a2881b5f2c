// `npm test`: lint, type-check (by compiling the tests), unit tests in plain Node, then the integration suite inside a
// real VS Code (the offline host by default). Prints each suite's summary and, last, one line "N passed, N failed"
// where lint, the build and the type-check count as one check each.
//
//   node scripts/test.mjs [--only lint|build|unit|integration|restricted|web] [--host offline|electron] [--grep PATTERN]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDependencies } from './bootstrap.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureDependencies(root);
const { values: opts } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    host: { type: 'string', default: process.env.OAUTH_WORKBENCH_TEST_HOST ?? 'offline' },
    grep: { type: 'string' },
  },
});
const wanted = (name) => !opts.only || opts.only.includes(name);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

// Each run compiles into a folder of its own, so parallel runs never see each other's (or stale) test files.
const outDir = path.join(root, 'out', `run-${process.pid}`);
const summary = [];
let passed = 0;
let failed = 0;

function record(name, result) {
  passed += result.passes;
  failed += result.failures;
  const pending = result.pending ? `, ${result.pending} skipped` : '';
  summary.push(
    `${name}: ${result.passes} passed, ${result.failures} failed${pending}${result.note ? ` (${result.note})` : ''}`,
  );
}

function step(name, command, args) {
  console.log(`\n▶ ${name}: ${[path.basename(command), ...args].join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  record(name, { passes: ok ? 1 : 0, failures: ok ? 0 : 1 });
  return ok;
}

function readResults(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function main() {
  const needsCompile = wanted('unit') || wanted('integration') || wanted('restricted');
  if (wanted('lint')) {
    step('lint', bin('eslint'), ['src', 'test', 'scripts', 'bench', 'esbuild.mjs', 'eslint.config.mjs']);
    step('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
  }
  let compiled = true;
  if (needsCompile || wanted('build')) {
    compiled = step('type-check and compile tests', bin('tsc'), ['-p', '.', '--outDir', outDir]) && compiled;
  }
  let built = true;
  if (wanted('integration') || wanted('restricted') || wanted('web') || wanted('build')) {
    built = step('build', process.execPath, ['esbuild.mjs']);
  }

  if (wanted('unit')) {
    if (!compiled) {
      record('unit', { passes: 0, failures: 1, note: 'not run: the tests did not compile' });
    } else {
      const resultsFile = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-unit-')),
        'results.json',
      );
      console.log('\n▶ unit tests (plain Node)');
      const args = [path.join(root, 'test', 'support', 'runMocha.mjs'), path.join(outDir, 'test', 'unit')];
      if (opts.grep) {
        args.push(opts.grep);
      }
      const r = spawnSync(process.execPath, args, {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, OAUTH_WORKBENCH_TEST_RESULTS: resultsFile },
      });
      const results = readResults(resultsFile);
      fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
      if (!results) {
        record('unit', {
          passes: 0,
          failures: 1,
          note: `the runner exited with ${r.status ?? r.signal} before reporting`,
        });
      } else {
        const leak = r.status !== 0 && results.failures === 0;
        record('unit', {
          ...results,
          failures: results.failures + (leak ? 1 : 0),
          note: leak ? 'the process did not exit cleanly after the tests' : undefined,
        });
        if (results.passes === 0 && results.failures === 0) {
          record('unit', { passes: 0, failures: 1, note: 'no unit test ran' });
        }
      }
    }
  }

  if (wanted('integration')) {
    const hostName =
      opts.host === 'electron' ? 'integration (desktop VS Code)' : 'integration (offline VS Code host)';
    if (!compiled || !built) {
      record(hostName, { passes: 0, failures: 1, note: 'not run: the build or the compile failed' });
    } else {
      console.log(`\n▶ ${hostName}`);
      if (opts.grep) {
        // The hosts pass their environment on to the extension host, where test/integration/index.ts reads it.
        process.env.OAUTH_WORKBENCH_TEST_GREP = opts.grep;
      }
      const args = {
        root,
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(outDir, 'test', 'integration', 'index.js'),
        workspace: path.join(root, 'test', 'fixtures', 'workspace'),
        grep: opts.grep,
      };
      try {
        const results =
          opts.host === 'electron'
            ? await (await import('../test/host/electronHost.mjs')).runTestsInElectronHost(args)
            : await (await import('../test/host/offlineHost.mjs')).runTestsInOfflineHost(args);
        record(hostName, results);
        if (results.passes === 0 && results.failures === 0) {
          record(hostName, { passes: 0, failures: 1, note: 'no integration test ran' });
        }
      } catch (err) {
        console.error(`\n${err?.message ?? err}`);
        record(hostName, { passes: 0, failures: 1, note: 'the host failed' });
      }
    }
  }

  // A second, short host session with workspace trust on and an untrusted folder, for the Restricted Mode suites
  // (offline host only; `--only restricted` runs just this one).
  const grepWantsRestricted = !opts.grep || /restricted/i.test(opts.grep);
  if (opts.host === 'offline' && grepWantsRestricted && (wanted('integration') || wanted('restricted'))) {
    const hostName = 'integration (Restricted Mode, offline VS Code host)';
    if (!compiled || !built) {
      record(hostName, { passes: 0, failures: 1, note: 'not run: the build or the compile failed' });
    } else {
      console.log(`\n▶ ${hostName}`);
      try {
        const { runTestsInOfflineHost } = await import('../test/host/offlineHost.mjs');
        const results = await runTestsInOfflineHost({
          root,
          extensionDevelopmentPath: root,
          extensionTestsPath: path.join(outDir, 'test', 'integration', 'index.js'),
          workspace: path.join(root, 'test', 'fixtures', 'untrusted-workspace'),
          workspaceTrust: true,
          timeoutMs: 3 * 60_000,
        });
        record(hostName, results);
        if (results.passes === 0 && results.failures === 0) {
          record(hostName, { passes: 0, failures: 1, note: 'no Restricted Mode test ran' });
        }
      } catch (err) {
        console.error(`\n${err?.message ?? err}`);
        record(hostName, { passes: 0, failures: 1, note: 'the host failed' });
      }
    }
  }

  // A third short session: the extension forced into VS Code's web worker extension host (the `browser` entry),
  // checked through the workbench's UI (offline host only; `--only web` runs just this one).
  const grepWantsWeb = !opts.grep || /web/i.test(opts.grep);
  if (opts.host === 'offline' && grepWantsWeb && (wanted('integration') || wanted('web'))) {
    const hostName = 'web worker extension host (offline VS Code host)';
    console.log(`\n▶ ${hostName}`);
    if (!built) {
      record(hostName, { passes: 0, failures: 1, note: 'not run: the build failed' });
    } else {
      try {
        const { checkWebWorkerHost } = await import('../test/host/webWorkerCheck.mjs');
        const results = await checkWebWorkerHost(root);
        record(hostName, results);
        if (results.passes === 0 && results.failures === 0) {
          record(hostName, { passes: 0, failures: 1, note: 'no web worker check ran' });
        }
      } catch (err) {
        console.error(`\n${err?.message ?? err}`);
        record(hostName, { passes: 0, failures: 1, note: 'the host failed' });
      }
    }
  }

  if (wanted('integration') && opts.host !== 'electron' && !opts.grep) {
    // What `npm start` gives a person: the extension installed, no test driver, notifications that pop up.
    console.log('\n▶ start path (npm start --offline, as a person opens it)');
    if (!built) {
      record('start path', { passes: 0, failures: 1, note: 'not run: the build failed' });
    } else {
      const { checkStartPath } = await import('../test/host/startPathCheck.mjs');
      record('start path', await checkStartPath(root));
    }
  }

  console.log('\nSummary');
  for (const line of summary) {
    console.log(`  ${line}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

try {
  await main();
} finally {
  fs.rmSync(outDir, { recursive: true, force: true });
}
