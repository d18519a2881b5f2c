// Bundles the extension and the command-line tool. `--production` minifies and drops source maps.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the form VS Code's `$esbuild-watch` problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) {
        console.log('[watch] build started');
      }
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      if (watch) {
        console.log('[watch] build finished');
      }
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcherPlugin],
};

/**
 * undici is more than half of the extension bundle and only a sign-in or token command needs it, so the extension
 * and the CLI load it from its own file, dist/undici.js, the first time the engine is built (src/wiring/engineLoader.ts).
 */
const undiciOnDemandPlugin = {
  name: 'undici-on-demand',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

const contexts = await Promise.all([
  esbuild.context({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [...common.plugins, undiciOnDemandPlugin],
  }),
  // The web worker build (`browser` in package.json): the .http features only; a Node built-in fails the build.
  esbuild.context({
    ...common,
    platform: 'browser',
    target: 'es2022',
    entryPoints: ['src/extensionWeb.ts'],
    outfile: 'dist/web/extension.js',
    external: ['vscode'],
  }),
  esbuild.context({
    ...common,
    entryPoints: ['node_modules/undici/index.js'],
    outfile: 'dist/undici.js',
  }),
  esbuild.context({
    ...common,
    entryPoints: ['src/cli/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    // The same dist/undici.js as the extension: `lint` and `explain` start without reading it at all.
    plugins: [...common.plugins, undiciOnDemandPlugin],
  }),
]);

if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  const results = await Promise.allSettled(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.status === 'rejected')) {
    process.exitCode = 1;
  }
}
