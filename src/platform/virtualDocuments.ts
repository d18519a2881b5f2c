import * as vscode from 'vscode';

/**
 * Makes an already open read-only document show `text` before it is shown again. VS Code re-reads a content
 * provider's document asynchronously after `onDidChange`, so without waiting a command could reveal stale content.
 */
export async function refreshOpenDocument(
  uri: vscode.Uri,
  text: string,
  fireChange: () => void,
): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!open || open.getText() === text) {
    return;
  }
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    };
    const subscription = vscode.workspace.onDidChangeTextDocument((e) =>
      e.document === open && open.getText() === text ? done() : undefined,
    );
    const timer = setTimeout(done, 2000);
    fireChange();
  });
}
