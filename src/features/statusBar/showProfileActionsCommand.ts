import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { registerCommand } from '../../platform/runCommand';
import type { StatusBarDeps } from './statusBarDeps';

type Item = vscode.QuickPickItem & { run?: () => Thenable<unknown> | Promise<unknown> };

/** `oauthWorkbench.showProfileActions` (the status bar's click): switch the active profile or act on it. */
export function registerShowProfileActionsCommand(services: StatusBarDeps): vscode.Disposable {
  return registerCommand(CommandIds.showProfileActions, services, async () => {
    const profiles = services.profiles.list();
    const active = profiles.find((p) => p.id === services.status.activeProfileId) ?? profiles[0];
    const items: Item[] = [];
    if (active) {
      const arg = { profileId: active.id };
      const action = (label: string, command: string): Item => ({
        label,
        run: () => vscode.commands.executeCommand(command, arg),
      });
      items.push(
        { label: active.label, kind: vscode.QuickPickItemKind.Separator },
        action(vscode.l10n.t('$(sign-in) Sign In'), CommandIds.signIn),
        action(vscode.l10n.t('$(sync) Refresh Token'), CommandIds.refreshToken),
        action(vscode.l10n.t('$(copy) Copy Access Token'), CommandIds.copyAccessToken),
        action(vscode.l10n.t('$(shield) Check Consent'), CommandIds.checkConsent),
        action(vscode.l10n.t('$(info) Show Token Details'), CommandIds.showTokenDetails),
        action(vscode.l10n.t('$(sign-out) Sign Out'), CommandIds.signOut),
      );
    }
    items.push({ label: vscode.l10n.t('Switch profile'), kind: vscode.QuickPickItemKind.Separator });
    for (const profile of profiles) {
      items.push({
        label: `$(account) ${profile.label}`,
        description: profile.id === active?.id ? vscode.l10n.t('active') : undefined,
        run: () => services.status.setActiveProfile(profile.id),
      });
    }
    items.push({
      label: vscode.l10n.t('$(add) Add Profile…'),
      run: () => vscode.commands.executeCommand(CommandIds.addProfile),
    });
    const picked = await vscode.window.showQuickPick(items, {
      placeHolder: vscode.l10n.t('OAuth Workbench'),
      matchOnDescription: true,
    });
    await picked?.run?.();
  });
}
