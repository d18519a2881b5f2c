import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { isCancellation } from '../../core/oauth/oauthErrors';
import type { ClientProfile } from '../../core/profiles/clientProfile';
import type { TokenSet } from '../../core/tokens/tokenSet';
import { OperationFailedError } from '../../platform/operationFailedError';
import type { OperationResult } from '../../platform/operationResult';
import type { SignInDeps } from './signInDeps';

/**
 * Asks for a confidential client's missing secret before any round trip to the server: failing after the user
 * approved in the browser (or entered a device code) would waste their time. Cancelling the prompt cancels the
 * sign-in.
 */
export async function ensureClientSecret(
  services: Pick<SignInDeps, 'secretStore'>,
  profile: ClientProfile,
): Promise<void> {
  if (
    profile.token_endpoint_auth_method === 'none' ||
    (await services.secretStore.getClientSecret(profile.id)) !== undefined
  ) {
    return;
  }
  const stored = await vscode.commands.executeCommand<string | undefined>(CommandIds.setClientSecret, {
    profileId: profile.id,
  });
  if (stored === undefined) {
    throw new vscode.CancellationError();
  }
}

/** How one way of signing in shows itself in the progress notification and the log. */
export interface SignInProgressText {
  /** The notification's title. */
  readonly title: string;
  /** What the log says when the user cancels, e.g. `Device sign-in`. */
  readonly kind: string;
}

/**
 * Runs a sign-in inside a cancellable progress notification: Cancel aborts the flow's signal; a new token set clears
 * the profile's last failure and makes it the active one; a cancelled flow stays silent; any other failure is thrown
 * as a failed sign-in for the error boundary to explain and record.
 */
export function withSignInProgress(
  services: Pick<SignInDeps, 'status' | 'log'>,
  profile: ClientProfile,
  text: SignInProgressText,
  flow: (progress: vscode.Progress<{ message?: string }>, signal: AbortSignal) => Promise<TokenSet>,
): Thenable<OperationResult> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: text.title, cancellable: true },
    async (progress, cancellation) => {
      const abort = new AbortController();
      const onCancel = cancellation.onCancellationRequested(() => abort.abort());
      try {
        const tokenSet = await flow(progress, abort.signal);
        services.status.clearFailure(profile.id);
        await services.status.setActiveProfile(profile.id);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Signed in to "{0}"', profile.label), 5000);
        return { ok: true, profileId: profile.id, expiresAt: tokenSet.expires_at };
      } catch (err) {
        if (isCancellation(err) || cancellation.isCancellationRequested) {
          services.log.info(`${text.kind} for "${profile.label}" was cancelled.`);
          throw new vscode.CancellationError();
        }
        throw new OperationFailedError('signIn', profile, err);
      } finally {
        onCancel.dispose();
      }
    },
  );
}
