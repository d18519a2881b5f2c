import * as vscode from 'vscode';
import { HTTP_LANGUAGE_ID, HttpLintService } from '../../platform/httpLintService';
import { HttpCodeActionProvider } from './httpCodeActionProvider';

/** Quick fixes for the pre-flight lints of `http` documents. */
export function registerHttpQuickFixes(deps: { readonly service: HttpLintService }): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(
      { language: HTTP_LANGUAGE_ID },
      new HttpCodeActionProvider(deps.service),
      HttpCodeActionProvider.metadata,
    ),
  );
}
