import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { HoverActionKind } from '../../core/knowledge/knowledgeEntry';
import { toVscodeRange } from '../httpDiagnostics/httpLintService';
import { SendDeps } from './sendDeps';

/** The command each explanation action runs, with the titles the Ctrl+. menu shows. */
const ACTIONS: Record<HoverActionKind, { readonly command: string; readonly title: string }> = {
  refreshToken: { command: CommandIds.refreshToken, title: 'Refresh Token' },
  signIn: { command: CommandIds.signIn, title: 'Sign In Again' },
  checkConsent: { command: CommandIds.checkConsent, title: 'Check Consent' },
  editProfile: { command: CommandIds.editProfile, title: 'Edit Profile' },
};

/** Explained errors whose usual cause is a wrong or reset client secret. */
const SECRET_ERRORS = /invalid[-_]client/;

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
      const commands = entry.actions.map((a) => ACTIONS[a]);
      if (SECRET_ERRORS.test(entry.id)) {
        commands.push({ command: CommandIds.setClientSecret, title: 'Set Client Secret' });
      }
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
