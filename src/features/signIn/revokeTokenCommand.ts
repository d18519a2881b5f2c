import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import type { TokenKind } from '../../core/oauth/tokenManager';
import { registerCommand } from '../../platform/runCommand';
import type { SignInDeps } from './signInDeps';
import { resolveProfile } from '../../platform/resolveProfile';
import { OperationFailedError } from '../../platform/operationFailedError';
import type { OperationResult } from '../../platform/operationResult';

/**
 * `oauthWorkbench.revokeToken` (RFC 7009): revokes the refresh token and the access token, or only the one named by
 * the argument's `tokenKind` (the tree's token nodes pass it), then forgets what was revoked.
 */
export function registerRevokeTokenCommand(services: SignInDeps): vscode.Disposable {
  return registerCommand(
    CommandIds.revokeToken,
    services,
    async (arg?: unknown): Promise<OperationResult> => {
      const profile = await resolveProfile(services, arg, vscode.l10n.t('Profile whose tokens to revoke'));
      const kind = tokenKindOf(arg);
      const tokens = await services.engine.tokenManager();
      try {
        await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Window,
            title: vscode.l10n.t('Revoking the tokens of "{0}"…', profile.label),
          },
          () => tokens.revoke(profile, kind ?? 'all'),
        );
        services.log.info(`Revoked ${kind ?? 'the tokens'} of "${profile.label}".`);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Revoked the tokens of "{0}"', profile.label), 5000);
        return { ok: true, profileId: profile.id };
      } catch (err) {
        throw new OperationFailedError('revoke', profile, err, {
          retryArgs: { profileId: profile.id, tokenKind: kind },
        });
      }
    },
  );
}

/** `{ tokenKind }` from a programmatic call, or the kind of the token node the command was run on. */
function tokenKindOf(arg: unknown): TokenKind | undefined {
  const given = arg as { tokenKind?: TokenKind; kind?: string } | undefined;
  if (given?.tokenKind) {
    return given.tokenKind;
  }
  return given?.kind === 'accessToken'
    ? 'access_token'
    : given?.kind === 'refreshToken'
      ? 'refresh_token'
      : undefined;
}
