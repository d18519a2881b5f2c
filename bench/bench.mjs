// `npm run bench`: lint throughput against httpYac's parser and a line-splitting floor, incremental re-diagnosis after
// a one-character edit, activate() of the production bundle in the real VS Code host, and bundle sizes. Prints a
// table and, as its last line, one JSON object with the numbers issue 8 asks for. Not a test: it asserts nothing.
//
//   node bench/bench.mjs [--runs N] [--host-runs N] [--no-host] [--no-lint] [--only-size 1mb[,100kb,10mb]]
//   node --cpu-prof bench/bench.mjs --profile-lint 300   (only our lint of the 1 MB corpus, N times: a clean profile)
//
// Everything is measured in one process so the ratios compare runs made under the same load. See docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { benchOptions } from './benchOptions.mjs';
import { measureCliStartup } from './cliStartup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const opts = benchOptions(
  {
    runs: { type: 'string', default: '15' },
    'host-runs': { type: 'string', default: '3' },
    'no-host': { type: 'boolean', default: false },
    'no-lint': { type: 'boolean', default: false },
    'only-size': { type: 'string' },
    'profile-lint': { type: 'string' },
  },
  'node bench/bench.mjs [--runs N] [--host-runs N] [--no-host] [--no-lint] [--only-size 1mb[,100kb,10mb]]\n' +
    'node --cpu-prof bench/bench.mjs --profile-lint N',
);
const RUNS = Math.max(10, Number(opts.runs));
const WARMUP = 5;
const WARMUP_MS = 2000;
const SEED = 8;
const EXTENSION_ID = 'oauth-workbench.oauth-workbench';
const SIZES = [
  { label: '100kb', bytes: 100 * 1024 },
  { label: '1mb', bytes: 1024 * 1024 },
  { label: '10mb', bytes: 10 * 1024 * 1024 },
].filter((s) => !opts['only-size'] || opts['only-size'].split(',').includes(s.label));

const log = (line) => process.stderr.write(`${line}\n`);
/** A number for the JSON line, rounded to µs; null when it was not measured, so every key is always there. */
const measured = (value) =>
  typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1000) / 1000 : null;

/**
 * Median wall time of `runs` timed calls after warm-up (and the time of the very first, cold, call), and the median CPU time of this process over the
 * same calls: when other processes share the cores, wall time grows and CPU time does not, which shows in the table.
 * No forced GC between runs: a full collection before each run shrinks the young generation and made every run after
 * it slower than in an editor that lints all day.
 */
async function median(fn, runs = RUNS, warmup = WARMUP) {
  const coldStarted = performance.now();
  await fn(0);
  const cold = performance.now() - coldStarted;
  // Warm up until the optimising compiler has settled: at least `warmup` calls and WARMUP_MS of running. Five calls
  // on 100 KB left the linter 8x slower than it runs after an editing session.
  const warmStarted = performance.now();
  for (let i = 1; i < warmup || performance.now() - warmStarted < WARMUP_MS; i++) {
    await fn(i);
  }
  const walls = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await fn(warmup + i);
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { ms: medianOf(walls), cpu: medianOf(cpus), cold };
}

/**
 * Bundles bench/benchTargets.ts (our core code and the corpus generator) the way `npm run package` bundles what ships:
 * without a source map, and minified unless a profile is taken (`readable`), whose function names must survive. With
 * the inline source map this script used before, our 1 MB lint measured about 10% slower here, and the same bundle
 * without it did not: that measured a build no user runs.
 */
