import * as vscode from 'vscode';
import type { StatusBarDeps } from './statusBarDeps';
import { registerShowProfileActionsCommand } from './showProfileActionsCommand';
import { StatusBarController } from './statusBarController';

/** The active profile in the status bar, and the quick pick it opens. */
export function registerStatusBar(services: StatusBarDeps): vscode.Disposable & {
  readonly controller: StatusBarController;
} {
  const controller = new StatusBarController(services);
  const disposable = vscode.Disposable.from(controller, registerShowProfileActionsCommand(services));
  return { controller, dispose: () => disposable.dispose() };
}
