import * as vscode from 'vscode';
import type { WorkbenchAuthenticationProvider } from '../features/authProvider/workbenchAuthenticationProvider';
import type { StatusBarController } from '../features/statusBar/statusBarController';
import type { TokensTreeDataProvider } from '../features/tokensView/tokensTreeDataProvider';
import type { Translate } from '../core/text/translate';
import { renderFailuresWith } from '../platform/runCommand';
import { SecretStorageSecretStore } from '../platform/secretStorageSecretStore';
import { SecretStorageTokenVault } from '../platform/secretStorageTokenVault';
import type { WalkthroughProgress, WalkthroughStep } from './walkthroughProgress';

/**
 * What `activate()` returns when VS Code runs the extension's tests (ExtensionMode.Test), so integration tests can
 * read the tree, the status bar, the log file and whether SecretStorage still holds a profile's data. Never
 * exported otherwise: other extensions must go through the authentication provider, which asks the user.
 */
export interface WorkbenchTestApi {
  readonly logFile: vscode.Uri;
  readonly tokensTree: TokensTreeDataProvider;
  readonly statusBar: StatusBarController;
  readonly authProvider: WorkbenchAuthenticationProvider;
  /** Which of the profile's entries exist in SecretStorage (booleans only, never the values). */
  stored(profileId: string): Promise<{ readonly clientSecret: boolean; readonly tokens: boolean }>;
  /** The walkthrough steps whose context key was set to true from a real event. */
  walkthroughSteps(): Promise<readonly WalkthroughStep[]>;
  /** Every key and value the extension keeps in its global and workspace state, for tests that search it for secrets. */
  mementos(): Record<string, unknown>;
  /** Renders failure notifications and recorded failures with `translate` (VS Code's l10n again without one). */
  renderFailuresWith(translate?: Translate): void;
}

/** Builds the test API, or `undefined` outside test runs. */
export function createTestApi(
  context: vscode.ExtensionContext,
  parts: {
    readonly logName: string;
    readonly tokensTree: TokensTreeDataProvider;
    readonly statusBar: StatusBarController;
    readonly authProvider: WorkbenchAuthenticationProvider;
    readonly walkthroughProgress: WalkthroughProgress;
  },
): WorkbenchTestApi | undefined {
  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return undefined;
  }
  return {
    // VS Code writes a LogOutputChannel to <logsLocation>/<extension id>/<name>.log, i.e. under context.logUri.
    logFile: vscode.Uri.joinPath(context.logUri, `${parts.logName}.log`),
    tokensTree: parts.tokensTree,
    statusBar: parts.statusBar,
    authProvider: parts.authProvider,
    walkthroughSteps: () => parts.walkthroughProgress.completed(),
    renderFailuresWith,
    mementos: () =>
      Object.fromEntries(
        (['globalState', 'workspaceState'] as const).flatMap((name) =>
          context[name].keys().map((key) => [`${name}.${key}`, context[name].get(key)]),
        ),
      ),
    stored: async (profileId) => ({
      clientSecret: (await context.secrets.get(SecretStorageSecretStore.keyOf(profileId))) !== undefined,
      tokens: (await context.secrets.get(SecretStorageTokenVault.keyOf(profileId))) !== undefined,
    }),
  };
}
