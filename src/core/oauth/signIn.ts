/**
 * The sign-in orchestrator: authorization-code flow from a profile to a stored token set, shared by the CLI and the
 * VS Code layer. It owns the order of events (validate, state + PKCE, listen, open the browser, wait for one valid
 * callback, wait the profile's delay, exchange once, persist), not the I/O: ports bring that in.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1
 * @see https://www.rfc-editor.org/rfc/rfc8252
 */
import { localTextRecorder } from '../text/localTextRecorder';
import { localText } from '../text/localText';
import { ClientProfile, validateClientProfile } from '../profiles/clientProfile';
import { loopbackTargetOf } from '../profiles/loopbackTarget';
import { presetOf } from '../profiles/profilePresets';
import { SecretStore } from '../profiles/secretStore';
import { Clock, systemClock } from '../tokens/clock';
import { decodeJwtUnverified } from '../tokens/decodeJwt';
import { TokenSet } from '../tokens/tokenSet';
import { TokenVault } from '../tokens/tokenVault';
import {
  AuthorizationCallbackReceiver,
  CallbackExpectations,
  CallbackReceiverFactory,
} from './authorizationCallback';
import { buildAuthorizationUrl, probeAuthorizationUrl } from './authorizationRequest';
import { cancelledError, DEFAULT_FLOW_TIMEOUT_MS } from './flowDeadline';
import { HttpClient } from './httpClient';
import {
  AuthorizationFlowError,
  isOAuthWorkbenchError,
  OAuthWorkbenchError,
  ProfileStateError,
} from './oauthErrors';
import { OAuthLogger, RedactingLogger } from './oauthLogger';
import { PasteBackReceiver, RedirectUrlPrompt } from './pasteBackReceiver';
import { createPkcePair, randomUrlSafeString } from './pkce';
import { exchangeAuthorizationCode } from './tokenEndpoint';

/** Inputs of {@link signIn}; everything with I/O arrives as a port or a callback. */
export interface SignInOptions {
  readonly profile: ClientProfile;
  readonly secretStore: SecretStore;
  /** The HTTP client for this profile (proxy, mTLS, CA already applied). */
  readonly http: HttpClient;
  /** Opens the authorization URL; called once the redirect server is listening. */
  readonly openUrl: (authorizationUrl: string) => Promise<void> | void;
  /** Starts the loopback receiver (Node: `startLoopbackRedirectServer`); needed when the redirect URI is loopback. */
  readonly receiveCallback?: CallbackReceiverFactory;
  /** Paste-back prompt; needed when the redirect URI cannot be served locally. */
  readonly promptForRedirectUrl?: RedirectUrlPrompt;
  /** When given, the token set is saved here before it is returned. */
  readonly tokenVault?: TokenVault;
  readonly signal?: AbortSignal;
  /** Receives progress lines; secrets, tokens, codes and state never reach it. */
  readonly logger?: OAuthLogger;
  readonly clock?: Clock;
  /** How long to wait for the browser; default 5 minutes. */
  readonly timeoutMs?: number;
  /** Require `iss` on the callback (the server advertises RFC 9207 support). */
  readonly issuerRequired?: boolean;
  /**
   * Fetch the authorization URL once before opening the browser, so a refused redirect URI or client stops the flow
   * at once instead of at the deadline; default true.
   */
  readonly probeAuthorizationUrl?: boolean;
  /** Told when the sign-in succeeded with less than was asked for (a narrowed scope). */
  readonly onWarning?: (message: string) => void;
}

/** The requested scopes the server did not grant; empty when it granted all (or said nothing, RFC 6749 §5.1). */
export function missingScopes(requested: readonly string[], granted: string | undefined): string[] {
  if (granted === undefined) {
    return [];
  }
  const got = new Set(granted.split(/\s+/).filter(Boolean));
  return requested.filter((scope) => !got.has(scope));
}

