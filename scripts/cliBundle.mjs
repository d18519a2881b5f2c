// How the command-line tool is bundled, shared by esbuild.mjs and the test that checks what `lint` loads.
//
// `dist/cli.js` is a small dispatcher; each command module it imports with `import()` becomes its own bundle in
// `dist/cli/`, loaded with `require` when that command runs. So `lint` reads and compiles only lint's code, not the
// HTTP engine and the practice server. The bundles do not share modules: a class that crosses from a command back
// to the dispatcher must be recognised by a property, not by `instanceof` (see `isCliUsageError`).
import * as path from 'node:path';

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
    },
  ];
}
