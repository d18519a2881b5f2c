import * as vscode from 'vscode';
import { EXTENSION_NAME } from './constants';
import { EMPTY_LINT_CONTEXT } from './core/httpFile/lintContext';
import { HttpLintService } from './features/httpDiagnostics/httpLintService';
import { registerHttpDiagnostics } from './features/httpDiagnostics/registerHttpDiagnostics';
import { registerHttpHover } from './features/httpHover/registerHttpHover';
import { registerHttpQuickFixes } from './features/httpQuickFixes/registerHttpQuickFixes';
import { registerShowLogCommand } from './features/log/registerShowLogCommand';
import { registerTokensView } from './features/tokensView/registerTokensView';

/** Composition root: builds the services and registers each feature; no logic of its own. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel(EXTENSION_NAME, { log: true });
  context.subscriptions.push(log, registerShowLogCommand(log), registerTokensView());
  // Profiles and known tokens reach the lints once the profile repository and token explorer exist (issue 5).
  const httpLint = new HttpLintService(() => EMPTY_LINT_CONTEXT);
  context.subscriptions.push(
    registerHttpDiagnostics({ service: httpLint, log }),
    registerHttpHover({ service: httpLint }),
    registerHttpQuickFixes({ service: httpLint }),
  );
  log.debug(`activate() took ${(performance.now() - started).toFixed(2)} ms`);
}

export function deactivate(): void {}
