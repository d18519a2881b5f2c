import * as assert from 'node:assert/strict';
import { repoRoot } from '../../support/paths';

type LintMessage = { readonly ruleId: string | null; readonly message: string };
type Linter = (code: string, filePath: string) => Promise<readonly LintMessage[]>;

/** The repository's own eslint.config.mjs, without type information (the snippets below are not on disk). */
async function projectLinter(): Promise<Linter> {
  // eslint is an ES module; a real dynamic import keeps it one under the CommonJS test build.
  const { ESLint } = (await import('eslint')) as typeof import('eslint');
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parserOptions: { projectService: false } },
        rules: { '@typescript-eslint/no-floating-promises': 'off' },
      },
    ],
  });
  return async (code, filePath) => {
    const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${filePath}` });
    return result.messages.filter((m) => m.ruleId?.startsWith('no-restricted-'));
  };
}

describe('layer rules in eslint.config.mjs', function () {
  this.timeout(60_000);
  let lint: Linter;
  before(async () => {
    lint = await projectLinter();
  });

  const refused: [string, string, RegExp][] = [
    [
      'src/features/tokens/x.ts',
      "import { a } from '../signIn/signInCommand';",
      /may not import another feature/,
    ],
    ['src/features/tokens/x.ts', "import { a } from '../../wiring/engineLoader';", /only on core, platform/],
    ['src/features/tokens/x.ts', "import { a } from '../../node/nodeHttpClient';", /only on core, platform/],
    [
      'src/features/tokens/x.ts',
      "export const a = () => import('../../node/practice/practiceServer.js');",
      /never src\/node/,
    ],
    [
      'src/platform/x.ts',
      "import { a } from '../features/signIn/signInCommand';",
      /may not depend on a feature/,
    ],
    ['src/platform/x.ts', "import { a } from '../node/nodeHttpClient';", /may not import src\/node/],
    [
      'src/platform/x.ts',
      "import { a } from '../wiring/engineLoader';",
      /may not depend on a feature or on the wiring/,
    ],
    ['src/core/x.ts', "import * as vscode from 'vscode';", /src\/core is pure/],
    [
      'src/extensionWeb.ts',
      "import { a } from './wiring/engineLoader';",
      /web worker build runs without Node/,
    ],
    [
      'src/extensionWeb.ts',
      "import { a } from './node/nodeHttpClient';",
      /web worker build runs without Node/,
    ],
    ['src/extensionWeb.ts', "import * as fs from 'node:fs';", /web worker build runs without Node/],
  ];
  for (const [file, code, expected] of refused) {
    it(`refuses in ${file}: ${code}`, async () => {
      const messages = await lint(`${code}\n`, file);
      assert.ok(
        messages.some((m) => expected.test(m.message)),
        `expected ${expected} in ${JSON.stringify(messages)}`,
      );
    });
  }

  const allowed: [string, string][] = [
    ['src/features/tokens/x.ts', "import { a } from './tokenDetailsDocument';"],
    ['src/features/tokens/x.ts', "import { a } from '../../platform/resolveProfile';"],
    ['src/features/tokens/x.ts', "import { a } from '../../core/profiles/profileEndpoints';"],
    ['src/features/tokens/x.ts', "import { a } from '../../constants';"],
    ['src/features/tokens/x.ts', "export const a = () => import('../../core/oauth/signIn.js');"],
    ['src/platform/x.ts', "import { a } from '../core/oauth/oauthErrors';"],
    ['src/wiring/x.ts', "import { a } from '../node/nodeHttpClient';"],
    ['src/wiring/x.ts', "import { a } from '../features/tokens/registerTokenCommands';"],
    ['src/extensionWeb.ts', "import { a } from './features/httpHover/registerHttpHover';"],
  ];
  for (const [file, code] of allowed) {
    it(`allows in ${file}: ${code}`, async () => {
      assert.deepEqual(await lint(`${code}\n`, file), []);
    });
  }
});
