import * as vscode from 'vscode';
import { KnowledgeActionKind } from '../../core/knowledge/knowledgeEntry';
import { toVscodeRange } from '../../platform/httpLintService';
import { KNOWLEDGE_ACTION_COMMANDS } from '../../platform/knowledgeActions';
import { SendDeps } from './sendDeps';

/** The titles the Ctrl+. menu shows for each action; the commands come from the one table in platform. */
const TITLES: Record<KnowledgeActionKind, string> = {
  refreshToken: 'Refresh Token',
  signIn: 'Sign In Again',
  checkConsent: 'Check Consent',
  editProfile: 'Edit Profile',
  setClientSecret: 'Set Client Secret',
};

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
        title: TITLES[a],
      }));
      for (const { command, title } of commands) {
        const key = `${command} ${d.data.profileId ?? ''}`;
        if (offered.has(key)) {
          continue;
        }
        offered.add(key);
        const action = new vscode.CodeAction(vscode.l10n.t(title), vscode.CodeActionKind.QuickFix);
        action.command = { command, title, arguments: [{ profileId: d.data.profileId }] };
        action.isPreferred = false;
        actions.push(action);
      }
    }
    return actions;
  }
}
