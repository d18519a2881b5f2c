import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { CommandContext, registerCommand } from '../../platform/runCommand';

/** `oauthWorkbench.showLog`: brings the extension's log channel to the front. */
export function registerShowLogCommand(deps: CommandContext): vscode.Disposable {
  return registerCommand(CommandIds.showLog, deps, () => {
    deps.log.show(true);
  });
}
