import * as vscode from 'vscode';
import { CommandIds, WEB_WORKER_CONTEXT_KEY } from '../../constants';

/**
 * In the web worker extension host (vscode.dev, github.dev) nothing can listen on a loopback port or make requests
 * the browser's CORS rules would refuse, so sign-in, send, the practice server and the token commands cannot run.
 * Their contributed commands stay visible; this registers each of them to say so instead of failing with "command not
 * found". It also sets the context key under which the Tokens view, which has no tree in the browser, says so
 * instead of offering to add a profile.
 */
export function registerDesktopOnlyCommands(available: ReadonlySet<string>): vscode.Disposable {
  void vscode.commands.executeCommand('setContext', WEB_WORKER_CONTEXT_KEY, true);
  const desktopOnly = Object.values(CommandIds).filter((id) => !available.has(id));
  return vscode.Disposable.from(
    ...desktopOnly.map((id) =>
      vscode.commands.registerCommand(id, () => {
        void vscode.window.showWarningMessage(desktopOnlyMessage());
        return undefined;
      }),
    ),
  );
}

/** What a desktop-only command says in the browser. */
export function desktopOnlyMessage(): string {
  return vscode.l10n.t(
    'This command needs VS Code on the desktop, or a remote window with a browser on the same machine: in VS Code for the Web, OAuth Workbench checks, explains and fixes .http files only.',
  );
}
