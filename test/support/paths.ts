import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository root, found by walking up from the compiled test file (tests run from a per-run folder under
 * out/, so paths relative to __dirname do not reach the sources).
 */
export const repoRoot: string = findRoot(__dirname);

/** A file under test/fixtures. */
export function fixturePath(...segments: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...segments);
}

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    // out/run-*/ holds a copy of package.json (imported by src/cli/cli.ts) but no node_modules: skip it.
    if (
      fs.existsSync(candidate) &&
      fs.existsSync(path.join(dir, 'node_modules')) &&
      JSON.parse(fs.readFileSync(candidate, 'utf8')).name === 'oauth-workbench'
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`No oauth-workbench package.json above ${start}`);
    }
  }
}
