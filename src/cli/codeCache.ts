/**
 * Loads a command bundle with the V8 code cache the production build writes next to it (`NAME.js.v8cache`, see
 * scripts/cliBundle.mjs): V8 then skips compiling the bundle and the functions a warm-up run compiled, which is most
 * of what `lint` spends after Node itself has started. Without a cache file this loader is not used.
 *
 * The cache is data V8 checks itself: one made by another Node or V8 version, or with other V8 flags, is rejected and
 * the source is compiled as usual. It ships in the same folder as the code, so it is trusted as much as the code is.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Script } from 'node:vm';

/** The suffix of a bundle's code cache file. */
export const CODE_CACHE_SUFFIX = '.v8cache';

/**
 * The text V8 compiles and caches: the bundle in CommonJS's function wrapper. The build compiles the very same text
 * when it writes the cache (a cache only fits the text it was made from).
 */
export function wrapBundleSource(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

/** What {@link loadWithCodeCache} loaded, and whether V8 took the cache. */
export interface CodeCachedModule {
  readonly exports: unknown;
  readonly cacheRejected: boolean;
}

/**
 * Runs the bundle `file` as a CommonJS module compiled with its code cache; `undefined` when it has no cache file (the
 * caller then uses `require`). The bundle may require Node's built-in modules only: `require` here resolves from this
 * file, not from the bundle's folder (the build refuses a cached bundle that requires a relative path).
 */
export function loadWithCodeCache(file: string): CodeCachedModule | undefined {
  let cachedData: Buffer;
  try {
    cachedData = readFileSync(file + CODE_CACHE_SUFFIX);
  } catch {
    return undefined;
  }
  const script = new Script(wrapBundleSource(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: { exports: unknown },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} as unknown };
  wrapper.call(module.exports, module.exports, require, module, file, path.dirname(file));
  return { exports: module.exports, cacheRejected: script.cachedDataRejected === true };
}
