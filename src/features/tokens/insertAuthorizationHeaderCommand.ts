import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { authVariableText } from '../../core/send/sendVariables';
import { registerCommand } from '../../platform/runCommand';
import type { TokenCommandsDeps } from './tokenCommandsDeps';
import { resolveProfile } from '../../platform/resolveProfile';

/**
 * `oauthWorkbench.insertAuthorizationHeader`: writes `Authorization: Bearer {{$auth.token("<profile id>")}}` at the
 * cursor of a `.http` document (replacing an Authorization header on that line). The token itself never goes into
 * the document: Send Request fills the variable in, refreshed, when the request is sent.
 */
export function registerInsertAuthorizationHeaderCommand(services: TokenCommandsDeps): vscode.Disposable {
  return registerCommand(CommandIds.insertAuthorizationHeader, services, async (arg?: unknown) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isHttpDocument(editor.document)) {
      throw new Error(
        vscode.l10n.t('Open a .http or .rest file and place the cursor where the header goes.'),
      );
    }
    const profile = await resolveProfile(
      services,
      arg,
      vscode.l10n.t('Profile whose access token to insert'),
    );
    const header = `Authorization: Bearer ${authVariableText({ kind: 'token', profileId: profile.id })}`;
    const done = await editor.edit((edit) => {
      for (const selection of editor.selections) {
        const line = editor.document.lineAt(selection.active.line);
        if (/^\s*authorization\s*:/i.test(line.text)) {
          edit.replace(line.range, header);
        } else {
          edit.replace(selection, header);
        }
      }
    });
    if (!done) {
      throw new Error(
        vscode.l10n.t(
          'The document changed while the header was being inserted. Run Insert Authorization Header again.',
        ),
      );
    }
    services.log.info(
      `Inserted the Authorization header of "${profile.label}" into ${editor.document.uri.path}.`,
    );
  });
}

function isHttpDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'http' || /\.(http|rest)$/i.test(document.uri.path);
}
