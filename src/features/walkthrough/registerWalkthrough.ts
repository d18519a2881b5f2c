import * as vscode from 'vscode';
import { CommandIds, WALKTHROUGH_ID } from '../../constants';
import { CommandContext, registerCommand } from '../../platform/runCommand';

/**
 * The walkthrough's commands: `oauthWorkbench.openWalkthrough` opens it (contributed in package.json), and
 * `oauthWorkbench.openErrorExample` opens an untitled copy of the recorded error response its last step asks the user to hover.
 */
export function registerWalkthrough(
  deps: CommandContext,
  extension: vscode.Extension<unknown>,
): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand(CommandIds.openWalkthrough, deps, () =>
      vscode.commands.executeCommand(
        'workbench.action.openWalkthrough',
        `${extension.id}#${WALKTHROUGH_ID}`,
        false,
      ),
    ),
    registerCommand(CommandIds.openErrorExample, deps, async () => {
      // An untitled copy: the user may edit it freely without touching (or autosaving over) the extension's file.
      const uri = vscode.Uri.joinPath(extension.extensionUri, 'media', 'walkthrough', 'token-error.http');
      const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const document = await vscode.workspace.openTextDocument({ language: 'http', content });
      await vscode.window.showTextDocument(document, { preview: true });
    }),
  );
}
