import * as vscode from 'vscode';
import { vscodeTranslate } from './platform/vscodeTranslate';
import { KnowledgeBase } from './core/knowledge/knowledgeBase';
import { CommandIds, EXTENSION_NAME } from './constants';
import { HttpLintService } from './platform/httpLintService';
import { ProfileStatusStore } from './platform/profileStatusStore';
import { SecretStorageSecretStore } from './platform/secretStorageSecretStore';
import { SecretStorageTokenVault } from './platform/secretStorageTokenVault';
import { WorkbenchLintContext } from './platform/workbenchLintContext';
import { WorkspaceProfileRepository } from './platform/workspaceProfileRepository';
import { registerDesktopOnlyCommands } from './features/desktopOnly/registerDesktopOnlyCommands';
import { registerHttpDiagnostics } from './features/httpDiagnostics/registerHttpDiagnostics';
import { registerHttpHover } from './features/httpHover/registerHttpHover';
import { registerHttpQuickFixes } from './features/httpQuickFixes/registerHttpQuickFixes';
import { registerShowLogCommand } from './features/log/registerShowLogCommand';
import { registerExplainError } from './features/explain/registerExplainError';

/** The commands the web build implements; every other contributed command says it needs the desktop. */
const WEB_COMMANDS: ReadonlySet<string> = new Set([CommandIds.showLog, CommandIds.explainError]);

/**
 * Composition root of the web worker build (`browser` in package.json): only the pure features, the ones that read
 * `.http` documents (diagnostics, hovers, quick fixes) and Explain Error Response. No Node built-in, no loopback server, no HTTP.
 */
export function activate(context: vscode.ExtensionContext): void {
  // The catalog's words in the user's language, wherever a feature reads the shipped catalog.
  KnowledgeBase.useTranslation(vscodeTranslate);
  const log = vscode.window.createOutputChannel(EXTENSION_NAME, { log: true });
  const secretStore = new SecretStorageSecretStore(context.secrets);
  const vault = new SecretStorageTokenVault(context.secrets);
  const profiles = new WorkspaceProfileRepository(log);
  const status = new ProfileStatusStore(context.globalState);
  const lintContext = new WorkbenchLintContext(profiles, vault, secretStore);
  const httpLint = new HttpLintService(() => lintContext.current());
  context.subscriptions.push(
    log,
    secretStore,
    vault,
    profiles,
    status,
    lintContext,
    registerShowLogCommand({ log, status }),
    registerDesktopOnlyCommands(WEB_COMMANDS),
    registerHttpDiagnostics({ service: httpLint, log, onDidChangeLintContext: lintContext.onDidChange }),
    registerHttpHover({ service: httpLint }),
    registerHttpQuickFixes({ service: httpLint }),
    registerExplainError({ log, status, profiles }),
  );
  log.info(
    'Running in VS Code for the Web: .http checks, hovers, quick fixes and Explain Error Response only.',
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
