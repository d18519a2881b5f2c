import * as vscode from 'vscode';
import { HTTP_LANGUAGE_ID, HttpLintService } from '../../platform/httpLintService';
import { HttpHoverProvider } from './httpHoverProvider';

/** Hovers on diagnosed ranges of `http` documents. */
export function registerHttpHover(deps: { readonly service: HttpLintService }): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(
      { language: HTTP_LANGUAGE_ID },
      new HttpHoverProvider(deps.service),
    ),
  );
}
