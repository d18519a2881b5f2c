import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { registerCommand } from '../../platform/runCommand';
import type { ProfilesDeps } from './profilesDeps';
import { resolveProfile } from '../../platform/resolveProfile';

/** `oauthWorkbench.removeProfile`: after a confirmation, forgets the profile, its tokens and its client secret. */
export function registerRemoveProfileCommand(services: ProfilesDeps): vscode.Disposable {
  return registerCommand(CommandIds.removeProfile, services, async (arg?: unknown) => {
    const profile = await resolveProfile(services, arg, vscode.l10n.t('Profile to remove'));
    if ((arg as { confirm?: boolean } | undefined)?.confirm !== false) {
      const remove = vscode.l10n.t('Remove');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Remove the profile "{0}"?', profile.label),
        {
          modal: true,
          detail: vscode.l10n.t('Its tokens and client secret are deleted from VS Code secret storage.'),
        },
        remove,
      );
      if (choice !== remove) {
        throw new vscode.CancellationError();
      }
    }
    const tokens = await services.engine.tokenManager();
    await tokens.signOut(profile, { revoke: true });
    await services.secretStore.deleteClientSecret(profile.id);
    await services.profiles.remove(profile.id);
    services.status.clearFailure(profile.id);
    services.status.noteAnswer(profile.id, { kind: 'forgotten' });
    services.log.info(
      `Removed profile "${profile.label}" (${profile.id}) with its tokens and client secret.`,
    );
    return profile.id;
  });
}
