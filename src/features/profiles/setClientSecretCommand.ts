import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { registerCommand } from '../../platform/runCommand';
import type { ProfilesDeps } from './profilesDeps';
import { resolveProfile } from '../../platform/resolveProfile';

/**
 * `oauthWorkbench.setClientSecret`: stores a profile's client secret in SecretStorage (the OS keychain), asked with
 * a password input; `{ profileId, secret }` sets it without UI.
 */
export function registerSetClientSecretCommand(services: ProfilesDeps): vscode.Disposable {
  return registerCommand(CommandIds.setClientSecret, services, async (arg?: unknown) => {
    const profile = await resolveProfile(services, arg, vscode.l10n.t('Profile whose client secret to set'));
    const given = (arg as { secret?: unknown } | undefined)?.secret;
    const secret =
      typeof given === 'string'
        ? given
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Client secret of "{0}"', profile.label),
            prompt: vscode.l10n.t(
              'Kept in VS Code secret storage, never in settings. Copy it from the developer portal.',
            ),
            password: true,
            ignoreFocusOut: true,
            validateInput: (value) => (value === '' ? vscode.l10n.t('Enter the client secret.') : undefined),
          });
    if (secret === undefined) {
      throw new vscode.CancellationError();
    }
    if (secret === '') {
      throw new Error(
        vscode.l10n.t(
          'The client secret cannot be empty. Paste the secret shown for the app on the provider’s developer portal.',
        ),
      );
    }
    await services.secretStore.setClientSecret(profile.id, secret);
    services.status.clearFailure(profile.id);
    services.status.noteAnswer(profile.id, { kind: 'secretReplaced' });
    services.log.info(`Stored the client secret of "${profile.label}" in SecretStorage.`);
    if (typeof given !== 'string') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The client secret of "{0}" is stored in VS Code secret storage.', profile.label),
      );
    }
    return profile.id;
  });
}
