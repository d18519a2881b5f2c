import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * Entry point for both extension-test hosts (the offline code-server host and @vscode/test-electron): loads every
 * `*.test.js` below this folder and runs it with mocha. The outcome is also written to the file named by
 * OAUTH_WORKBENCH_TEST_RESULTS, because a host can report success after its extension host died: the harness trusts
 * only that file.
 */
export async function run(): Promise<void> {
  const resultsFile = process.env.OAUTH_WORKBENCH_TEST_RESULTS;
  // `scripts/test.mjs --grep` reaches the host through the environment.
  const grep = process.env.OAUTH_WORKBENCH_TEST_GREP || undefined;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', grep });
  const files = findTestFiles(__dirname);
  const loadErrors: string[] = [];
  for (const file of files) {
    try {
      // Load each file on its own so one that throws at load time is reported by name instead of hiding the rest.
      mocha.suite.emit('pre-require', globalThis, file, mocha);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the extension host loads CommonJS tests
      mocha.suite.emit('require', require(file), file, mocha);
      mocha.suite.emit('post-require', globalThis, file, mocha);
    } catch (err) {
      loadErrors.push(
        `${path.relative(__dirname, file)}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  // The offline host prints only what stands between these markers (the workbench's own chatter is noise).
  console.log('<<oauth-workbench-suite-start>>');
  for (const message of loadErrors) {
    console.error(`Failed to load test file ${message}`);
  }
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? emptyStats()));
  });
  console.log('<<oauth-workbench-suite-end>>');
  const results = {
    files: files.length,
    passes: stats.passes,
    failures: stats.failures + loadErrors.length,
    pending: stats.pending,
    loadErrors,
  };
  if (resultsFile) {
    fs.writeFileSync(resultsFile, JSON.stringify(results));
  }
  if (results.failures > 0 || results.passes === 0) {
    throw new Error(`${results.failures} failed, ${results.passes} passed in ${files.length} test files`);
  }
}

/**
 * The suites of one host session: `restricted/` needs a host with workspace trust on and an untrusted folder, so it
 * runs alone in its own session (OAUTH_WORKBENCH_RESTRICTED=1) and never in the ordinary one.
 */
function findTestFiles(dir: string): string[] {
  const restricted = process.env.OAUTH_WORKBENCH_RESTRICTED === '1';
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .filter((name) => (name.split(path.sep)[0] === 'restricted') === restricted)
    .map((name) => path.join(dir, name))
    .sort();
}

function emptyStats(): Mocha.Stats {
  return { suites: 0, tests: 0, passes: 0, pending: 0, failures: 0 };
}
