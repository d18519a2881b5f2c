/**
 * Restricted Mode. In a workspace the user has not trusted, the extension still reads: diagnostics, hovers and
 * explanations work, because they only look at text. What would act with the user's credentials on the workspace's
 * say (sign-in, token calls, sending requests, the practice server, quick fixes that put credentials into a request)
 * is refused with one clear message. Settings that could weaken security are read from user settings only, trusted
 * or not: a cloned repository's `.vscode/settings.json` must not turn them off.
 */
import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../constants';

/** Commands that act with credentials or start servers; off until the workspace is trusted. */
export const TRUST_GATED_COMMANDS: ReadonlyMap<string, string> = new Map([
  [CommandIds.signIn, 'Sign-in'],
  [CommandIds.signInWithDeviceCode, 'Sign-in with a device code'],
  [CommandIds.refreshToken, 'Refreshing a token'],
  [CommandIds.revokeToken, 'Revoking a token'],
  [CommandIds.checkConsent, 'Checking a consent'],
  [CommandIds.insertAuthorizationHeader, 'Inserting an Authorization header'],
  [CommandIds.startPracticeServer, 'The practice server'],
  [CommandIds.practiceTrouble, 'The practice server'],
  ['oauthWorkbench.sendRequest', 'Sending a request'],
]);

/**
 * Settings read from user settings only; the same list is the manifest's `restrictedConfigurations`. `profiles` holds
 * every endpoint, redirect URI, proxy and TLS option and is application-scoped besides; `revokeOnSignOut: false` would
 * leave live tokens behind at sign-out.
 */
export const USER_ONLY_SETTINGS = [SettingKeys.profiles, SettingKeys.revokeOnSignOut] as const;

/** What a refused command resolves to, so callers (and tests) can tell a refusal from a failure. */
export interface UntrustedRefusal {
  readonly ok: false;
  readonly reason: 'untrusted-workspace';
  readonly message: string;
}

/** The sentence shown when `action` is refused in Restricted Mode. */
export function untrustedMessage(action: string): string {
  return vscode.l10n.t(
    '{0} is off in Restricted Mode: this workspace is not trusted, and its files and settings must not get to use your credentials. Diagnostics and hovers still work. Trust the workspace to turn it on.',
    action,
  );
}

/**
 * Refuses a trust-gated command in an untrusted workspace: shows the message (with a way to manage trust) and returns
 * the refusal; returns undefined when the command may run.
 */
export function refuseUntrusted(commandId: string): UntrustedRefusal | undefined {
  const action = TRUST_GATED_COMMANDS.get(commandId);
  if (action === undefined || vscode.workspace.isTrusted) {
    return undefined;
  }
  const message = untrustedMessage(action);
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window.showWarningMessage(message, manage).then((choice) => {
    if (choice === manage) {
      void vscode.commands.executeCommand('workbench.trust.manage');
    }
  });
  return { ok: false, reason: 'untrusted-workspace', message };
}

/** A setting from user settings (or its default) only: workspace and folder values are ignored. */
export function userSetting<T>(key: (typeof USER_ONLY_SETTINGS)[number], fallback: T): T {
  const inspected = vscode.workspace.getConfiguration(SettingKeys.section).inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

/** Logs when the user grants trust: the gated commands work from then on, without a reload. */
export function registerWorkspaceTrust(log: vscode.LogOutputChannel): vscode.Disposable {
  if (!vscode.workspace.isTrusted) {
    log.info('Restricted Mode: sign-in, token calls, sending and the practice server are off until trusted.');
  }
  return vscode.workspace.onDidGrantWorkspaceTrust(() =>
    log.info('The workspace is trusted now: sign-in, token calls, sending and the practice server are on.'),
  );
}
