import * as vscode from 'vscode';
import type { ProfilesDeps } from './profilesDeps';
import { registerAddProfileCommand } from './addProfileCommand';
import { registerEditProfileCommand } from './editProfileCommand';
import { registerRemoveProfileCommand } from './removeProfileCommand';
import { registerSetClientSecretCommand } from './setClientSecretCommand';

/** Profile management: add, edit, remove, set secret; and one warning per malformed settings entry. */
export function registerProfiles(services: ProfilesDeps): vscode.Disposable {
  const reported = new Set<string>();
  const reportInvalidEntries = () => {
    for (const entry of services.profiles.invalidEntries()) {
      if (!reported.has(entry.message)) {
        reported.add(entry.message);
        const open = vscode.l10n.t('Open Settings (JSON)');
        void vscode.window.showWarningMessage(entry.message, open).then((choice) => {
          if (choice === open) {
            void vscode.commands.executeCommand('workbench.action.openSettingsJson');
          }
        });
      }
    }
  };
  // Checked once shortly after start-up (not during activation), then on every change of the setting.
  const startup = setTimeout(reportInvalidEntries, 2000);
  return vscode.Disposable.from(
    { dispose: () => clearTimeout(startup) },
    registerAddProfileCommand(services),
    registerEditProfileCommand(services),
    registerRemoveProfileCommand(services),
    registerSetClientSecretCommand(services),
    services.profiles.onDidChange(reportInvalidEntries),
  );
}
