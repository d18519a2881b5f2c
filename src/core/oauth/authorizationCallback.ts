/**
 * The authorization response (the redirect back to the client) and the checks every receiver applies to it: the
 * loopback server and paste-back share them so both accept and refuse exactly the same callbacks.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 * @see https://www.rfc-editor.org/rfc/rfc9207
 */
import { type LocalText, localText } from '../text/localText';
import { catalogIdForAuthorizationError } from './errorCatalog';
import { AuthorizationFlowError, AuthorizationResponseError, OAuthWorkbenchError } from './oauthErrors';

/** What a receiver needs to know to tell the one valid callback from everything else. */
export interface CallbackExpectations {
  /** The registered redirect URI; the receiver serves its port and path. */
  readonly redirectUri: string;
  /** The `state` sent in the authorization request. */
  readonly state: string;
  /** The issuer, when known: a callback's `iss` must equal it (RFC 9207). */
  readonly issuer?: string;
  /** Reject a callback without `iss` (the server advertised `authorization_response_iss_parameter_supported`). */
  readonly issuerRequired?: boolean;
  /** Give up after this long; default 5 minutes. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** True for Rabobank profiles: picks `rabobank.*` catalog ids. */
  readonly rabobank?: boolean;
}

/** The parameters of the one valid callback: the code plus everything else the server added (`iss`, `session_state`). */
export interface AuthorizationCallback {
  readonly code: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Port for receiving the callback: the loopback server (`src/node/loopbackRedirectServer.ts`) or paste-back. It is
 * created listening; `waitForCallback` settles once, with the valid callback or a typed error (timeout, cancel,
 * `error=` redirect); `dispose` stops it and is safe to call twice.
 */
export interface AuthorizationCallbackReceiver {
  waitForCallback(): Promise<AuthorizationCallback>;
  dispose(): Promise<void>;
}

/** Starts a receiver for one flow; resolves once it can receive (so the browser may be opened). */
export type CallbackReceiverFactory = (
  expectations: CallbackExpectations,
) => Promise<AuthorizationCallbackReceiver>;

/** What to do with one incoming callback request. */
export type CallbackVerdict =
  /** The valid callback: exchange this code. */
  | { readonly kind: 'code'; readonly callback: AuthorizationCallback }
  /** A callback for this flow that ends it with an error (`error=`, wrong `iss`). */
  | { readonly kind: 'error'; readonly error: OAuthWorkbenchError }
  /** Not for this flow (missing or mismatched state, no code): answer 400 and keep waiting. */
  | { readonly kind: 'reject'; readonly error: AuthorizationFlowError };

/** Classifies the query parameters of one callback request; see {@link CallbackVerdict}. */
export function checkAuthorizationCallback(
  query: URLSearchParams,
  expected: CallbackExpectations,
): CallbackVerdict {
  // No prototype: a parameter named `toString` or `__proto__` is just a parameter, not an inherited member.
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of query) {
    if (Object.hasOwn(params, name)) {
      // RFC 6749 §3.1: parameters must not be repeated; a repeated state could smuggle a second value.
      return reject('CALLBACK_INVALID', localText('The callback repeats the parameter "{0}".', name));
    }
    params[name] = value;
  }
  if (params.state === undefined) {
    return reject(
      'STATE_MISMATCH',
      localText('The callback has no state parameter, so it cannot belong to this sign-in.'),
    );
  }
  if (!constantTimeEqual(params.state, expected.state)) {
    return reject(
      'STATE_MISMATCH',
      localText('The callback’s state does not match this sign-in; it was ignored.'),
    );
  }
  if (expected.issuer !== undefined) {
    if (params.iss === undefined ? expected.issuerRequired : params.iss !== expected.issuer) {
      return {
        kind: 'error',
        error: new AuthorizationFlowError(
          'ISSUER_MISMATCH',
          params.iss === undefined
            ? localText(
                'The authorization server promised an iss parameter (RFC 9207) but the callback has none.',
              )
            : localText(
                'The callback came from a different issuer than the one this profile talks to (RFC 9207 mix-up defence).',
              ),
          {
            fix: localText(
              'Edit the profile so its issuer and endpoints belong to the same authorization server, then sign in again.',
            ),
          },
        ),
      };
    }
  }
  if (params.error !== undefined) {
    return {
      kind: 'error',
      error: new AuthorizationResponseError(
        params.error_description
          ? localText(
              'The authorization server refused the request: {0} ({1}).',
              params.error,
              params.error_description,
            )
          : localText('The authorization server refused the request: {0}.', params.error),
        {
          error: params.error,
          error_description: params.error_description,
          catalogId: catalogIdForAuthorizationError(params.error),
          fix: authorizationErrorFix(params.error),
        },
      ),
    };
  }
  if (!params.code) {
    return reject('CALLBACK_INVALID', localText('The callback carries neither a code nor an error.'));
  }
  return { kind: 'code', callback: { code: params.code, params } };
}

function reject(code: 'STATE_MISMATCH' | 'CALLBACK_INVALID', message: LocalText): CallbackVerdict {
  return { kind: 'reject', error: new AuthorizationFlowError(code, message) };
}

function authorizationErrorFix(error: string): LocalText {
  switch (error) {
    case 'access_denied':
      return localText('The sign-in was declined in the browser; start it again and approve the consent.');
    case 'invalid_scope':
      return localText('Check the scope names and that the app is subscribed to the APIs behind them.');
    case 'invalid_request':
      return localText(
        'Check the authorization request parameters (PKCE, scope, redirect URI) against what the server requires.',
      );
    case 'unauthorized_client':
      return localText('Allow the authorization-code grant for this client at the provider.');
    case 'server_error':
    case 'temporarily_unavailable':
      return localText('The provider had a problem; try again in a moment.');
    default:
      return localText('Read the error description, correct the profile and sign in again.');
  }
}

// Compares without an early exit, so the time taken does not reveal how much of a guessed state was right.
function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}
