import * as vscode from 'vscode';

/** Closes every editor, reverting untitled documents first so no "Save changes?" dialog holds the host up. */
export async function closeScratchEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isUntitled && doc.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
