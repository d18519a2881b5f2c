import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../../support/paths';

const MAX_LINES = 450;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('source files stay small enough to read in one sitting', () => {
  it(`has no file in src over ${MAX_LINES} lines`, () => {
    const files = sourceFiles(join(repoRoot, 'src'));
    assert.ok(files.length > 50, `only ${files.length} source files found: the walk is wrong`);
    const long = files
      .map((file) => ({
        file: relative(repoRoot, file),
        lines: readFileSync(file, 'utf8').split('\n').length - 1,
      }))
      .filter((f) => f.lines > MAX_LINES);
    assert.deepEqual(long, []);
  });
});
