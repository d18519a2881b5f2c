import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { describeExpiry } from '../../core/tokens/expiryLabels';
import { msUntilExpiry } from '../../core/tokens/tokenSet';
import { registerCommand } from '../../platform/runCommand';
import { validAccessToken } from '../../platform/validAccessToken';
import { vscodeTranslate } from '../../platform/vscodeTranslate';
import type { TokenCommandsDeps } from './tokenCommandsDeps';
import { resolveProfile } from '../../platform/resolveProfile';

/** `oauthWorkbench.copyAccessToken`: copies a valid access token (refreshed first when it expired) to the clipboard. */
export function registerCopyAccessTokenCommand(services: TokenCommandsDeps): vscode.Disposable {
  return registerCommand(CommandIds.copyAccessToken, services, async (arg?: unknown) => {
    const profile = await resolveProfile(services, arg, vscode.l10n.t('Profile whose access token to copy'));
    const tokens = await services.engine.tokenManager();
    await vscode.env.clipboard.writeText(await validAccessToken(tokens, profile));
    const tokenSet = await tokens.getTokenSet(profile);
    const expiry = tokenSet ? describeExpiry(msUntilExpiry(tokenSet, Date.now()), vscodeTranslate) : '';
    vscode.window.setStatusBarMessage(
      vscode.l10n.t('Copied the access token of "{0}" ({1})', profile.label, expiry),
      5000,
    );
  });
}
