import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { isCancellation } from '../../core/oauth/oauthErrors';
import { ClientProfile } from '../../core/profiles/clientProfile';
import { registerCommand } from '../../platform/runCommand';
import type { SignInDeps } from './signInDeps';
import type { QuickInputFactory } from '../../platform/quickInputSteps';
import { resolveProfile } from '../../platform/resolveProfile';
import {
  loopbackOrPasteBack,
  openInBrowser,
  pastedRedirectPrompt,
  redirectMayMissLoopback,
} from './browserRedirect';
import { OperationFailedError } from '../../platform/operationFailedError';
import type { OperationResult } from '../../platform/operationResult';

/**
 * Programmatic arguments of `oauthWorkbench.signIn`. `openUrl` replaces the browser: a test follows the authorization
 * URL over HTTP instead.
 */
export interface SignInArgs {
  readonly profileId?: string;
  readonly openUrl?: (authorizationUrl: string) => unknown;
  /** Scopes the sign-in must ask for (a hover's "Sign in again with scope …"); added to the profile first. */
  readonly scope?: string;
  /** Where the paste-back input box comes from (a test fills it in like a user). */
  readonly quickInputs?: Pick<QuickInputFactory, 'createInputBox'>;
}

/** `oauthWorkbench.signIn`: the authorization-code flow with a cancellable progress notification. */
export function registerSignInCommand(services: SignInDeps): vscode.Disposable {
  return registerCommand(CommandIds.signIn, services, async (arg?: unknown) => {
    const { openUrl, quickInputs, scope } = (arg ?? {}) as SignInArgs;
    const profile = await withScopes(
      services,
      await resolveProfile(services, arg, vscode.l10n.t('Profile to sign in with')),
      scope,
    );
    return signInWithProfile(
      services,
      profile,
      openUrl ? async (url) => void (await openUrl(url)) : openInBrowser,
      quickInputs,
    );
  });
}

async function signInWithProfile(
  services: SignInDeps,
  profile: ClientProfile,
  openUrl: (url: string) => Promise<void>,
  quickInputs?: Pick<QuickInputFactory, 'createInputBox'>,
): Promise<OperationResult> {
  if (
    profile.token_endpoint_auth_method !== 'none' &&
    (await services.secretStore.getClientSecret(profile.id)) === undefined
  ) {
    // Ask for the missing secret now rather than failing after the browser round trip.
    const stored = await vscode.commands.executeCommand<string | undefined>(CommandIds.setClientSecret, {
      profileId: profile.id,
    });
    if (stored === undefined) {
      throw new vscode.CancellationError();
    }
  }
  const [{ signIn, canServeRedirectLocally }, http] = await Promise.all([
    import('../../core/oauth/signIn.js'),
    services.engine.httpClientFor(profile),
  ]);
  const prompt = pastedRedirectPrompt(profile, quickInputs);
  const loopback = canServeRedirectLocally(profile) ? await services.engine.loopbackReceiver() : undefined;
  const receiveCallback =
    loopback && (await redirectMayMissLoopback(profile, services.log))
      ? loopbackOrPasteBack(loopback, prompt)
      : loopback;

  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Signing in to "{0}"', profile.label),
      cancellable: true,
    },
    async (progress, cancellation) => {
      const abort = new AbortController();
      const onCancel = cancellation.onCancellationRequested(() => abort.abort());
      try {
        progress.report({ message: vscode.l10n.t('finish the login in your browser…') });
        const tokenSet = await signIn({
          profile,
          secretStore: services.secretStore,
          http,
          openUrl,
          receiveCallback,
          promptForRedirectUrl: prompt,
          tokenVault: services.vault,
          signal: abort.signal,
          logger: services.log,
          onWarning: (message) => void vscode.window.showWarningMessage(message),
        });
        services.status.clearFailure(profile.id);
        await services.status.setActiveProfile(profile.id);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Signed in to "{0}"', profile.label), 5000);
        return { ok: true, profileId: profile.id, expiresAt: tokenSet.expires_at };
      } catch (err) {
        if (isCancellation(err) || cancellation.isCancellationRequested) {
          services.log.info(`Sign-in for "${profile.label}" was cancelled.`);
          throw new vscode.CancellationError();
        }
        throw new OperationFailedError('signIn', profile, err);
      } finally {
        onCancel.dispose();
      }
    },
  );
}

/** The profile with the requested scopes added and saved (the user asked to sign in again with them). */
async function withScopes(
  services: SignInDeps,
  profile: ClientProfile,
  scope: string | undefined,
): Promise<ClientProfile> {
  const missing = (scope?.split(/\s+/) ?? []).filter((s) => s !== '' && !profile.scopes.includes(s));
  if (missing.length === 0) {
    return profile;
  }
  const extended = { ...profile, scopes: [...profile.scopes, ...missing] };
  await services.profiles.save(extended);
  services.log.info(`Added the scope(s) ${missing.join(' ')} to "${profile.label}" before signing in again.`);
  return extended;
}
