import * as vscode from 'vscode';
import { EXTENSION_NAME } from '../../../src/constants';
import { waitFor } from '../support/waitFor';

/** Our diagnostics for a document, once there are some (or `count` of them). */
export async function ourDiagnostics(uri: vscode.Uri, count?: number): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === EXTENSION_NAME);
      return (count === undefined ? found.length > 0 : found.length === count) ? found : undefined;
    },
    { what: `${count ?? 'some'} OAuth Workbench diagnostics on ${uri.toString(true)}`, timeoutMs: 10_000 },
  );
}

export function codeValue(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** The quick fixes with an edit that VS Code offers for a range, as the lightbulb would list them. */
export async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions.filter((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined);
}
