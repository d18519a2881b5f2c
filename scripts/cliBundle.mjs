// How the command-line tool is bundled, shared by esbuild.mjs and the test that checks what `lint` loads.
//
// `dist/cli.js` is a small dispatcher; each command module it imports with `import()` becomes its own bundle in
// `dist/cli/`, loaded with `require` when that command runs. So `lint` reads and compiles only lint's code, not the
// HTTP engine and the practice server. The bundles do not share modules: a class that crosses from a command back
// to the dispatcher must be recognised by a property, not by `instanceof` (see `isCliUsageError`).
import * as path from 'node:path';

/** The modules `src/cli/cli.ts` imports with `import()`, each bundled on its own into `dist/cli/NAME.js`. */
export const CLI_COMMAND_MODULES = [
  'lintCommand',
  'explainCommand',
  'tokenCommand',
  'refreshCommand',
  'revokeCommand',
  'introspectCommand',
  'oauthCliSupport',
  'practiceCommand',
];

/**
 * Leaves the dispatcher's `import('./NAME.js')` of a command module out of its bundle, as `require('./cli/NAME.js')`;
 * a dynamic import of anything not listed in {@link CLI_COMMAND_MODULES} fails the build, so no command is bundled
 * into the dispatcher by mistake.
 */
function commandChunksPlugin(dispatcher) {
  return {
    name: 'cli-command-chunks',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'dynamic-import' || path.resolve(args.importer) !== dispatcher) {
          return undefined;
        }
        const name = /^\.\/(\w+)\.js$/.exec(args.path)?.[1];
        if (!name || !CLI_COMMAND_MODULES.includes(name)) {
          return {
            errors: [{ text: `${args.path} is not in CLI_COMMAND_MODULES (scripts/cliBundle.mjs)` }],
          };
        }
        return { path: `./cli/${name}.js`, external: true };
      });
    },
  };
}

/**
 * esbuild options for the CLI: the dispatcher and the command bundles, written below `outdir` (`dist/cli.js`,
 * `dist/cli/*.js`). `common` carries the shared options (minify, source maps, plugins); `root` is the repository.
 */
export function cliBuildOptions(root, outdir, common) {
  const dispatcher = path.join(root, 'src', 'cli', 'cli.ts');
  // A `require` in place of `import()`: Node's ES module loader alone costs more start-up time than lint's code.
  const cjs = { ...common, format: 'cjs', platform: 'node', supported: { 'dynamic-import': false } };
  return [
    {
      ...cjs,
      entryPoints: [dispatcher],
      outfile: path.join(outdir, 'cli.js'),
      banner: { js: '#!/usr/bin/env node' },
      plugins: [...(common.plugins ?? []), commandChunksPlugin(dispatcher)],
    },
    {
      ...cjs,
      entryPoints: CLI_COMMAND_MODULES.map((name) => path.join(root, 'src', 'cli', `${name}.ts`)),
      outdir: path.join(outdir, 'cli'),
    },
  ];
}
