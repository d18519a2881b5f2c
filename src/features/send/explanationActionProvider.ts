import * as vscode from 'vscode';
import { KnowledgeActionKind } from '../../core/knowledge/knowledgeEntry';
import { toVscodeRange } from '../../platform/httpLintService';
import { KNOWLEDGE_ACTION_COMMANDS } from '../../platform/knowledgeActions';
import { SendDeps } from './sendDeps';

/** The title the Ctrl+. menu shows for an action; the commands come from the one table in platform. */
function actionTitle(action: KnowledgeActionKind): string {
  switch (action) {
    case 'refreshToken':
      return vscode.l10n.t('Refresh Token');
    case 'signIn':
      return vscode.l10n.t('Sign In Again');
    case 'checkConsent':
      return vscode.l10n.t('Check Consent');
    case 'editProfile':
      return vscode.l10n.t('Edit Profile');
    case 'setClientSecret':
      return vscode.l10n.t('Set Client Secret');
  }
}

/**
 * The actions an explained error offers in its hover (Refresh Token, Sign In Again, Check Consent, Edit Profile, and
 * Set Client Secret for a refused client) as code actions, so Ctrl+. on an answer offers them too, in `.http` files and
 * response documents alike. They run commands with the profile id only: none edits the document.
 */
export class ExplanationActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly deps: SendDeps) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
  ): vscode.CodeAction[] {
    const kb = this.deps.lints.knowledgeBase;
    const actions: vscode.CodeAction[] = [];
    const offered = new Set<string>();
    for (const d of this.deps.lints.diagnostics(document)) {
      if (!toVscodeRange(d.range).intersection(range)) {
        continue;
      }
      const entry = kb.get(d.code);
      if (!entry) {
        continue;
      }
      const commands = entry.actions.map((a) => ({
        command: KNOWLEDGE_ACTION_COMMANDS[a],
        title: actionTitle(a),
      }));
      for (const { command, title } of commands) {
        const key = `${command} ${d.data.profileId ?? ''}`;
        if (offered.has(key)) {
          continue;
        }
        offered.add(key);
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = { command, title, arguments: [{ profileId: d.data.profileId }] };
        action.isPreferred = false;
        actions.push(action);
      }
    }
    return actions;
  }
}
