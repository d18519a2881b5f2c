import * as vscode from 'vscode';
import { EXTENSION_NAME } from './constants';
import { registerShowLogCommand } from './features/log/registerShowLogCommand';
import { registerTokensView } from './features/tokensView/registerTokensView';

/** Composition root: builds the services and registers each feature; no logic of its own. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel(EXTENSION_NAME, { log: true });
  context.subscriptions.push(log, registerShowLogCommand(log), registerTokensView());
  log.debug(`activate() took ${(performance.now() - started).toFixed(2)} ms`);
}

export function deactivate(): void {}
