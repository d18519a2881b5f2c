// The desktop host: @vscode/test-electron downloads a VS Code build from Microsoft and runs the same suite in it.
// Only for machines that can reach Microsoft's download site; CI uses the offline host.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export async function runTestsInElectronHost({ extensionDevelopmentPath, extensionTestsPath, workspace }) {
  const { runTests } = await import('@vscode/test-electron');
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-results-'));
  const resultsFile = path.join(resultsDir, 'results.json');
  try {
    const exitCode = await runTests({
      version: process.env.OAUTH_WORKBENCH_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
      extensionTestsEnv: { OAUTH_WORKBENCH_TEST_RESULTS: resultsFile },
    }).catch((err) => {
      // runTests rejects when the tests fail; the results file still tells how.
      if (!fs.existsSync(resultsFile)) {
        throw err;
      }
      return 1;
    });
    if (!fs.existsSync(resultsFile)) {
      throw new Error(
        `VS Code exited with ${exitCode} but the test index wrote no results (the host probably crashed).`,
      );
    }
    return { ...JSON.parse(fs.readFileSync(resultsFile, 'utf8')), exitCode };
  } finally {
    fs.rmSync(resultsDir, { recursive: true, force: true });
  }
}
