/**
 * Paste-back: for redirect URIs the loopback server cannot serve (https, a non-loopback host), the user pastes the
 * URL the browser ended on. The same checks as the loopback callback apply.
 */
import { localText } from '../text/localText';
import {
  AuthorizationCallback,
  AuthorizationCallbackReceiver,
  CallbackExpectations,
  checkAuthorizationCallback,
} from './authorizationCallback';
import { FlowDeadline } from './flowDeadline';
import { AuthorizationFlowError } from './oauthErrors';

/** Asks the user for the URL the browser ended on (a VS Code input box, a terminal prompt). */
export type RedirectUrlPrompt = (signal: AbortSignal) => Promise<string>;

/** A receiver that reads the callback from a pasted URL instead of listening. */
export class PasteBackReceiver implements AuthorizationCallbackReceiver {
  private readonly deadline: FlowDeadline;
  private readonly stop = new AbortController();

  constructor(
    private readonly expectations: CallbackExpectations,
    private readonly prompt: RedirectUrlPrompt,
  ) {
    this.deadline = new FlowDeadline(expectations.timeoutMs, expectations.signal);
    this.deadline.expired.catch((err: unknown) => this.stop.abort(err));
  }

  async waitForCallback(): Promise<AuthorizationCallback> {
    const pasted = await this.deadline.race(this.prompt(this.stop.signal));
    return parsePastedRedirect(pasted, this.expectations);
  }

  async dispose(): Promise<void> {
    this.deadline.dispose();
    this.stop.abort();
  }
}

/** Checks a pasted redirect URL: it must be the registered redirect URI (same origin and path) and pass the callback checks. */
export function parsePastedRedirect(
  pasted: string,
  expectations: CallbackExpectations,
): AuthorizationCallback {
  let url: URL;
  try {
    url = new URL(pasted.trim());
  } catch {
    throw new AuthorizationFlowError('CALLBACK_INVALID', localText('What was pasted is not a URL.'), {
      fix: localText('Copy the whole address from the browser’s address bar after the login finished.'),
    });
  }
  const registered = new URL(expectations.redirectUri);
  if (url.origin !== registered.origin || url.pathname !== registered.pathname) {
    throw new AuthorizationFlowError(
      'CALLBACK_INVALID',
      localText('The pasted URL is not the profile’s redirect URI.'),
      {
        fix: localText(
          'Paste the address that starts with {0}.',
          `${registered.origin}${registered.pathname}`,
        ),
      },
    );
  }
  // Some providers answer in the fragment (response_mode=fragment); accept both, never both at once.
  const query = url.search.length > 1 ? url.searchParams : new URLSearchParams(url.hash.slice(1));
  const verdict = checkAuthorizationCallback(query, expectations);
  if (verdict.kind !== 'code') {
    throw verdict.error;
  }
  return verdict.callback;
}
