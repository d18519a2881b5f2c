import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { PRACTICE_TROUBLES, practiceTroubleOf } from '../../core/practice/practiceTroubles';
import { registerCommand } from '../../platform/runCommand';
import type { PracticeDeps } from './practiceDeps';
import type { PracticeServerControl } from './practiceServerControl';

/** Programmatic argument of `oauthWorkbench.practiceTrouble`: the trouble id, e.g. `spend-refresh-token`. */
export interface PracticeTroubleArgs {
  readonly trouble: string;
}

/**
 * `oauthWorkbench.practiceTrouble`: picks one of the guide's cases and switches it on at the practice server, so the
 * next matching request fails that way.
 */
export function registerPracticeTroubleCommand(
  services: PracticeDeps,
  practice: PracticeServerControl,
): vscode.Disposable {
  return registerCommand(CommandIds.practiceTrouble, services, async (arg?: unknown) => {
    if (!practice.endpoints && !(await practice.detect())) {
      const start = vscode.l10n.t('Start Practice Server');
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t('No practice server is running. Run Start Practice Server first.'),
          start,
        )
        .then((choice) =>
          choice === start ? vscode.commands.executeCommand(CommandIds.startPracticeServer) : undefined,
        );
      throw new vscode.CancellationError();
    }
    const requested = (arg as PracticeTroubleArgs | undefined)?.trouble;
    const trouble = requested !== undefined ? practiceTroubleOf(requested) : await pickTrouble();
    if (!trouble) {
      throw new Error(
        vscode.l10n.t(
          'There is no trouble switch "{0}". Run Practice Trouble… without an argument to pick one from the list.',
          String(requested),
        ),
      );
    }
    await practice.setTrouble(trouble.id);
    services.log.info(`Practice trouble switched on: ${trouble.label} (${trouble.id}).`);
    if (arg === undefined) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Practice server: "{0}" is on. {1}', trouble.label, trouble.description),
      );
    }
    return { trouble: trouble.id };
  });
}

async function pickTrouble() {
  const picked = await vscode.window.showQuickPick(
    PRACTICE_TROUBLES.map((trouble) => ({
      label: trouble.label,
      description: trouble.kind === 'state' ? vscode.l10n.t('now') : vscode.l10n.t('next request'),
      detail: trouble.catalogId ? `${trouble.description} (${trouble.catalogId})` : trouble.description,
      trouble,
    })),
    {
      placeHolder: vscode.l10n.t('Which error of the troubleshooting guide should happen?'),
      matchOnDetail: true,
    },
  );
  if (!picked) {
    throw new vscode.CancellationError();
  }
  return picked.trouble;
}
