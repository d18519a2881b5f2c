import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fixFault } from '../../../../src/core/knowledge/fixText';
import { repoRoot } from '../../../support/paths';

/** Every `.ts` file below a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The fixes engine errors carry (`fix: localText('…')`, also both arms of a `?:`) as written in the source: the first
 * literal of each alternative, where the sentence starts. The catalog is walked by fixText.test.ts; this covers the errors the
 * engine builds itself (network, TLS, discovery, loopback, token manager), whose fix ends the notification too.
 */
function engineFixes(): { where: string; fix: string }[] {
  const found: { where: string; fix: string }[] = [];
  const src = join(repoRoot, 'src');
  for (const file of sourceFiles(src)) {
    if (file.includes(join('core', 'knowledge'))) {
      continue;
    }
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bfix:\s*([\s\S]*?)(?:,\s*\n|\n\s*\}|\}\s*\))/g)) {
      const expression = match[1];
      // A literal that starts a sentence (not the continuation of a `+` concatenation), or a localText's message.
      const literals = [
        ...[...expression.matchAll(/(^|[?:]\s*)(['`])([^'`]*)\2/g)].map((l) => l[3]),
        ...[...expression.matchAll(/localText\(\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g)].map((l) => l[2]),
      ];
      for (const literal of literals) {
        const line = text.slice(0, match.index).split('\n').length;
        found.push({ where: `${relative(repoRoot, file)}:${line}`, fix: literal });
      }
    }
  }
  return found;
}

describe('the fixes engine errors carry are steps', () => {
  const fixes = engineFixes();

  it('finds the engine fixes (the scan works)', () => {
    assert.ok(fixes.length >= 20, `only ${fixes.length} found`);
    assert.ok(fixes.some((f) => f.fix.startsWith('Sign in first')));
  });

  for (const { where, fix } of fixes) {
    it(`${where}: ${fix.slice(0, 60)}`, () => {
      assert.equal(fixFault(fix, []), undefined, fix);
    });
  }
});
