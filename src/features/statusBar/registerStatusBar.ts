import * as vscode from 'vscode';
import { WorkbenchServices } from '../../platform/workbenchServices';
import { registerShowProfileActionsCommand } from './showProfileActionsCommand';
import { StatusBarController } from './statusBarController';

/** The active profile in the status bar, and the quick pick it opens. */
export function registerStatusBar(services: WorkbenchServices): vscode.Disposable & {
  readonly controller: StatusBarController;
} {
  const controller = new StatusBarController(services);
  const disposable = vscode.Disposable.from(controller, registerShowProfileActionsCommand(services));
  return { controller, dispose: () => disposable.dispose() };
}
