import * as vscode from 'vscode';
import { CommandIds } from '../../constants';

/**
 * In the web worker extension host (vscode.dev, github.dev) nothing can listen on a loopback port or make requests
 * the browser's CORS rules would refuse, so sign-in, send, the practice server and the token commands cannot run.
 * Their contributed commands stay visible; this registers each of them to say so instead of failing with "command not
 * found".
 */
export function registerDesktopOnlyCommands(available: ReadonlySet<string>): vscode.Disposable {
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