async function loadTargets(tmp, readable = false) {
  const outfile = path.join(tmp, 'benchTargets.cjs');
  await esbuild.build({
    entryPoints: [path.join(root, 'bench', 'benchTargets.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: !readable,
    logLevel: 'error',
  });
  return require(outfile);
}

/** httpYac's own parser, set up the way its CLI sets up file access (`cli.initFileProvider`). */
function loadHttpYac() {
  const httpyac = require('httpyac');
  httpyac.cli.initFileProvider();
  return {
    version: require('httpyac/package.json').version,
    parse: (text, file) =>
      new httpyac.store.HttpFileStore().parse(file, text, { workingDir: path.dirname(file) }),
  };
}

function readFixtures() {
  const dir = path.join(root, 'test', 'fixtures', 'http');
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.http'))
    .sort()
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'));
}

/**
 * Generates a corpus into `file` and reads it back, as the CLI reads a file and as VS Code hands over `getText()`: one
 * flat string. The generator's own string is a rope of concatenations, which every measure (ours, httpYac's, the
 * floor) would read through an indirection that no real caller has.
 */
function writeCorpus(targets, fixtures, bytes, file) {
  fs.writeFileSync(file, targets.generateHttpCorpus({ fixtures, size: bytes, seed: SEED }));
  return fs.readFileSync(file, 'utf8');
}

/** Ids of the knowledge-base families (`rabobank`, `oauth`, …) that the diagnostics of `text` reach. */
function familiesOf(diagnostics) {
  return [...new Set(diagnostics.map((d) => d.code.split('.')[0]))].sort();
}

async function measureThroughput(targets, httpyac, tmp) {
  const kb = targets.KnowledgeBase.create();
  const fixtures = readFixtures();
  const results = [];
  for (const size of SIZES) {
    const file = path.join(tmp, `corpus-${size.label}.http`);
    const text = writeCorpus(targets, fixtures, size.bytes, file);
    const diagnostics = targets.lintHttpFile(text, kb);
    const parsed = await httpyac.parse(text, file);
    const big = size.bytes > 2 * 1024 * 1024;
    const runs = big ? 10 : RUNS;
    const warmup = big ? 2 : WARMUP;
    log(`[bench] ${size.label}: ${text.length} chars, ${diagnostics.length} diagnostics`);
    const ours = await median(() => targets.lintHttpFile(text, kb), runs, warmup);
    const parseOnly = await median(() => targets.parseHttpFile(text), runs, warmup);
    // The extension's first lint of a document it has just opened: HttpDocumentLints with nothing cached yet.
    const opened = await median(
      () =>
        new targets.HttpDocumentLints(
          () => kb,
          () => targets.EMPTY_LINT_CONTEXT,
        ).diagnostics('new.http', 1, () => text),
      runs,
      warmup,
    );
    const theirs = await median(() => httpyac.parse(text, file), runs, warmup);
    const floor = await median(() => text.split(/\r\n|\r|\n/), runs, warmup);
    const lfSplit = await median(() => text.split('\n'), runs, warmup);
    results.push({
      size: size.label,
      chars: text.length,
      lines: text.split(/\r\n|\r|\n/).length,
      requests: parsed.httpRegions.length,
      diagnostics: diagnostics.length,
      families: familiesOf(diagnostics),
      ours,
      parseOnly,
      opened,
      theirs,
      floor,
      lfSplit,
      text,
    });
  }
  return results;
}

/**
 * A one-character edit in the middle of the 1 MB document, re-diagnosed through {@link HttpDocumentLints}: the code
 * the extension's change handler runs (HttpLintService.diagnostics → lints.diagnostics with the document's new
 * version and text). Each run types a character or takes it back again, so every run is a real change.
 */
async function measureIncremental(targets, text) {
  const lints = new targets.HttpDocumentLints(
    () => targets.KnowledgeBase.create(),
    () => targets.EMPTY_LINT_CONTEXT,
  );
  const middle = text.length >> 1;
  const edited = `${text.slice(0, middle)}x${text.slice(middle)}`;
  let version = 1;
  lints.diagnostics('bench.http', version, () => text);
  const full = lints.diagnostics('other.http', 1, () => edited).length;
  let count = 0;
  let typed = false;
  const result = await median(() => {
    version++;
    typed = !typed;
    count = lints.diagnostics('bench.http', version, () => (typed ? edited : text)).length;
  });
  const expected = typed ? full : lints.diagnostics('other.http', 2, () => text).length;
  if (count !== expected || full <= 0) {
    throw new Error('incremental and full lint disagree on the edited document');
  }
  return result;
}

const BOMB_MEMORY_PROBE = `// Written by bench/bench.mjs: one lint of the variable bombs in a fresh process, and how much memory it took.
const fs = require('node:fs');
const v8 = require('node:v8');
const [bundle, file] = process.argv.slice(2);
const targets = require(bundle);
const kb = targets.KnowledgeBase.create();
const text = fs.readFileSync(file, 'utf8');
globalThis.gc();
const heap = () => v8.getHeapStatistics().total_heap_size;
const heapBefore = heap();
const rssBefore = process.resourceUsage().maxRSS;
const started = performance.now();
targets.lintHttpFile(text, kb);
const lintMs = performance.now() - started;
new targets.HttpDocumentLints(() => kb, () => targets.EMPTY_LINT_CONTEXT).diagnostics('new.http', 1, () => text);
console.log(JSON.stringify({
  lintMs,
  heapGrowth: heap() - heapBefore,
  rssGrowth: (process.resourceUsage().maxRSS - rssBefore) * 1024,
}));
`;

/**
 * The 1 MB document of variable bombs (bench/variableBombs.ts): the time of a lint and of an editor's first lint as
 * for the corpora, then the memory they take, in a fresh process (`--expose-gc`), from a collected heap: the growth of
 * V8's heap (committed, which only grows when the heap needs room) and of the process's peak resident memory.
 */
async function measureBombs(targets, tmp) {
  const kb = targets.KnowledgeBase.create();
  const file = path.join(tmp, 'variable-bombs-1mb.http');
  fs.writeFileSync(file, targets.generateVariableBombs(1024 * 1024));
  const text = fs.readFileSync(file, 'utf8');
  const diagnostics = targets.lintHttpFile(text, kb).length;
  log(`[bench] variable bombs: ${text.length} chars, ${diagnostics} diagnostics`);
  const ours = await median(() => targets.lintHttpFile(text, kb));
  const opened = await median(() =>
    new targets.HttpDocumentLints(
      () => kb,
      () => targets.EMPTY_LINT_CONTEXT,
    ).diagnostics('new.http', 1, () => text),
  );
  const probe = path.join(tmp, 'bombMemoryProbe.cjs');
  fs.writeFileSync(probe, BOMB_MEMORY_PROBE);
  const r = spawnSync(process.execPath, ['--expose-gc', probe, path.join(tmp, 'benchTargets.cjs'), file], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`the variable bombs memory probe failed:\n${r.stderr}`);
  }
  const memory = JSON.parse(r.stdout.trim().split('\n').at(-1));
  return { chars: text.length, diagnostics, ours, opened, ...memory };
}

/** A copy of the working tree's sources in a temporary folder, so packaging never touches the shared dist/. */
function packageCopy(tmp) {
  const dir = path.join(tmp, 'package');
  fs.mkdirSync(dir);
  for (const name of [
    'package.json',
    'esbuild.mjs',
    'scripts/cliBundle.mjs',
    'tsconfig.json',
    '.vscodeignore',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    'src',
    'media',
    'docs',
  ]) {
    if (fs.existsSync(path.join(root, name))) {
      fs.cpSync(path.join(root, name), path.join(dir, name), { recursive: true });
    }
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  log('[bench] npm run package (production build and .vsix) in a copy of the working tree');
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  }
  const size = (p) => fs.statSync(path.join(dir, p)).size;
  return {
    dir,
    extension: size('dist/extension.js'),
    cli: size('dist/cli.js'),
    // What `lint` reads as it starts: the dispatcher, its bundle and the bundle's V8 code cache.
    cliLint: ['dist/cli.js', 'dist/cli/lintCommand.js', 'dist/cli/lintCommand.js.v8cache']
      .filter((p) => fs.existsSync(path.join(dir, p)))
      .reduce((sum, p) => sum + size(p), 0),
    web: size('dist/web/extension.js'),
    vsix: size('oauth-workbench.vsix'),
  };
}

const PROBE = `// Written by bench/bench.mjs: activates the extension once and reports how long the call took from outside.
const vscode = require('vscode');
exports.run = async () => {
  const ext = vscode.extensions.getExtension(${JSON.stringify(EXTENSION_ID)});
  const wasActive = ext.isActive;
  const started = performance.now();
  await ext.activate();
  const callMs = performance.now() - started;
  console.log('<<bench-activation>>' + JSON.stringify({ wasActive, callMs }));
  // Give the log file a moment to be written before the workbench closes.
  await new Promise((resolve) => setTimeout(resolve, 2000));
};
`;

/** Starts the offline VS Code host on the packaged copy, activates it, and reads the `activate() took` debug line. */
async function measureActivation(extensionDir) {
  const host = await import('../test/host/offlineHost.mjs');
  host.ensureOfflineHost(root, log);
  const probe = path.join(extensionDir, 'activationProbe.js');
  fs.writeFileSync(probe, PROBE);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-bench-ws-'));
  const server = await host.startCodeServer(root, { log, smokeTestDriver: true });
  let browser;
  try {
    browser = await host.launchChromium();
    const page = await browser.newPage();
    let settle;
    const exited = new Promise((resolve) => (settle = resolve));
    let outside;
    await page.exposeFunction('codeAutomationExit', (code) => settle(code));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      for (const a of Array.isArray(args) ? args : [args]) {
        const m = /<<bench-activation>>(.*)/.exec(String(a));
        if (m) {
          outside = JSON.parse(m[1]);
        }
      }
    });
    const url = new URL(
      host.workbenchUrl(server, {
        folder: workspace,
        extensionDevelopmentPath: extensionDir,
        extensionTestsPath: probe,
      }),
    );
    // The web workbench takes per-extension log levels from the payload; debug lets the activate() line through.
    const payload = JSON.parse(url.searchParams.get('payload'));
    payload.push(['logLevel', `${EXTENSION_ID}:debug`]);
    url.searchParams.set('payload', JSON.stringify(payload));
    await page.goto(url.toString());
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 120_000))]);
    if (code === 'timeout') {
      throw new Error('the activation probe did not finish within 120 s');
    }
    let inside;
    for (let i = 0; i < 50 && inside === undefined; i++) {
      inside = findActivateLine(server.runDir);
      if (inside === undefined) {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    if (inside === undefined) {
      throw new Error(`no "activate() took" line under ${server.runDir}`);
    }
    return { activateMs: inside, callMs: outside?.callMs, wasActive: outside?.wasActive };
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

function findActivateLine(dir) {
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.log')) {
      continue;
    }
    const text = fs.readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8');
    const m = /activate\(\) took ([\d.]+) ms/.exec(text);
    if (m) {
      return Number(m[1]);
    }
  }
  return undefined;
}

