/**
 * Signing a profile in with the device authorization grant: the client secret from the store, a user code for the
 * user to enter in any browser, polling until approval, and the token set saved like any other sign-in's.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8628
 */
import { localText } from '../text/localText';
import { ClientProfile } from '../profiles/clientProfile';
import { SecretStore } from '../profiles/secretStore';
import { Clock, systemClock } from '../tokens/clock';
import { TokenSet } from '../tokens/tokenSet';
import { TokenVault } from '../tokens/tokenVault';
import { DeviceAuthorization, pollDeviceToken, requestDeviceAuthorization } from './deviceAuthorization';
import { HttpClient } from './httpClient';
import { ProfileStateError } from './oauthErrors';
import { OAuthLogger, RedactingLogger } from './oauthLogger';
import { assertProfileUsable, missingScopes } from './signIn';

/** What {@link deviceSignIn} needs. */
export interface DeviceSignInOptions {
  readonly profile: ClientProfile;
  readonly secretStore: SecretStore;
  readonly http: HttpClient;
  /** Called once the server handed out a user code: show it, with a way to open the verification page. */
  readonly onUserCode: (authorization: DeviceAuthorization) => void;
  readonly tokenVault?: TokenVault;
  readonly signal?: AbortSignal;
  readonly logger?: OAuthLogger;
  readonly clock?: Clock;
  readonly onWarning?: (message: string) => void;
}

/**
 * Runs the device authorization grant for a profile and saves the token set. Throws `PROFILE_INVALID`,
 * `ENDPOINT_MISSING` or `CLIENT_SECRET_MISSING` before any request, `FLOW_TIMEOUT` when the user code expires
 * unapproved, `FLOW_CANCELLED` when the signal aborts, and the server's refusal (e.g. `access_denied`) as it came.
 */
export async function deviceSignIn(options: DeviceSignInOptions): Promise<TokenSet> {
  const { profile } = options;
  const clock = options.clock ?? systemClock;
  const logger = new RedactingLogger(options.logger);
  assertProfileUsable(profile);
  const endpoint = profile.device_authorization_endpoint;
  if (!endpoint) {
    throw new ProfileStateError(
      'ENDPOINT_MISSING',
      localText('The profile "{0}" has no device authorization endpoint.', profile.label),
      {
        fix: localText(
          'Add "{0}" to the profile (discovery fills it when the server offers the device grant), or use Sign In.',
          'device_authorization_endpoint',
        ),
      },
    );
  }
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
  const call = {
    http: options.http,
    client: profile,
    clientSecret,
    signal: options.signal,
    now: () => clock.now(),
  };
  const scope = profile.scopes.join(' ') || undefined;
  const authorization = await requestDeviceAuthorization(call, {
    device_authorization_endpoint: endpoint,
    scope,
  });
  logger.addSecret(authorization.device_code);
  logger.info(
    `Device sign-in for "${profile.label}": waiting up to ${authorization.expires_in} s for the user code to be approved.`,
  );
  options.onUserCode(authorization);
  const tokenSet = await pollDeviceToken(
    call,
    {
      token_endpoint: profile.token_endpoint,
      authorization,
      requestedScope: scope,
      preset: profile.preset,
    },
    clock,
  );
  const missing = missingScopes(profile.scopes, tokenSet.scope);
  if (missing.length > 0) {
    const message = `"${profile.label}" was granted less scope than requested: asked for ${profile.scopes.join(' ')}, got ${tokenSet.scope || '(none)'}.`;
    logger.warn(message);
    options.onWarning?.(message);
  }
  await options.tokenVault?.save(profile.id, tokenSet);
  logger.info(
    `Device sign-in for "${profile.label}" succeeded; the access token expires ${tokenSet.expires_at ?? 'at an unknown time'}.`,
  );
  return tokenSet;
}
