import * as vscode from 'vscode';
import { isCredentialFix } from '../../core/httpFile/credentialFix';
import { HttpLintService, toVscodeRange } from '../../platform/httpLintService';

/** Applies the quick fixes core computed with each diagnostic (grant type, Basic header, fresh token, state). */
export class HttpCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly service: HttpLintService) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of this.service.diagnostics(document)) {
      const diagnosticRange = toVscodeRange(d.range);
      if (d.data.fixes.length === 0 || !diagnosticRange.intersection(range)) {
        continue;
      }
      const shown = context.diagnostics.filter(
        (v) => codeOf(v) === d.code && v.range.isEqual(diagnosticRange),
      );
      for (const fix of d.data.fixes) {
        if (!vscode.workspace.isTrusted && isCredentialFix(fix)) {
          // Restricted Mode: a file from an untrusted workspace gets no fix that carries credentials.
          continue;
        }
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) {
          action.edit.replace(document.uri, toVscodeRange(edit.range), edit.newText);
        }
        action.diagnostics = shown;
        action.isPreferred = fix.isPreferred;
        actions.push(action);
      }
    }
    return actions;
  }
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}
