// Runs the compiled unit tests in plain Node with mocha's spec reporter and writes the counts to the file named by
// OAUTH_WORKBENCH_TEST_RESULTS. A file that fails to load counts as a failure. A test that leaves a server or timer
// running keeps Node alive: after the run we wait briefly, then fail loudly rather than hang.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

const [dir, ...rest] = process.argv.slice(2);
const grep = rest[0];
const files = fs
  .readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.test.js'))
  .map((name) => path.resolve(dir, name))
  .sort();

const color = process.stdout.isTTY === true;
const mocha = new Mocha({
  ui: 'bdd',
  reporter: 'spec',
  timeout: 20_000,
  color,
  grep,
});
if (!color) {
  // The `color` option turns off mocha's own colours, but the pass and fail marks come from log-symbols already
  // coloured whenever it detects a CI (CI=true), so a CI log still carried ANSI codes on every test line.
  Mocha.reporters.Base.symbols.ok = '✔';
  Mocha.reporters.Base.symbols.err = '✖';
}
const loadErrors = [];
for (const file of files) {
  try {
    mocha.suite.emit('pre-require', globalThis, file, mocha);
    mocha.suite.emit('require', await import(file), file, mocha);
    mocha.suite.emit('post-require', globalThis, file, mocha);
  } catch (err) {
    loadErrors.push(`${path.relative(dir, file)}: ${err?.stack ?? err}`);
  }
}
for (const message of loadErrors) {
  console.error(`Failed to load test file ${message}`);
}

const runner = mocha.run(() => {
  const stats = runner.stats;
  const results = {
    files: files.length,
    passes: stats.passes,
    failures: stats.failures + loadErrors.length,
    pending: stats.pending,
    loadErrors,
  };
  if (process.env.OAUTH_WORKBENCH_TEST_RESULTS) {
    fs.writeFileSync(process.env.OAUTH_WORKBENCH_TEST_RESULTS, JSON.stringify(results));
  }
  process.exitCode = results.failures > 0 ? 1 : 0;
  setTimeout(() => {
    const handles = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'Timeout');
    console.error(`Tests finished but Node is still kept alive by: ${handles.join(', ') || 'timers'}.`);
    console.error('A test left a server, socket or timer running; every test must stop what it starts.');
    process.exit(1);
  }, 5000).unref();
});
