import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../../constants';
import { PRACTICE_PROFILE_ID } from '../../core/practice/practiceProfile';
import { registerCommand } from '../../platform/runCommand';
import { vscodeTranslate } from '../../platform/vscodeTranslate';
import type { PracticeDeps } from './practiceDeps';
import type { PracticeServerControl } from './practiceServerControl';

/** Programmatic arguments of `oauthWorkbench.startPracticeServer` (tests pick free ports). */
export interface StartPracticeServerArgs {
  readonly port?: number;
  /** Default: the setting `oauthWorkbench.practiceSpeed`. */
  readonly speed?: number;
  /** The redirect URI the practice server registers for its client; default `http://127.0.0.1:8765/callback`. */
  readonly redirectUri?: string;
}

/** What the command resolves to: where the server listens and which profile talks to it (never the secret). */
export interface StartPracticeServerResult {
  readonly url: string;
  readonly profileId: string;
  readonly startedHere: boolean;
}

/**
 * `oauthWorkbench.startPracticeServer`: starts the local practice server (or finds the one `npm start` runs), stores
 * its client secret in SecretStorage for the built-in "Practice (local)" profile, and offers to sign in.
 */
export function registerStartPracticeServerCommand(
  services: PracticeDeps,
  practice: PracticeServerControl,
): vscode.Disposable {
  return registerCommand(
    CommandIds.startPracticeServer,
    services,
    async (arg?: unknown): Promise<StartPracticeServerResult> => {
      const args = (arg ?? {}) as StartPracticeServerArgs;
      const speed =
        args.speed ??
        vscode.workspace.getConfiguration(SettingKeys.section).get<number>(SettingKeys.practiceSpeed, 1);
      const endpoints = await practice.start({
        port: args.port,
        settings: {
          speed,
          ...(args.redirectUri !== undefined ? { redirect_uri: args.redirectUri } : {}),
        },
        // The pages the browser shows in VS Code's display language; the bank's wire answers stay English.
        translate: vscodeTranslate,
        language: vscode.env.language,
      });
      await services.secretStore.setClientSecret(PRACTICE_PROFILE_ID, endpoints.client_secret);
      services.log.info(
        `Practice server ${practice.startedHere ? 'started' : 'found'} at ${endpoints.issuer} (speed ${endpoints.speed}).`,
      );
      if (arg === undefined) {
        const signIn = vscode.l10n.t('Sign In');
        const open = vscode.l10n.t('Open Trouble Switches');
        void vscode.window
          .showInformationMessage(
            vscode.l10n.t(
              'The practice server runs at {0}. Sign in with the "Practice (local)" profile, then switch on a trouble to see each error of the guide.',
              endpoints.issuer,
            ),
            signIn,
            open,
          )
          .then((choice) => {
            if (choice === signIn) {
              void vscode.commands.executeCommand(CommandIds.signIn, { profileId: PRACTICE_PROFILE_ID });
            } else if (choice === open) {
              void vscode.env.openExternal(vscode.Uri.parse(endpoints.issuer));
            }
          });
      }
      return { url: endpoints.issuer, profileId: PRACTICE_PROFILE_ID, startedHere: practice.startedHere };
    },
  );
}
