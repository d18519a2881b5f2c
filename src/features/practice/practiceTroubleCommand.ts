import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { PRACTICE_TROUBLES, practiceTroubleOf } from '../../core/practice/practiceTroubles';
import { renderText } from '../../core/text/localText';
import type { QuickInputFactory } from '../../platform/quickInputSteps';
import { registerCommand } from '../../platform/runCommand';
import { vscodeTranslate } from '../../platform/vscodeTranslate';
import type { PracticeDeps } from './practiceDeps';
import type { PracticeServerControl } from './practiceServerControl';

/**
 * Programmatic argument of `oauthWorkbench.practiceTrouble`: the trouble id, e.g. `spend-refresh-token`; or, for
 * tests, the factory of the real quick pick to drive.
 */
export interface PracticeTroubleArgs {
  readonly trouble?: string;
  readonly quickInputs?: QuickInputFactory;
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
    const args = arg as PracticeTroubleArgs | undefined;
    const requested = args?.trouble;
    const trouble =
      requested !== undefined
        ? practiceTroubleOf(requested)
        : await pickTrouble(args?.quickInputs ?? vscode.window);
    if (!trouble) {
      throw new Error(
        vscode.l10n.t(
          'There is no trouble switch "{0}". Run Practice Trouble… without an argument to pick one from the list.',
          String(requested),
        ),
      );
    }
    await practice.setTrouble(trouble.id);
    services.log.info(`Practice trouble switched on: ${renderText(trouble.label)} (${trouble.id}).`);
    if (requested === undefined) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Practice server: "{0}" is on. {1}',
          renderText(trouble.label, vscodeTranslate),
          renderText(trouble.description, vscodeTranslate),
        ),
      );
    }
    return { trouble: trouble.id };
  });
}

type TroubleItem = vscode.QuickPickItem & { readonly trouble: (typeof PRACTICE_TROUBLES)[number] };

/**
 * The picker of trouble switches: searchable by label, by id (`spend-refresh-token`, as the README and the CLI name
 * them) and by what each one does, which goes on its own line so it is not cut after a few words.
 */
function pickTrouble(factory: QuickInputFactory): Promise<TroubleItem['trouble']> {
  const pick = factory.createQuickPick<TroubleItem>();
  pick.placeholder = vscode.l10n.t(
    'Which error of the troubleshooting guide should happen? (type a name or an id)',
  );
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = PRACTICE_TROUBLES.map((trouble) => ({
    label: renderText(trouble.label, vscodeTranslate),
    description: `${trouble.id} · ${trouble.kind === 'state' ? vscode.l10n.t('now') : vscode.l10n.t('next request')}`,
    detail: renderText(trouble.description, vscodeTranslate),
    trouble,
  }));
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
        pick.dispose();
      }
    };
    pick.onDidAccept(() => {
      const [chosen] = pick.activeItems;
      if (chosen) {
        finish(() => resolve(chosen.trouble));
      }
    });
    pick.onDidHide(() => finish(() => reject(new vscode.CancellationError())));
    pick.show();
  });
}
