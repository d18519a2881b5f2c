// Bundles the extension and the command-line tool. `--production` minifies and drops source maps.
import * as esbuild from 'esbuild';
import { cliBuildOptions, writeCodeCaches } from './scripts/cliBundle.mjs';

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

const contexts = await Promise.all([
  esbuild.context({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
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
  // The CLI: a dispatcher (dist/cli.js) and one bundle per command (dist/cli/), see scripts/cliBundle.mjs.
  ...cliBuildOptions(import.meta.dirname, 'dist', common).map((options) => esbuild.context(options)),
]);

if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  const results = await Promise.allSettled(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.status === 'rejected')) {
    process.exitCode = 1;
  } else if (production) {
    writeCodeCaches('dist');
  }
}
