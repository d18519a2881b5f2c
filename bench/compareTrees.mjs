// Compares the lint of this working tree with an earlier commit's, in one process: both trees' bench/benchTargets.ts
// are bundled as the bench bundles them (minified), their parse trees and diagnostics are compared over the fixtures,
// the examples, the 1 MB bench corpus and 300 files of shuffled lines, then parse and whole lint of the 1 MB corpus are
// timed call by call, alternating the trees (order reversed every round), in CPU time of this process. A second copy
// of the base commit, bundled separately, shows how far two identical copies land apart on this machine today.
//
//   node bench/compareTrees.mjs [--base cef56fe] [--rounds 60] [--check-only] [--also DIR ...]
//
// --also adds another source tree (a scratch copy with one change, say) to the same alternation.
//
// Prints medians and the ratios to the base. Not a test: it asserts nothing. See docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { benchOptions } from './benchOptions.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const opts = benchOptions(
  {
    base: { type: 'string', default: 'cef56fe' },
    rounds: { type: 'string', default: '60' },
    'check-only': { type: 'boolean', default: false },
    also: { type: 'string', multiple: true, default: [] },
  },
  'node bench/compareTrees.mjs [--base <commit>] [--rounds N] [--check-only] [--also DIR ...]',
);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-compare-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

/** The base commit's files, extracted twice (two separately bundled copies give the noise floor). */
function extract(name) {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir);
  const tar = execFileSync('git', ['archive', opts.base], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

async function load(name, dir) {
  const outfile = path.join(scratch, `${name}.cjs`);
  await esbuild.build({
    entryPoints: [path.join(dir, 'bench/benchTargets.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    logLevel: 'error',
  });
  const m = require(outfile);
  return { name, m, kb: m.KnowledgeBase.create() };
}

const trees = [
  await load(`base ${opts.base}`, extract('base')),
  await load('now', root),
  await load(`base ${opts.base} again`, extract('base2')),
];
for (const dir of opts.also) {
  trees.push(await load(path.basename(path.resolve(dir)), path.resolve(dir)));
}

const readHttp = (dir) =>
  fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.http'))
    .sort()
    .map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));
const fixtures = readHttp(path.join(root, 'test/fixtures/http'));
const examples = readHttp(path.join(root, 'examples'));
const corpus = trees[1].m.generateHttpCorpus({ fixtures, size: 1024 * 1024, seed: 8 });

// Files of shuffled fixture lines and odd lines, from a fixed seed.
let seed = 1;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const lines = fixtures
  .join('\n')
  .split(/\r?\n/)
  .concat([
    '###',
    '{{',
    '}}',
    '> {%',
    '%}',
    '< {% x',
    'HTTP/1.1 400',
    '# HTTP/2 401 x',
    '?a=1',
    '&b=2',
    '@x = {{y}}',
  ]);
const odd = [];
for (let i = 0; i < 300; i++) {
  const count = 5 + Math.floor(random() * 80);
  const picked = [];
  for (let j = 0; j < count; j++) picked.push(lines[Math.floor(random() * lines.length)]);
  odd.push(picked.join(random() < 0.2 ? '\r\n' : '\n'));
}
const inputs = [...fixtures, ...examples, corpus, ...odd];

/**
 * Parse trees as JSON, with the document text, maps, big typed arrays and repeated objects made comparable. A request's
 * `queryAt` and `bracesAt` are left out: they are where a search of its URL will go, not something read from the text.
 */
function serialize(value, text) {
  const seen = new Set();
  return JSON.stringify(value, (key, x) => {
    if (key === 'queryAt' || key === 'bracesAt') return undefined;
    if (x === text) return '<text>';
    if (x instanceof Map) return [...x];
    if (ArrayBuffer.isView(x)) return x.length > 64 ? '<big typed array>' : Array.from(x);
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      if (seen.has(x)) return '<seen>';
      seen.add(x);
    }
    return x;
  });
}

const now = trees[1];
for (const tree of trees.filter((t) => t !== trees[1])) {
  let diagnostics = 0;
  let parses = 0;
  for (const text of inputs) {
    if (
      JSON.stringify(tree.m.lintHttpFile(text, tree.kb)) !== JSON.stringify(now.m.lintHttpFile(text, now.kb))
    ) {
      diagnostics++;
    }
    if (
      serialize(tree.m.parseHttpFile(text).blocks, text) !== serialize(now.m.parseHttpFile(text).blocks, text)
    ) {
      parses++;
    }
  }
  console.log(
    `${tree.name} against now: ${inputs.length} inputs, diagnostics differ in ${diagnostics}, parse trees in ${parses}`,
  );
}
if (opts['check-only']) process.exit(0);

const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
const measures = {
  parse: (tree) => tree.m.parseHttpFile(corpus),
  lint: (tree) => tree.m.lintHttpFile(corpus, tree.kb),
};
const samples = new Map();
const warmUntil = Date.now() + 3000;
while (Date.now() < warmUntil) for (const tree of trees) for (const run of Object.values(measures)) run(tree);
const rounds = Math.max(10, Number(opts.rounds));
for (let round = 0; round < rounds; round++) {
  for (const [measure, run] of Object.entries(measures)) {
    for (const tree of round % 2 ? [...trees].reverse() : trees) {
      for (let k = 0; k < 3; k++) {
        const started = cpuMs();
        run(tree);
        const spent = cpuMs() - started;
        const key = `${measure}: ${tree.name}`;
        samples.set(key, [...(samples.get(key) ?? []), spent]);
      }
    }
  }
}
const quantile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
const medians = new Map();
for (const [key, xs] of samples) {
  medians.set(key, quantile(xs, 0.5));
  console.log(
    `${key.padEnd(28)} median ${quantile(xs, 0.5).toFixed(2)} ms (p25 ${quantile(xs, 0.25).toFixed(2)}, p75 ${quantile(xs, 0.75).toFixed(2)}, ${xs.length} calls)`,
  );
}
for (const measure of Object.keys(measures)) {
  const base = medians.get(`${measure}: ${trees[0].name}`);
  for (const tree of trees.slice(1)) {
    console.log(
      `${measure}: ${tree.name} / base = ${(medians.get(`${measure}: ${tree.name}`) / base).toFixed(3)}`,
    );
  }
}
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