/** True when the profile's redirect URI can be served by the loopback server (otherwise paste-back is used). */
export function canServeRedirectLocally(profile: Pick<ClientProfile, 'redirect_uri'>): boolean {
  return loopbackTargetOf(profile.redirect_uri) !== undefined;
}

/**
 * Runs the authorization-code flow for a profile and resolves to the token set (saved to `tokenVault` when given).
 * Rejects with typed errors only: `PROFILE_INVALID`, `CLIENT_SECRET_MISSING`, `PORT_IN_USE`, `FLOW_TIMEOUT`,
 * `FLOW_CANCELLED`, `OAUTH_AUTHORIZATION_RESPONSE`, `ISSUER_MISMATCH`, `OAUTH_RESPONSE`, `AUTHORIZATION_CODE_EXPIRED`,
 * `HTTP_*`.
 */
/** Throws `PROFILE_INVALID`, listing every field in error, before a flow sends anything for `profile`. */
export function assertProfileUsable(profile: ClientProfile): void {
  const recorder = localTextRecorder();
  const problems = validateClientProfile(profile, recorder.translate).filter(
    (problem) => problem.severity === 'error',
  );
  if (problems.length > 0) {
    const listed = problems
      .map((p) => localText('{0}: {1}', p.field, recorder.textOf(p.message)))
      .reduce((all, next) => localText('{0} {1}', all, next));
    throw new ProfileStateError(
      'PROFILE_INVALID',
      localText('The profile "{0}" has problems: {1}', profile.label, listed),
      { fix: localText('Edit the profile and correct the fields listed.') },
    );
  }
}

export async function signIn(options: SignInOptions): Promise<TokenSet> {
  const { profile } = options;
  const clock = options.clock ?? systemClock;
  const logger = new RedactingLogger(options.logger);

  assertProfileUsable(profile);
  const clientSecret =
    profile.token_endpoint_auth_method === 'none'
      ? undefined
      : await options.secretStore.getClientSecret(profile.id);
  if (profile.token_endpoint_auth_method !== 'none' && !clientSecret) {
    throw new ProfileStateError(
      'CLIENT_SECRET_MISSING',
      localText('No client secret is set for "{0}".', profile.label),
      {
        fix: localText('Set the client secret from the provider’s developer portal, then sign in again.'),
      },
    );
  }
  logger.addSecret(clientSecret);

  const state = randomUrlSafeString(32);
  logger.addSecret(state);
  const pkce = profile.pkce ? await createPkcePair() : undefined;
  logger.addSecret(pkce?.code_verifier);
  // OpenID Connect: a nonce binds the ID token to this sign-in; some servers refuse `openid` without one.
  const nonce = profile.scopes.includes('openid') ? randomUrlSafeString(32) : undefined;
  logger.addSecret(nonce);
  const authorizationUrl = buildAuthorizationUrl(profile, state, pkce, nonce);
  const facts = presetOf(profile.preset).facts;
  if (options.probeAuthorizationUrl !== false) {
    await probe(options, authorizationUrl, logger);
  }
  const expectations: CallbackExpectations = {
    redirectUri: profile.redirect_uri,
    state,
    issuer: profile.issuer,
    issuerRequired: options.issuerRequired ?? profile.authorization_response_iss_parameter_supported,
    timeoutMs: options.timeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS,
    signal: options.signal,
    rabobank: facts.rabobank,
  };

  const receiver = await startReceiver(options, expectations);
  let callback;
  try {
    logger.info(`Sign-in for "${profile.label}": waiting for the redirect to ${profile.redirect_uri}`);
    await options.openUrl(authorizationUrl);
    callback = await receiver.waitForCallback();
  } finally {
    await receiver.dispose();
  }
  const callbackReceivedAtMs = clock.now();
  logger.addSecret(callback.code);
  logger.info(`Sign-in for "${profile.label}": redirect received; exchanging the code once.`);

  if (profile.exchangeDelayMs > 0) {
    // Rabobank: the code needs about a second to reach every server before it can be exchanged.
    await clock.sleep(profile.exchangeDelayMs, options.signal).catch(() => {
      throw cancelledError();
    });
  }
  const tokenSet = await exchangeAuthorizationCode(
    { http: options.http, client: profile, clientSecret, signal: options.signal, now: () => clock.now() },
    {
      token_endpoint: profile.token_endpoint,
      code: callback.code,
      redirect_uri: profile.redirect_uri,
      code_verifier: pkce?.code_verifier,
      requestedScope: profile.scopes.join(' '),
      callbackReceivedAtMs,
    },
  );
  if (nonce !== undefined) {
    checkNonce(tokenSet, nonce);
  }
  const missing = missingScopes(profile.scopes, tokenSet.scope);
  if (missing.length > 0) {
    const message = `"${profile.label}" was granted less scope than requested: asked for ${profile.scopes.join(' ')}, got ${tokenSet.scope || '(none)'}.`;
    logger.warn(message);
    options.onWarning?.(message);
  }
  await options.tokenVault?.save(profile.id, tokenSet);
  logger.info(
    `Sign-in for "${profile.label}" succeeded; the access token expires ${tokenSet.expires_at ?? 'at an unknown time'}.`,
  );
  return tokenSet;
}

