import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { SettingKeys } from '../../../src/constants';
import type { WorkbenchTestApi } from '../../../src/wiring/workbenchTestApi';
import { activateExtension } from './activateExtension';
import { waitFor } from './waitFor';

/** The extension's test API (returned by activate() in test runs only). */
export async function workbenchApi(): Promise<WorkbenchTestApi> {
  const extension = await activateExtension();
  const api = extension.exports as WorkbenchTestApi | undefined;
  if (!api?.tokensTree) {
    throw new Error('The extension did not return its test API; is it running in ExtensionMode.Test?');
  }
  return api;
}

/** Sets one `oauthWorkbench.*` user setting and waits until the extension sees it. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace
    .getConfiguration(SettingKeys.section)
    .update(key, value, vscode.ConfigurationTarget.Global);
}

/** Removes every profile (and so their tree nodes); tokens and secrets are removed by the tests that made them. */
export async function clearProfiles(): Promise<void> {
  await setSetting(SettingKeys.profiles, undefined);
}

/** The log file's text once it contains `marker` (the channel writes to disk asynchronously). */
export async function logTextContaining(api: WorkbenchTestApi, marker: string): Promise<string> {
  return waitFor(
    () => {
      const text = fs.existsSync(api.logFile.fsPath) ? fs.readFileSync(api.logFile.fsPath, 'utf8') : '';
      return text.includes(marker) ? text : undefined;
    },
    { what: `the log to contain "${marker}"`, timeoutMs: 10_000 },
  );
}
