import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { ClientProfile } from '../../core/profiles/clientProfile';
import { registerCommand } from '../../platform/runCommand';
import type { SignInDeps } from './signInDeps';
import { ensureClientSecret, withSignInProgress } from './signInProgress';
import type { QuickInputFactory } from '../../platform/quickInputSteps';
import { resolveProfile } from '../../platform/resolveProfile';
import { loopbackOrPasteBack, loopbackReach, openInBrowser, pastedRedirectPrompt } from './browserRedirect';
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

/**
 * `oauthWorkbench.signIn`: the authorization-code flow with a cancellable progress notification. In a remote window
 * whose browser reaches the loopback server, the notification also links to `oauthWorkbench.pasteRedirectUrl`, which
 * opens the paste-back box for the sign-in under way (a second path the user picks, never shown unasked).
 */
export function registerSignInCommand(services: SignInDeps): vscode.Disposable {
  const pasteRequests = new vscode.EventEmitter<void>();
  return vscode.Disposable.from(
    pasteRequests,
    registerCommand(CommandIds.pasteRedirectUrl, services, () => pasteRequests.fire()),
    registerCommand(CommandIds.signIn, services, async (arg?: unknown) => {
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
        pasteRequests.event,
        quickInputs,
      );
    }),
  );
}

async function signInWithProfile(
  services: SignInDeps,
  profile: ClientProfile,
  openUrl: (url: string) => Promise<void>,
  onPasteRequested: vscode.Event<void>,
  quickInputs?: Pick<QuickInputFactory, 'createInputBox'>,
): Promise<OperationResult> {
  await ensureClientSecret(services, profile);
  const [{ signIn, canServeRedirectLocally }, http] = await Promise.all([
    import('../../core/oauth/signIn.js'),
    services.engine.httpClientFor(profile),
  ]);
  const prompt = pastedRedirectPrompt(profile, quickInputs);
  const loopback = canServeRedirectLocally(profile) ? await services.engine.loopbackReceiver() : undefined;
  const reach = loopback ? await loopbackReach(profile, services.log, services.extensionKind) : undefined;
  // Paste-back next to the loopback server only when the browser cannot reach it; in another remote window only
  // when the user asks for it from the progress notification.
  const offerPaste = reach === 'loopback' && vscode.env.remoteName !== undefined;
  let pasteAsked: vscode.Disposable | undefined;
  const asked = offerPaste
    ? new Promise<void>((resolve) => (pasteAsked = onPasteRequested(() => resolve())))
    : undefined;
  const receiveCallback =
    loopback && reach === 'needsPasteBack'
      ? loopbackOrPasteBack(loopback, prompt)
      : loopback && offerPaste
        ? loopbackOrPasteBack(loopback, prompt, asked)
        : loopback;
  const waiting = offerPaste
    ? vscode.l10n.t(
        'finish the login in your browser… [Paste the redirect URL instead…](command:{0})',
        CommandIds.pasteRedirectUrl,
      )
    : vscode.l10n.t('finish the login in your browser…');

  try {
    return await withSignInProgress(
      services,
      profile,
      { title: vscode.l10n.t('Signing in to "{0}"', profile.label), kind: 'Sign-in' },
      (progress, signal) => {
        progress.report({ message: waiting });
        return signIn({
          profile,
          secretStore: services.secretStore,
          http,
          openUrl,
          receiveCallback,
          promptForRedirectUrl: prompt,
          tokenVault: services.vault,
          signal,
          logger: services.log,
          onWarning: (message) => void vscode.window.showWarningMessage(message),
        });
      },
    );
  } finally {
    pasteAsked?.dispose();
  }
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
