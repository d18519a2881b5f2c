import * as vscode from 'vscode';
import { vscodeTranslate } from './platform/vscodeTranslate';
import { KnowledgeBase } from './core/knowledge/knowledgeBase';
import { EXTENSION_NAME } from './constants';
import { HttpLintService } from './platform/httpLintService';
import { registerHttpDiagnostics } from './features/httpDiagnostics/registerHttpDiagnostics';
import { registerHttpHover } from './features/httpHover/registerHttpHover';
import { registerWorkspaceTrust } from './platform/workspaceTrust';
import { registerHttpQuickFixes } from './features/httpQuickFixes/registerHttpQuickFixes';
import { registerShowLogCommand } from './features/log/registerShowLogCommand';
import { registerTokensView } from './features/tokensView/registerTokensView';
import { registerAuthProvider } from './features/authProvider/registerAuthProvider';
import { registerAutoRefresh } from './features/autoRefresh/registerAutoRefresh';
import { registerCheckConsentCommand } from './features/consent/checkConsentCommand';
import { registerAnswerDiagnostics } from './features/explain/registerAnswerDiagnostics';
import { registerExplainError } from './features/explain/registerExplainError';
import { registerProfiles } from './features/profiles/registerProfiles';
import { registerSignIn } from './features/signIn/registerSignIn';
import { registerStatusBar } from './features/statusBar/registerStatusBar';
import { registerTokenCommands } from './features/tokens/registerTokenCommands';
import { registerWalkthrough } from './features/walkthrough/registerWalkthrough';
import { PracticeProfiles } from './wiring/practiceProfiles';
import { PracticeServerController } from './wiring/practiceServerController';
import { registerPractice } from './features/practice/registerPractice';
import { registerSend } from './features/send/registerSend';
import { EngineLoader } from './wiring/engineLoader';
import { readEditorConnection } from './platform/editorConnection';
import { ProfileStatusStore } from './platform/profileStatusStore';
import { SecretStorageSecretStore } from './platform/secretStorageSecretStore';
import { SecretStorageTokenVault } from './platform/secretStorageTokenVault';
import { createTestApi, WorkbenchTestApi } from './wiring/workbenchTestApi';
import { WorkbenchLintContext } from './platform/workbenchLintContext';
import { WorkbenchServices } from './wiring/workbenchServices';
import { WalkthroughProgress } from './wiring/walkthroughProgress';
import { WorkspaceProfileRepository } from './platform/workspaceProfileRepository';

/** Composition root: builds the services and registers each feature; no logic of its own. */
export function activate(context: vscode.ExtensionContext): WorkbenchTestApi | undefined {
  const started = performance.now();
  // The catalog's words in the user's language, wherever a feature reads the shipped catalog.
  KnowledgeBase.useTranslation(vscodeTranslate);
  const log = vscode.window.createOutputChannel(EXTENSION_NAME, { log: true });
  const secretStore = new SecretStorageSecretStore(context.secrets);
  const vault = new SecretStorageTokenVault(context.secrets);
  const practice = new PracticeServerController(context.extensionUri.fsPath);
  const engine = new EngineLoader({
    secretStore,
    vault,
    log,
    extensionPath: context.extensionUri.fsPath,
    editorConnection: readEditorConnection,
  });
  const services: WorkbenchServices = {
    log,
    secretStore,
    vault,
    profiles: new WorkspaceProfileRepository(log, new PracticeProfiles(practice)),
    status: new ProfileStatusStore(context.globalState),
    engine,
    extensionKind: context.extension.extensionKind,
  };
  void services.profiles
    .migrateTlsFiles()
    .catch((err: unknown) =>
      log.warn(`Could not move certificate paths to oauthWorkbench.tlsFiles: ${String(err)}`),
    );
  const tokensView = registerTokensView(services);
  const statusBar = registerStatusBar(services);
  const authProvider = registerAuthProvider(services);
  const walkthroughProgress = new WalkthroughProgress({ ...services, practice });
  context.subscriptions.push(
    log,
    engine,
    services.profiles,
    services.status,
    secretStore,
    vault,
    registerShowLogCommand(services),
    registerWorkspaceTrust(log),
    registerProfiles(services),
    registerSignIn(services),
    registerTokenCommands(services),
    registerCheckConsentCommand(services),
    tokensView,
    statusBar,
    registerAutoRefresh(services),
    authProvider,
    registerWalkthrough(services, context.extension),
    walkthroughProgress,
    practice,
    registerPractice(services, practice),
  );
  const lintContext = new WorkbenchLintContext(services.profiles, vault, secretStore);
  const httpLint = new HttpLintService(() => lintContext.current());
  context.subscriptions.push(
    lintContext,
    registerHttpDiagnostics({ service: httpLint, log, onDidChangeLintContext: lintContext.onDidChange }),
    registerHttpHover({ service: httpLint }),
    registerHttpQuickFixes({ service: httpLint }),
    registerSend({
      log,
      status: services.status,
      profiles: services.profiles,
      clientSecret: (id) => secretStore.getClientSecret(id),
      tokenManager: () => services.engine.tokenManager(),
      lints: httpLint,
      sendRequest: async (request, options) => {
        const [{ sendConcreteRequest }, { loadSystemStore }] = await Promise.all([
          import('./node/send/requestSender.js'),
          import('./node/http/systemCertificates.js'),
        ]);
        return sendConcreteRequest(request, {
          ...options,
          systemStore: () => loadSystemStore((line) => log.info(line)),
        });
      },
    }),
    registerExplainError({ log, status: services.status, profiles: services.profiles }),
    registerAnswerDiagnostics({ log }),
  );
  log.debug(`activate() took ${(performance.now() - started).toFixed(2)} ms`);
  return createTestApi(context, {
    logName: EXTENSION_NAME,
    tokensTree: tokensView.provider,
    statusBar: statusBar.controller,
    authProvider: authProvider.provider,
    walkthroughProgress,
  });
}

export function deactivate(): void {}
