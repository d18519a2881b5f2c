import * as vscode from 'vscode';
import { CommandIds } from '../constants';
import type { KnowledgeActionKind } from '../core/knowledge/knowledgeEntry';

/**
 * The one table from a knowledge entry's actions to commands: the error boundary's buttons and the hovers' links both
 * run these, with `{ profileId }` when the profile is known.
 */
export const KNOWLEDGE_ACTION_COMMANDS: Readonly<Record<KnowledgeActionKind, string>> = {
  setClientSecret: CommandIds.setClientSecret,
  signIn: CommandIds.signIn,
  refreshToken: CommandIds.refreshToken,
  checkConsent: CommandIds.checkConsent,
  editProfile: CommandIds.editProfile,
};

/** The notification button for an action (hovers word their links themselves). */
export function actionButton(kind: KnowledgeActionKind): string {
  switch (kind) {
    case 'setClientSecret':
      return vscode.l10n.t('Set Client Secret');
    case 'signIn':
      return vscode.l10n.t('Sign In Again');
    case 'refreshToken':
      return vscode.l10n.t('Refresh Now');
    case 'checkConsent':
      return vscode.l10n.t('Check Consent');
    case 'editProfile':
      return vscode.l10n.t('Edit Profile');
  }
}
