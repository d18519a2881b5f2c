import * as vscode from 'vscode';
import type {
  AuthorizationCallbackReceiver,
  CallbackReceiverFactory,
} from '../../core/oauth/authorizationCallback';
import { cancelledError } from '../../core/oauth/flowDeadline';
import { isCancellation } from '../../core/oauth/oauthErrors';
import type { RedirectUrlPrompt } from '../../core/oauth/pasteBackReceiver';
import { redirectReach, type RedirectReach } from '../../core/oauth/redirectReach';
import { ClientProfile } from '../../core/profiles/clientProfile';
import type { QuickInputFactory } from '../../platform/quickInputSteps';

/** Opens the authorization URL in the user's browser; if VS Code could not (or the user declined), offers the link. */
export async function openInBrowser(authorizationUrl: string): Promise<void> {
  const opened = await vscode.env.openExternal(vscode.Uri.parse(authorizationUrl, true));
  if (!opened) {
    const copy = vscode.l10n.t('Copy Link');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Open the sign-in page in your browser to continue.'), copy)
      .then((choice) => (choice === copy ? vscode.env.clipboard.writeText(authorizationUrl) : undefined));
  }
}

/**
 * Whether the browser's redirect reaches the loopback server, from where this extension host runs and what
 * `asExternalUri` makes of the redirect URI (see `redirectReach`). Only when it cannot is paste-back shown next to it.
 */
export async function loopbackReach(
  profile: ClientProfile,
  log: vscode.LogOutputChannel,
  extensionKind: vscode.ExtensionKind | undefined,
): Promise<RedirectReach> {
  const remoteExtensionHost =
    vscode.env.remoteName !== undefined && extensionKind === vscode.ExtensionKind.Workspace;
  if (!remoteExtensionHost) {
    return 'loopback';
  }
  const registered = vscode.Uri.parse(profile.redirect_uri, true);
  const external = await vscode.env.asExternalUri(registered);
  const reach = redirectReach({
    remoteExtensionHost,
    webWindow: vscode.env.uiKind === vscode.UIKind.Web,
    registered: profile.redirect_uri,
    external: external.toString(true),
  });
  log.info(
    reach === 'loopback'
      ? `Remote workspace: the browser reaches ${profile.redirect_uri} (forwarded as ${external.scheme}://${external.authority}), so the loopback server receives the redirect.`
      : `Remote workspace: the redirect URI ${profile.redirect_uri} is forwarded as ${external.scheme}://${external.authority}, so you may need to paste the URL the browser ends on.`,
  );
  return reach;
}

/**
 * Asks the user for the URL the browser ended on, in an input box that closes when the flow ends. Dismissing it
 * cancels the wait.
 */
export function pastedRedirectPrompt(
  profile: ClientProfile,
  ui: Pick<QuickInputFactory, 'createInputBox'> = vscode.window,
): RedirectUrlPrompt {
  return (signal) =>
    new Promise<string>((resolve, reject) => {
      const input = ui.createInputBox();
      input.title = vscode.l10n.t('Sign in to "{0}"', profile.label);
      input.prompt = vscode.l10n.t(
        'After signing in, the browser ends on {0}… Paste that whole address here.',
        profile.redirect_uri,
      );
      input.placeholder = `${profile.redirect_uri}?code=…&state=…`;
      input.ignoreFocusOut = true;
      let done = false;
      const finish = (fn: () => void) => {
        if (!done) {
          done = true;
          subscriptions.dispose();
          input.dispose();
          fn();
        }
      };
      const onAbort = () => finish(() => reject(cancelledError()));
      const subscriptions = vscode.Disposable.from(
        input.onDidChangeValue((value) => {
          input.validationMessage =
            value === '' || value.trim().startsWith(profile.redirect_uri.split('?')[0])
              ? undefined
              : vscode.l10n.t('Paste the address that starts with {0}', profile.redirect_uri);
        }),
        input.onDidAccept(() => finish(() => resolve(input.value))),
        input.onDidHide(() => finish(() => reject(cancelledError()))),
        { dispose: () => signal.removeEventListener('abort', onAbort) },
      );
      signal.addEventListener('abort', onAbort, { once: true });
      input.show();
    });
}

/**
 * Receives the callback on the loopback server and, at the same time, from a pasted URL; the first valid one wins.
 * The paste box opens at once, or only when `asked` settles (the user chose to paste instead). Dismissing it leaves
 * the loopback server waiting.
 */
export function loopbackOrPasteBack(
  loopback: CallbackReceiverFactory,
  prompt: RedirectUrlPrompt,
  asked?: Promise<void>,
): CallbackReceiverFactory {
  return async (expectations) => {
    const { PasteBackReceiver } = await import('../../core/oauth/pasteBackReceiver.js');
    const server = await loopback(expectations);
    const paste = new PasteBackReceiver(expectations, prompt);
    const receiver: AuthorizationCallbackReceiver = {
      waitForCallback: () =>
        Promise.race([
          server.waitForCallback(),
          (asked ?? Promise.resolve())
            .then(() => paste.waitForCallback())
            .catch((err: unknown) =>
              isCancellation(err) ? new Promise<never>(() => undefined) : Promise.reject(err),
            ),
        ]),
      dispose: async () => {
        await Promise.all([server.dispose(), paste.dispose()]);
      },
    };
    return receiver;
  };
}
