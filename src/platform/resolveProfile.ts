import * as vscode from 'vscode';
import { CommandIds } from '../constants';
import { ClientProfile } from '../core/profiles/clientProfile';
import type { ProfileStatusStore } from './profileStatusStore';
import type { WorkspaceProfileRepository } from './workspaceProfileRepository';

/** What the profile picker reads: the profiles, and which one is active (offered first). */
export interface ProfilePickerDeps {
  readonly profiles: Pick<WorkspaceProfileRepository, 'get' | 'list'>;
  readonly status: Pick<ProfileStatusStore, 'activeProfileId'>;
}

/**
 * What a command may receive to name a profile: its id, an object with `profileId` (tree items, programmatic calls,
 * hover links), or nothing (the palette: then the user picks).
 */
export type ProfileArgument = string | { readonly profileId?: string } | undefined;

/** The profile id carried by a command argument, if any. */
export function profileIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') {
    return arg;
  }
  if (
    arg !== null &&
    typeof arg === 'object' &&
    typeof (arg as { profileId?: unknown }).profileId === 'string'
  ) {
    return (arg as { profileId: string }).profileId;
  }
  return undefined;
}

/**
 * The profile a command acts on: the one named by its argument, else the only one, else the user's pick (the active
 * profile first). Cancelling the pick cancels the command silently.
 */
export async function resolveProfile(
  services: ProfilePickerDeps,
  arg: unknown,
  placeholder: string,
): Promise<ClientProfile> {
  const id = profileIdOf(arg);
  if (id !== undefined) {
    const profile = services.profiles.get(id);
    if (!profile) {
      throw new Error(
        vscode.l10n.t(
          'There is no usable profile with the id "{0}". Run Add Profile, or correct the entry in the oauthWorkbench.profiles setting.',
          id,
        ),
      );
    }
    return profile;
  }
  const profiles = services.profiles.list();
  if (profiles.length === 0) {
    const add = vscode.l10n.t('Add Profile');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('There is no OAuth Workbench profile yet.'),
      add,
    );
    if (choice === add) {
      void vscode.commands.executeCommand(CommandIds.addProfile);
    }
    throw new vscode.CancellationError();
  }
  if (profiles.length === 1) {
    return profiles[0];
  }
  const active = services.status.activeProfileId;
  const items = [...profiles]
    .sort((a, b) => Number(b.id === active) - Number(a.id === active))
    .map((profile) => ({ label: profile.label, description: profile.id, profile }));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: placeholder,
    matchOnDescription: true,
  });
  if (!picked) {
    throw new vscode.CancellationError();
  }
  return picked.profile;
}
