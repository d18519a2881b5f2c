import * as fs from 'node:fs';
import { fixturePath } from '../../../support/paths';

/** One `.http` fixture and the findings its `# expect: <id> @<line>` comments promise (`# expect: none` for none). */
export interface FixtureCase {
  readonly name: string;
  readonly path: string;
  readonly text: string;
  /** `code@line` with 1-based lines, sorted. */
  readonly expected: string[];
}

/**
 * Every fixture of test/fixtures/http (or of another fixture folder, such as `precision`: request shapes seen in
 * other people's files), with its expectations.
 */
export function loadFixtureCorpus(folder = 'http'): FixtureCase[] {
  const dir = fixturePath(folder);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.http'))
    .sort()
    .map((name) => {
      const path = `${dir}/${name}`;
      const raw = fs.readFileSync(path, 'utf8');
      const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      const expected: string[] = [];
      let declared = false;
      for (const m of text.matchAll(/^# expect: (\S+)(?: @(\d+))?\s*$/gm)) {
        declared = true;
        if (m[1] !== 'none') {
          expected.push(`${m[1]}@${m[2]}`);
        }
      }
      if (!declared) {
        throw new Error(`${name} has no "# expect:" line`);
      }
      return { name, path, text, expected: expected.sort() };
    });
}
