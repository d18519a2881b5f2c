import * as vscode from 'vscode';
import { CommandIds } from '../constants';
import { isOAuthWorkbenchError } from '../core/oauth/oauthErrors';
import { ClientProfile } from '../core/profiles/clientProfile';
import { withoutLinks } from './notificationText';
import type { OAuthEngine } from './oauthEngine';
import type { ProfileStatusStore } from './profileStatusStore';

/** What decoding a failure needs: the log, the knowledge base, and where the profile's last failure is kept. */
export interface FailureDeps {
  readonly log: vscode.LogOutputChannel;
  readonly engine: Pick<OAuthEngine, 'knowledgeBase'>;
  readonly status: Pick<ProfileStatusStore, 'recordFailure'>;
}

/** A failure decoded with the error knowledge base: what the notification said, and the entry it came from. */
export interface FailureReport {
  /** The engine's stable error code, e.g. `OAUTH_RESPONSE`. */
  readonly code?: string;
  /** The knowledge-base id, e.g. `oauth.token.invalid_client`. */
  readonly catalogId?: string;
  readonly title?: string;
  readonly cause?: string;
  readonly fix?: string;
  /** The whole notification text (never a secret: built from engine messages and the knowledge base). */
  readonly message: string;
}

/** What the user was doing, for the message and the actions offered. */
export type FailedOperation = 'signIn' | 'refresh' | 'revoke' | 'checkConsent';

const OPERATION_NAMES: Record<FailedOperation, string> = {
  signIn: 'Sign-in',
  refresh: 'Token refresh',
  revoke: 'Revocation',
  checkConsent: 'Consent check',
};

/** Decodes an engine error with the knowledge base (loaded now, on first failure) into a {@link FailureReport}. */
export async function decodeFailure(
  services: FailureDeps,
  err: unknown,
  profile: ClientProfile,
  operation: FailedOperation,
): Promise<FailureReport> {
  const engineError = isOAuthWorkbenchError(err) ? err : undefined;
  const base = err instanceof Error ? err.message : String(err);
  const entry = engineError?.catalogId
    ? (await services.engine.knowledgeBase()).get(engineError.catalogId)
    : undefined;
  const title = entry?.title;
  const cause = entry?.causes[0]?.text;
  const fix = engineError?.fix ?? entry?.fixes[0];
  const parts = [`${OPERATION_NAMES[operation]} of "${profile.label}" failed: ${base}`];
  if (title) {
    parts.push(`[${title}]`);
  }
  if (cause) {
    parts.push(`Likely cause: ${stripMarkdown(cause)}`);
  }
  if (fix) {
    parts.push(`Fix: ${stripMarkdown(fix)}`);
  }
  // Quotes the server (error_description): no link it planted may become clickable in a notification or tooltip.
  const message = withoutLinks(parts.join(' '));
  services.log.error(message);
  if (entry) {
    services.log.info(
      `${entry.id}: ${entry.title}. Causes: ${entry.causes.map((c) => c.text).join(' | ')}. Fixes: ${entry.fixes.join(' | ')}. See ${entry.link.url}`,
    );
  }
  services.status.recordFailure(profile.id, { message, catalogId: engineError?.catalogId });
  return { code: engineError?.code, catalogId: engineError?.catalogId, title, cause, fix, message };
}

/**
 * Shows a decoded failure with the actions that can help: Retry, Show Log, Edit Profile, plus Set Client Secret or
 * Check Consent when the error points there. Does not wait for the user.
 */
export function showFailure(
  report: FailureReport,
  profile: ClientProfile,
  operation: FailedOperation,
  retry: () => unknown,
): void {
  const actions = new Map<string, () => unknown>();
  actions.set(vscode.l10n.t('Retry'), retry);
  if (
    report.code === 'CLIENT_SECRET_MISSING' ||
    report.catalogId?.endsWith('invalid-client') ||
    report.catalogId?.endsWith('invalid_client')
  ) {
    actions.set(vscode.l10n.t('Set Client Secret'), () =>
      vscode.commands.executeCommand(CommandIds.setClientSecret, { profileId: profile.id }),
    );
  }
  if (operation === 'refresh') {
    actions.set(vscode.l10n.t('Sign In Again'), () =>
      vscode.commands.executeCommand(CommandIds.signIn, { profileId: profile.id }),
    );
    if (profile.consentDetailsEndpoint) {
      actions.set(vscode.l10n.t('Check Consent'), () =>
        vscode.commands.executeCommand(CommandIds.checkConsent, { profileId: profile.id }),
      );
    }
  }
  actions.set(vscode.l10n.t('Show Log'), () => vscode.commands.executeCommand(CommandIds.showLog));
  actions.set(vscode.l10n.t('Edit Profile'), () =>
    vscode.commands.executeCommand(CommandIds.editProfile, { profileId: profile.id }),
  );
  void vscode.window.showErrorMessage(report.message, ...actions.keys()).then((choice) => {
    if (choice) {
      void actions.get(choice)?.();
    }
  });
}

function stripMarkdown(text: string): string {
  return text.replace(/`/g, '').replace(/\*\*/g, '');
}
