import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { registerCommand } from '../../platform/runCommand';
import type { SignInDeps } from './signInDeps';
import { resolveProfile } from '../../platform/resolveProfile';
import { OperationFailedError } from '../../platform/operationFailedError';
import type { OperationResult } from '../../platform/operationResult';

/** `oauthWorkbench.refreshToken`: uses the (single-use) refresh token now; a failure is decoded with cause and fix. */
export function registerRefreshTokenCommand(services: SignInDeps): vscode.Disposable {
  return registerCommand(
    CommandIds.refreshToken,
    services,
    async (arg?: unknown): Promise<OperationResult> => {
      const profile = await resolveProfile(services, arg, vscode.l10n.t('Profile whose tokens to refresh'));
      const tokens = await services.engine.tokenManager();
      try {
        // Not cancellable: the server may already have used up the single-use refresh token.
        const tokenSet = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Window,
            title: vscode.l10n.t('Refreshing the tokens of "{0}"…', profile.label),
          },
          () => tokens.refresh(profile),
        );
        services.status.clearFailure(profile.id);
        vscode.window.setStatusBarMessage(
          vscode.l10n.t('Refreshed the tokens of "{0}"', profile.label),
          5000,
        );
        return { ok: true, profileId: profile.id, expiresAt: tokenSet.expires_at };
      } catch (err) {
        // A refused refresh usually means the grant is gone: signing in again or checking the consent helps.
        throw new OperationFailedError('refresh', profile, err, { actions: ['signIn', 'checkConsent'] });
      }
    },
  );
}
