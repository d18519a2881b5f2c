import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../../constants';
import { registerCommand } from '../../platform/runCommand';
import type { SignInDeps } from './signInDeps';
import { resolveProfile } from '../../platform/resolveProfile';
import { userSetting } from '../../platform/workspaceTrust';

/**
 * `oauthWorkbench.signOut`: deletes the profile's tokens from SecretStorage, revoking them first when the profile has
 * a revocation endpoint and `oauthWorkbench.revokeOnSignOut` is on. The client secret stays with the profile.
 */
export function registerSignOutCommand(services: SignInDeps): vscode.Disposable {
  return registerCommand(CommandIds.signOut, services, async (arg?: unknown) => {
    const profile = await resolveProfile(services, arg, vscode.l10n.t('Profile to sign out of'));
    // From user settings only: a workspace must not be able to leave live tokens behind.
    const revoke = userSetting(SettingKeys.revokeOnSignOut, true);
    await (await services.engine.tokenManager()).signOut(profile, { revoke });
    services.status.clearFailure(profile.id);
    services.status.noteAnswer(profile.id, { kind: 'forgotten' });
    services.log.info(`Signed out of "${profile.label}"; its tokens were deleted from SecretStorage.`);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Signed out of "{0}"', profile.label), 5000);
    return { ok: true, profileId: profile.id };
  });
}