/**
 * Fetches the authorization URL before the browser opens it, and stops the flow when the server already refuses (a
 * 4xx, an error page): otherwise the user would wait for the deadline on a page that never redirects back. A probe
 * that cannot reach the server decides nothing, as the browser may reach it another way; the sign-in goes on.
 */
async function probe(options: SignInOptions, authorizationUrl: string, logger: OAuthLogger): Promise<void> {
  let refused: OAuthWorkbenchError | undefined;
  try {
    refused = await probeAuthorizationUrl(options.http, authorizationUrl, options.profile, options.signal);
  } catch (err) {
    if (options.signal?.aborted) {
      throw cancelledError();
    }
    logger.info(
      `Could not check the authorization URL first (${isOAuthWorkbenchError(err) ? err.code : 'error'}); opening it anyway.`,
    );
    return;
  }
  if (refused) {
    throw refused;
  }
}

/** The ID token must carry the nonce of this sign-in (OpenID Connect Core §3.1.3.7, step 11). */
function checkNonce(tokenSet: TokenSet, nonce: string): void {
  if (!tokenSet.id_token) {
    return;
  }
  const claims = decodeJwtUnverified(tokenSet.id_token)?.claims;
  if (claims?.nonce !== nonce) {
    throw new AuthorizationFlowError(
      'NONCE_MISMATCH',
      claims?.nonce === undefined
        ? localText('The ID token carries no nonce, though the sign-in sent one.')
        : localText('The ID token’s nonce is not the one this sign-in sent.'),
      {
        fix: localText(
          'Sign in again; if it repeats, the server or something between you and it replays ID tokens.',
        ),
      },
    );
  }
}

async function startReceiver(
  options: SignInOptions,
  expectations: CallbackExpectations,
): Promise<AuthorizationCallbackReceiver> {
  if (options.signal?.aborted) {
    throw cancelledError();
  }
  if (canServeRedirectLocally(options.profile)) {
    if (!options.receiveCallback) {
      throw new AuthorizationFlowError(
        'REDIRECT_URI_NOT_SERVABLE',
        localText('No loopback redirect server is available here.'),
        {
          fix: localText(
            'Sign in from the desktop or the command line, where the redirect server can listen.',
          ),
        },
      );
    }
    return options.receiveCallback(expectations);
  }
  if (!options.promptForRedirectUrl) {
    throw new AuthorizationFlowError(
      'REDIRECT_URI_NOT_SERVABLE',
      localText(
        'The redirect URI {0} cannot be received locally and paste-back is not available.',
        options.profile.redirect_uri,
      ),
      {
        fix: localText(
          'Register a loopback redirect URI such as {0} for this client.',
          'http://127.0.0.1:8765/callback',
        ),
      },
    );
  }
  return new PasteBackReceiver(expectations, options.promptForRedirectUrl);
}
