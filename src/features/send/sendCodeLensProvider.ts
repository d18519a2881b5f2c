import * as vscode from 'vscode';
import { CommandIds, RESPONSE_SCHEME } from '../../constants';
import { parseHttpFile } from '../../core/httpFile/parseHttpFile';

/** "Send Request" above each request line of an `http` document (not in response documents). */
export class SendCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme === RESPONSE_SCHEME) {
      return [];
    }
    const lenses: vscode.CodeLens[] = [];
    for (const block of parseHttpFile(document.getText()).blocks) {
      const request = block.request;
      if (request) {
        lenses.push(
          new vscode.CodeLens(new vscode.Range(request.line, 0, request.line, 0), {
            title: vscode.l10n.t('Send Request'),
            command: CommandIds.sendRequest,
            arguments: [{ uri: document.uri.toString(), line: request.line }],
          }),
        );
      }
    }
    return lenses;
  }
}
