import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { registerCommand } from '../../platform/runCommand';

/** `oauthWorkbench.showLog`: brings the extension's log channel to the front. */
export function registerShowLogCommand(log: vscode.LogOutputChannel): vscode.Disposable {
  return registerCommand(CommandIds.showLog, { log }, () => {
    log.show(true);
  });
}
