import * as vscode from 'vscode';
import type { PracticeDeps } from './practiceDeps';
import { registerPracticeTroubleCommand } from './practiceTroubleCommand';
import type { PracticeServerControl } from './practiceServerControl';
import { registerStartPracticeServerCommand } from './startPracticeServerCommand';

/**
 * Practice mode: the commands that start the local practice server and switch its troubles on. A practice server
 * already running (`npm start`) is looked for once in the background, so its profile shows up without a command.
 */
export function registerPractice(services: PracticeDeps, practice: PracticeServerControl): vscode.Disposable {
  void practice.detect().then(async (found) => {
    const endpoints = practice.endpoints;
    if (found && endpoints) {
      const { PRACTICE_PROFILE_ID } = await import('../../core/practice/practiceProfile.js');
      if ((await services.secretStore.getClientSecret(PRACTICE_PROFILE_ID)) !== endpoints.client_secret) {
        await services.secretStore.setClientSecret(PRACTICE_PROFILE_ID, endpoints.client_secret);
      }
      services.log.info(`Found a practice server at ${endpoints.issuer}.`);
    }
  });
  return vscode.Disposable.from(
    registerStartPracticeServerCommand(services, practice),
    registerPracticeTroubleCommand(services, practice),
  );
}
