// Configuration for @vscode/test-cli (`npx vscode-test`) and the Extension Test Runner in desktop VS Code.
// `npm run test:electron` runs the same suite through test/host/electronHost.mjs; CI uses the offline host.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/integration/**/*.test.js',
  workspaceFolder: 'test/fixtures/workspace',
  launchArgs: ['--disable-extensions'],
  mocha: { ui: 'bdd', timeout: 30000 },
});
