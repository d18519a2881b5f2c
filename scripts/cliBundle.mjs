// How the command-line tool is bundled, shared by esbuild.mjs and the test that checks what `lint` loads.
//
// `dist/cli.js` is a small dispatcher; each command module it imports with `import()` becomes its own bundle in
// `dist/cli/`, loaded with `require` when that command runs. So `lint` reads and compiles only lint's code, not the
// HTTP engine and the practice server. The bundles do not share modules: a class that crosses from a command back
// to the dispatcher must be recognised by a property, not by `instanceof` (see `isCliUsageError`).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The modules of `src/cli` that are imported with `import()`, each bundled on its own into `dist/cli/NAME.js`: the
 * commands `cli.ts` dispatches to, and the parts of a command only some of its uses need (`explain -` reads an
 * answer with the whole linter; `explain ID` needs only the catalog).
 */
export const CLI_COMMAND_MODULES = [
  'lintCommand',
  'explainCommand',
  'explainAnswerCommand',
  'tokenCommand',
  'refreshCommand',
  'revokeCommand',
  'introspectCommand',
  'oauthCliSupport',
  'practiceCommand',
];

/**
 * Bundles that get a V8 code cache in production builds (`NAME.js.v8cache`, read by src/cli/codeCache.ts): `lint`,
 * whose start-up is mostly compiling its bundle and the functions one run uses. `explain ID` loads too little to gain.
 */
export const CODE_CACHED_MODULES = ['lintCommand'];

const CODE_CACHE_SUFFIX = '.v8cache';

/** What `lint` checks while the cache is made, so the functions a typical run needs are compiled into it. */
const WARM_UP_HTTP = `POST https://bank.example/oauth2/token
Content-Type: application/x-www-form-urlencoded

grant_type=authorization_code&code=abc&redirect_uri=http://127.0.0.1/cb

HTTP/1.1 400 Bad Request
Content-Type: application/json

{"error": "invalid_grant", "error_description": "code expired"}

###
GET https://api.bank.example/accounts
Authorization: Bearer {{token}}

HTTP/1.1 401 Unauthorized
WWW-Authenticate: Bearer error="invalid_token"
`;

/**
 * The same wrapper as `wrapBundleSource` in src/cli/codeCache.ts: a cache fits only the text it was made from (the
 * start-up test checks that the runtime accepts the cache this build writes).
 */
function wrapBundleSource(source) {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

/**
 * Writes the code caches of {@link CODE_CACHED_MODULES} below `outdir`, each in a fresh Node process (the V8 flags
 * of the process that makes a cache must match those of the one that reads it, and a build or test runner may have
 * its own).
 */
export function writeCodeCaches(outdir) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'write-code-caches', outdir], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`Writing the CLI code caches failed:\n${r.stderr}`);
  }
}

async function writeCodeCachesHere(outdir) {
  const vm = await import('node:vm');
  const { createRequire } = await import('node:module');
  for (const name of CODE_CACHED_MODULES) {
    const file = path.resolve(outdir, 'cli', `${name}.js`);
    const source = fs.readFileSync(file, 'utf8');
    if (/require\(["']\./.test(source)) {
      throw new Error(`${file} requires a relative path; src/cli/codeCache.ts cannot load it`);
    }
    const script = new vm.Script(wrapBundleSource(source), { filename: file });
    const module = { exports: {} };
    script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
    const io = { stdout: () => {}, stderr: () => {}, env: {} };
    await module.exports.runLintCommand(['warm-up.http'], io, async () => WARM_UP_HTTP, '0');
    await module.exports.runLintCommand(
      ['--format', 'sarif', 'warm-up.http'],
      io,
      async () => WARM_UP_HTTP,
      '0',
    );
    fs.writeFileSync(file + CODE_CACHE_SUFFIX, script.createCachedData());
  }
}

/** Deletes the code caches below `dir` before a build: one left from an earlier build would not fit the new code. */
function dropStaleCodeCaches(dir) {
  return {
    name: 'cli-drop-stale-code-caches',
    setup(build) {
      build.onStart(() => {
        for (const name of CODE_CACHED_MODULES) {
          fs.rmSync(path.join(dir, `${name}.js${CODE_CACHE_SUFFIX}`), { force: true });
        }
      });
    },
  };
}

/**
 * Leaves a CLI module's `import('./NAME.js')` of another one out of its bundle, as `require` of that module's own
 * bundle (`./cli/NAME.js` from the dispatcher, `./NAME.js` between command bundles). A dynamic import in `src/cli` of
 * anything not listed in {@link CLI_COMMAND_MODULES} fails the build, so nothing meant to load later is bundled in.
 */
function commandChunksPlugin(cliDir) {
  return {
    name: 'cli-command-chunks',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'dynamic-import' || path.dirname(path.resolve(args.importer)) !== cliDir) {
          return undefined;
        }
        const name = /^\.\/(\w+)\.js$/.exec(args.path)?.[1];
        if (!name || !CLI_COMMAND_MODULES.includes(name)) {
          return {
            errors: [{ text: `${args.path} is not in CLI_COMMAND_MODULES (scripts/cliBundle.mjs)` }],
          };
        }
        const fromDispatcher = path.basename(args.importer) === 'cli.ts';
        return { path: fromDispatcher ? `./cli/${name}.js` : `./${name}.js`, external: true };
      });
    },
  };
}

/**
 * esbuild options for the CLI: the dispatcher and the command bundles, written below `outdir` (`dist/cli.js`,
 * `dist/cli/*.js`). `common` carries the shared options (minify, source maps, plugins); `root` is the repository.
 */
export function cliBuildOptions(root, outdir, common) {
  const cliDir = path.join(root, 'src', 'cli');
  // A `require` in place of `import()`: Node's ES module loader alone costs more start-up time than lint's code.
  const cjs = {
    ...common,
    format: 'cjs',
    platform: 'node',
    supported: { 'dynamic-import': false },
    plugins: [...(common.plugins ?? []), commandChunksPlugin(cliDir)],
  };
  return [
    {
      ...cjs,
      entryPoints: [path.join(cliDir, 'cli.ts')],
      outfile: path.join(outdir, 'cli.js'),
      banner: { js: '#!/usr/bin/env node' },
    },
    {
      ...cjs,
      entryPoints: CLI_COMMAND_MODULES.map((name) => path.join(cliDir, `${name}.ts`)),
      outdir: path.join(outdir, 'cli'),
      plugins: [...cjs.plugins, dropStaleCodeCaches(path.join(outdir, 'cli'))],
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'write-code-caches') {
  await writeCodeCachesHere(process.argv[3]);
}
