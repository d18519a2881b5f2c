import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import type { DeviceAuthorization } from '../../core/oauth/deviceAuthorization';
import { registerCommand } from '../../platform/runCommand';
import { resolveProfile } from '../../platform/resolveProfile';
import type { SignInDeps } from './signInDeps';
import { ensureClientSecret, withSignInProgress } from './signInProgress';

/**
 * Programmatic arguments of `oauthWorkbench.signInWithDeviceCode`. `openUrl` replaces the browser for the Open action:
 * a test approves the user code over HTTP instead.
 */
export interface DeviceSignInArgs {
  readonly profileId?: string;
  readonly openUrl?: (verificationUrl: string) => unknown;
}

/**
 * `oauthWorkbench.signInWithDeviceCode`: the device authorization grant. A notification shows the user code with Copy
 * and Open; a cancellable progress notification waits while the engine polls.
 */
export function registerDeviceSignInCommand(services: SignInDeps): vscode.Disposable {
  return registerCommand(CommandIds.signInWithDeviceCode, services, async (arg?: unknown) => {
    const { openUrl } = (arg ?? {}) as DeviceSignInArgs;
    const profile = await resolveProfile(
      services,
      arg,
      vscode.l10n.t('Profile to sign in with a device code'),
    );
    await ensureClientSecret(services, profile);
    const [{ deviceSignIn }, http] = await Promise.all([
      import('../../core/oauth/deviceSignIn.js'),
      services.engine.httpClientFor(profile),
    ]);
    const open = openUrl
      ? async (url: string) => void (await openUrl(url))
      : async (url: string) => void (await vscode.env.openExternal(vscode.Uri.parse(url, true)));

    return withSignInProgress(
      services,
      profile,
      {
        title: vscode.l10n.t('Signing in to "{0}" with a device code', profile.label),
        kind: 'Device sign-in',
      },
      (progress, signal) => {
        progress.report({ message: vscode.l10n.t('asking for a user code…') });
        return deviceSignIn({
          profile,
          secretStore: services.secretStore,
          http,
          tokenVault: services.vault,
          signal,
          logger: services.log,
          onWarning: (message) => void vscode.window.showWarningMessage(message),
          onUserCode: (authorization) => {
            progress.report({
              message: vscode.l10n.t('waiting for the code {0} to be approved…', authorization.user_code),
            });
            void offerUserCode(authorization, open, services);
          },
        });
      },
    );
  });
}

/** The user code with Copy Code and Open actions (the progress notification keeps showing the code meanwhile). */
async function offerUserCode(
  authorization: DeviceAuthorization,
  open: (url: string) => Promise<void>,
  services: Pick<SignInDeps, 'log'>,
): Promise<void> {
  const copy = vscode.l10n.t('Copy Code');
  const openPage = vscode.l10n.t('Open Verification Page');
  const page = authorization.verification_uri_complete ?? authorization.verification_uri;
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Enter the code {0} at {1} on any device to finish signing in.',
      authorization.user_code,
      authorization.verification_uri,
    ),
    copy,
    openPage,
  );
  try {
    if (choice === copy) {
      await vscode.env.clipboard.writeText(authorization.user_code);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the user code'), 3000);
    } else if (choice === openPage) {
      if (!/^https?:$/.test(new URL(page).protocol)) {
        // The server chose this address; only web pages are opened.
        services.log.warn('The verification page is not an http(s) address; it was not opened.');
        return;
      }
      await open(page);
    }
  } catch (err) {
    services.log.warn(`Could not copy the code or open the verification page: ${String(err)}`);
  }
}
