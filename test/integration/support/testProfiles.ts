import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../../../src/constants';
import type { ClientProfile } from '../../../src/core/profiles/clientProfile';
import type { OperationResult } from '../../../src/platform/operationResult';
import { profileFor } from '../../doubles/builders/profileBuilder';
import { loginAndDeliver } from '../../doubles/httpLogin';
import type { OidcProviderServer } from '../../doubles/oidcProviderServer';
import { clearProfiles, setSetting } from './workbench';

/** Adds a profile for the test's oidc-provider client (secret included) through the command's arguments. */
export async function addOidcProfile(
  server: OidcProviderServer,
  overrides: Partial<ClientProfile> & Pick<ClientProfile, 'id' | 'label'>,
): Promise<void> {
  await vscode.commands.executeCommand(CommandIds.addProfile, {
    profile: profileFor(server, overrides),
    clientSecret: server.clientSecret,
  });
}

/** Signs in with the profile, the test standing in for the browser: it logs in over HTTP and delivers the redirect. */
export function signInOverHttp(profileId: string, server: OidcProviderServer): Thenable<OperationResult> {
  return vscode.commands.executeCommand<OperationResult>(CommandIds.signIn, {
    profileId,
    openUrl: (url: string) => void loginAndDeliver(url, server.redirectUri),
  });
}

/** Removes the profile with its tokens and secret, and puts the settings a test changed back. */
export async function removeTestProfile(profileId: string): Promise<void> {
  await vscode.commands.executeCommand(CommandIds.removeProfile, { profileId, confirm: false });
  await clearProfiles();
  await setSetting(SettingKeys.autoRefresh, undefined);
}
