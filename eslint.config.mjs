// typescript-eslint flat config. The per-folder `no-restricted-imports` blocks keep the layers of
// docs/architecture.md honest: `src/core` stays pure (no `vscode`, no Node built-ins), `src/platform` never reaches up
// into features or down into Node code, and a feature imports only core, platform, constants and its own folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

/** What src/core may not import; blocks for folders inside core extend it (a later block replaces the rule whole). */
const CORE_IMPORT_RULE = {
  paths: [{ name: 'vscode', message: 'src/core is pure: use a port implemented in src/platform.' }],
  patterns: [
    {
      group: ['node:*', ...NODE_BUILTINS],
      message: 'src/core does no I/O: put Node code in src/node.',
    },
    {
      group: ['**/node/**', '**/platform/**', '**/features/**', '**/cli/**'],
      message: 'src/core may not depend on outer layers.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', '.test-runs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-throw-literal': 'error',
      curly: 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', CORE_IMPORT_RULE] },
  },
  {
    // Tokens are the lower layer: the protocol code in core/oauth stores and reads them, never the other way round.
    files: ['src/core/tokens/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...CORE_IMPORT_RULE,
          patterns: [
            ...CORE_IMPORT_RULE.patterns,
            {
              group: ['**/oauth/**'],
              message: 'core/tokens sits below core/oauth: move the code that needs both to core/oauth.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/node runs headless too: no vscode import.' }],
          patterns: [
            {
              group: ['**/platform/**', '**/features/**', '**/cli/**'],
              message: 'src/node may not depend on VS Code layers or the CLI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The CLI runs without VS Code: no vscode import.' }],
          patterns: [
            {
              group: ['**/platform/**', '**/features/**'],
              message: 'The CLI may use src/core and src/node, never the VS Code layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/platform/**/*.ts', 'src/features/**/*.ts'],
    rules: {
      // no-restricted-imports does not see `import()`, which lazy loading uses: the same walls, for dynamic imports.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/(^|\\/)(node|wiring|features)\\//]',
          message: 'Platform and features may load core lazily, never src/node, the wiring or a feature.',
        },
      ],
    },
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features/**', '**/wiring/**', '**/extension'],
              message: 'src/platform is shared by features: it may not depend on a feature or on the wiring.',
            },
            {
              group: ['**/node/**'],
              message:
                'src/platform may not import src/node: only the wiring beside extension.ts loads Node code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // From src/features/<x>/, `../<y>/…` is a sibling feature; `../../…` leaves the features layer.
              regex: '^\\.\\./(?!\\.\\./)',
              message:
                'A feature may not import another feature: move what two features share into src/platform (VS Code) or src/core (pure).',
            },
            {
              group: ['**/node/**', '**/wiring/**', '**/extension', '**/cli', '**/cli/**'],
              message:
                'A feature depends only on core, platform, constants and its own folder; declare what it needs in its …Deps interface.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/extensionWeb.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/node/**', '**/wiring/**', '**/extension', '**/cli', '**/cli/**', 'node:*'],
              message:
                'The web worker build runs without Node: it may import core, platform and features, never src/node, the wiring or a Node built-in.',
            },
          ],
        },
      ],
    },
  },
);