/** Bytes as MB with one decimal, or 'not run'. */
function mb(bytes) {
  return typeof bytes === 'number' ? (bytes / 1048576).toFixed(1) : 'not run';
}

function medianOf(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

/** Lints the 1 MB corpus `times` times and nothing else, for `node --cpu-prof`. */
async function profileLint(times) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-bench-'));
  try {
    const targets = await loadTargets(tmp, true);
    const kb = targets.KnowledgeBase.create();
    const text = writeCorpus(targets, readFixtures(), 1024 * 1024, path.join(tmp, 'corpus-1mb.http'));
    const started = performance.now();
    for (let i = 0; i < times; i++) {
      targets.lintHttpFile(text, kb);
    }
    console.log(
      `${times} lints of 1 MB: ${((performance.now() - started) / times).toFixed(2)} ms each on average`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-bench-'));
  try {
    const cpu =
      /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
    const load = () =>
      os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ');
    console.log(
      `machine: ${cpu}, ${os.cpus().length} cores, Node ${process.version}, load at start ${load()}`,
    );
    const targets = await loadTargets(tmp);
    const httpyac = loadHttpYac();
    const throughput = opts['no-lint'] ? [] : await measureThroughput(targets, httpyac, tmp);
    const oneMb = throughput.find((r) => r.size === '1mb');
    const incremental = oneMb ? await measureIncremental(targets, oneMb.text) : undefined;
    const bombs = opts['no-lint'] ? undefined : await measureBombs(targets, tmp);
    const loadAfterLint = load();

    const pkg = packageCopy(tmp);
    const startup = measureCliStartup(pkg.dir);
    const activations = [];
    // Host runs that failed and were run again, and those that failed twice (their figure is then missing).
    const retried = [];
    const lost = [];
    if (!opts['no-host']) {
      for (let i = 0; i < Number(opts['host-runs']); i++) {
        const run = await targets.retryOnce(
          () => measureActivation(pkg.dir),
          (err, retrying) =>
            log(
              `[bench] host run ${i + 1} failed${retrying ? ', running it once more' : ' again, giving up on it'}: ${err?.stack ?? err}`,
            ),
        );
        if (run.attempts > 1) {
          retried.push(i + 1);
        }
        if (run.value) {
          activations.push(run.value);
          log(`[bench] host run ${i + 1}: ${JSON.stringify(run.value)}`);
        } else {
          // The other numbers still stand; activate_ms is then left out of the JSON line if no run succeeded.
          lost.push(i + 1);
        }
      }
    }
    const activateMs = activations.length ? medianOf(activations.map((a) => a.activateMs)) : undefined;
    const callMs = activations.length ? medianOf(activations.map((a) => a.callMs ?? NaN)) : undefined;

    console.log('');
    console.log(
      table([
        [
          'corpus',
          'chars',
          'lines',
          'requests',
          'diags',
          'ours ms',
          'ours cpu ms',
          'ours cold ms',
          'parse only',
          'editor open ms',
          `httpYac ${httpyac.version}`,
          'floor ms',
          "split('\\n')",
          'httpYac/ours',
          'ours/floor',
        ],
        ...throughput.map((r) => [
          r.size,
          r.chars,
          r.lines,
          r.requests,
          r.diagnostics,
          r.ours.ms.toFixed(2),
          r.ours.cpu.toFixed(2),
          r.ours.cold.toFixed(2),
          r.parseOnly.ms.toFixed(2),
          r.opened.ms.toFixed(2),
          r.theirs.ms.toFixed(2),
          r.floor.ms.toFixed(2),
          r.lfSplit.ms.toFixed(2),
          (r.theirs.ms / r.ours.ms).toFixed(1),
          (r.ours.ms / r.floor.ms).toFixed(2),
        ]),
      ]),
    );
    console.log(`families reached in the 1 MB corpus: ${oneMb?.families.join(', ')}`);
    console.log('');
    console.log(
      table([
        ['measure', 'value', 'target'],
        ['incremental edit, 1 MB (ms)', incremental?.ms.toFixed(2), '≤ 5'],
        ['incremental edit, 1 MB (cpu ms)', incremental?.cpu.toFixed(2), ''],
        ['lint of 1 MB of variable bombs (ms)', bombs?.ours.ms.toFixed(2) ?? 'not run', '≤ 100'],
        ['lint of 1 MB of variable bombs (cpu ms)', bombs?.ours.cpu.toFixed(2) ?? 'not run', ''],
        ['editor open, 1 MB of variable bombs (ms)', bombs?.opened.ms.toFixed(2) ?? 'not run', '≤ 100'],
        ['first lint of the bombs in a fresh process (ms)', bombs?.lintMs.toFixed(2) ?? 'not run', ''],
        ['heap growth, bombs lint + editor open (MB)', mb(bombs?.heapGrowth), '≤ 100'],
        ['peak RSS growth, bombs lint + editor open (MB)', mb(bombs?.rssGrowth), ''],
        ['activate() inside (ms)', activateMs?.toFixed(2) ?? 'not run', '≤ 15'],
        ['ext.activate() from outside, incl. loading the bundle (ms)', callMs?.toFixed(2) ?? 'not run', ''],
        ['dist/extension.js (bytes)', pkg.extension, '≤ 409600'],
        ['dist/web/extension.js (bytes, web worker build)', pkg.web, ''],
        ['dist/cli.js (bytes, the CLI dispatcher)', pkg.cli, ''],
        ['CLI files lint reads (bytes: dispatcher, bundle, code cache)', pkg.cliLint, ''],
        [
          'CLI lint start-up / node -e 0',
          `${startup.lintRatio.toFixed(2)} (${startup.lintMs.toFixed(0)} / ${startup.nodeMs.toFixed(0)} ms)`,
          '≤ 1.3',
        ],
        [
          'CLI explain start-up / node -e 0',
          `${startup.explainRatio.toFixed(2)} (${startup.explainMs.toFixed(0)} ms)`,
          '≤ 1.3',
        ],
        ['oauth-workbench.vsix (bytes)', pkg.vsix, '≤ 307200'],
      ]),
    );
    console.log(
      `runs: median of ${RUNS} (10 for 10 MB) after warm-up; host runs: ${activations.length}; load after lint runs ${loadAfterLint}, at end ${load()}`,
    );
    if (retried.length > 0 || lost.length > 0) {
      console.log(
        `host runs that failed and were run once more: ${retried.join(', ') || 'none'}; failed twice (no figure): ${lost.join(', ') || 'none'}`,
      );
    }
    console.log(
      JSON.stringify({
        lint_1mb_ms: measured(oneMb?.ours.ms),
        httpyac_1mb_ms: measured(oneMb?.theirs.ms),
        floor_1mb_ms: measured(oneMb?.floor.ms),
        ratio_httpyac_over_ours: measured(oneMb && oneMb.theirs.ms / oneMb.ours.ms),
        ratio_ours_over_floor: measured(oneMb && oneMb.ours.ms / oneMb.floor.ms),
        incremental_edit_ms: measured(incremental?.ms),
        variable_bombs_1mb_ms: measured(bombs?.ours.ms),
        variable_bombs_heap_growth_mb: measured(bombs && bombs.heapGrowth / 1048576),
        activate_ms: measured(activateMs),
        host_runs_retried: retried.length,
        extension_bundle_bytes: pkg.extension,
        cli_bundle_bytes: pkg.cli,
        cli_lint_read_bytes: pkg.cliLint,
        cli_lint_startup_ratio: measured(startup.lintRatio),
        cli_explain_startup_ratio: measured(startup.explainRatio),
        vsix_bytes: pkg.vsix,
      }),
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (opts['profile-lint']) {
  await profileLint(Number(opts['profile-lint']));
} else {
  await main();
}
