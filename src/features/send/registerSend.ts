import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { curlCommand } from '../../core/send/curlCommand';
import { registerCommand } from '../../platform/runCommand';
import { AuthVariableProviders } from './authVariableProviders';
import { ExplanationActionProvider } from './explanationActionProvider';
import { keepAnswer } from './keepAnswerCommand';
import { ResponseDocuments } from './responseDocuments';
import { SendCodeLensProvider } from './sendCodeLensProvider';
import { SendDeps } from './sendDeps';
import { preparedAt, sendRequest } from './sendRequestCommand';

const HTTP = { language: 'http' };

/**
 * Send Request (command, key, CodeLens), response documents with their history, Copy as curl and Keep Answer,
 * completion and hover for the `$auth` variables, and the explanation actions as code actions.
 */
export function registerSend(deps: SendDeps): vscode.Disposable {
  const responses = new ResponseDocuments();
  const authVariables = new AuthVariableProviders(deps);
  return vscode.Disposable.from(
    responses,
    registerCommand(CommandIds.sendRequest, deps, (arg?: unknown) => sendRequest(deps, responses, arg)),
    registerCommand(CommandIds.showResponseHistory, deps, async () => {
      const editor = vscode.window.activeTextEditor;
      const answers = editor ? responses.answersOf(editor.document.uri) : [];
      if (answers.length === 0) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('No answers yet for this file: send a request first.'),
        );
        return;
      }
      const pick = await vscode.window.showQuickPick(
        answers.map((answer) => ({
          label: answer.title,
          description: new Date(answer.at).toLocaleTimeString(),
          answer,
        })),
        { placeHolder: vscode.l10n.t('Answer to open again') },
      );
      if (pick) {
        await responses.reopen(pick.answer);
      }
    }),
    registerCommand(CommandIds.copyAsCurl, deps, async (arg?: unknown) => {
      const editor = vscode.window.activeTextEditor;
      const kept = editor && !arg ? responses.curlOf(editor.document.uri) : undefined;
      const curl = kept ?? curlCommand(await preparedAt(arg));
      await vscode.env.clipboard.writeText(curl);
      vscode.window.setStatusBarMessage(
        vscode.l10n.t('Copied as curl; secrets are $OAUTH_… variables.'),
        5000,
      );
    }),
    registerCommand(CommandIds.keepAnswer, deps, (arg?: unknown) => keepAnswer(responses, arg)),
    vscode.languages.registerCodeLensProvider(HTTP, new SendCodeLensProvider()),
    vscode.languages.registerCompletionItemProvider(HTTP, authVariables, '$', '.', '(', '"'),
    vscode.languages.registerHoverProvider(HTTP, authVariables),
    vscode.languages.registerCodeActionsProvider(
      HTTP,
      new ExplanationActionProvider(deps),
      ExplanationActionProvider.metadata,
    ),
  );
}
