/**
 * The device authorization grant: the client asks for a user code, the user enters it on another device, and the
 * client polls the token endpoint until the user has approved, honouring the server's `interval` and `slow_down`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8628
 */
import { localText } from '../text/localText';
import { presetOf } from '../profiles/profilePresets';
import { Clock } from '../tokens/clock';
import { TokenSet } from '../tokens/tokenSet';
import { errorFromResponse, parseJsonObject } from './endpointResponse';
import { ErrorContext } from './errorCatalog';
import { cancelledError } from './flowDeadline';
import { AuthorizationFlowError, HttpRequestError, OAuthResponseError } from './oauthErrors';
import { buildEndpointRequest, EndpointCall, processTokenResponse } from './tokenEndpoint';

/** The grant type URN of RFC 8628 §3.4. */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** The server's answer to a device authorization request (RFC 8628 §3.2). */
export interface DeviceAuthorization {
  readonly device_code: string;
  readonly user_code: string;
  readonly verification_uri: string;
  readonly verification_uri_complete?: string;
  /** Seconds the codes live. */
  readonly expires_in: number;
  /** Seconds to wait between polls; 5 when the server names none (RFC 8628 §3.2). */
  readonly interval: number;
}

const DEFAULT_INTERVAL_S = 5;
/** RFC 8628 §3.5: after `slow_down`, the interval grows by 5 seconds for this and every later request. */
const SLOW_DOWN_STEP_S = 5;

/** Asks for a device code and a user code. @see https://www.rfc-editor.org/rfc/rfc8628#section-3.1 */
export async function requestDeviceAuthorization(
  call: EndpointCall,
  request: { readonly device_authorization_endpoint: string; readonly scope?: string },
): Promise<DeviceAuthorization> {
  const params: Record<string, string> = request.scope ? { scope: request.scope } : {};
  const response = await call.http.send(
    buildEndpointRequest(request.device_authorization_endpoint, params, call),
  );
  const json = response.status === 200 ? parseJsonObject(response.body) : undefined;
  const text = (name: string) => (typeof json?.[name] === 'string' ? (json[name] as string) : undefined);
  const deviceCode = text('device_code');
  const userCode = text('user_code');
  const verificationUri = text('verification_uri');
  const expiresIn = json?.expires_in;
  if (
    !json ||
    !deviceCode ||
    !userCode ||
    !verificationUri ||
    typeof expiresIn !== 'number' ||
    expiresIn <= 0
  ) {
    if (response.status === 200) {
      throw new HttpRequestError(
        'HTTP_UNEXPECTED_RESPONSE',
        localText(
          'The device authorization endpoint answered 200 without device_code, user_code, verification_uri and expires_in.',
        ),
        {
          status: 200,
          fix: localText(
            'Compare the profile’s device authorization endpoint (Edit Profile) with the one in the provider’s metadata.',
          ),
        },
      );
    }
    throw errorFromResponse(response, deviceContext(call), call.clientSecret ? [call.clientSecret] : []);
  }
  const interval =
    typeof json.interval === 'number' && json.interval > 0 ? json.interval : DEFAULT_INTERVAL_S;
  return {
    device_code: deviceCode,
    user_code: userCode,
    verification_uri: verificationUri,
    verification_uri_complete: text('verification_uri_complete'),
    expires_in: expiresIn,
    interval,
  };
}

/**
 * Polls the token endpoint until the user approved (the token set), refused (`access_denied`) or the codes expired.
 * Waits `interval` seconds before each request and 5 more after every `slow_down`.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.4
 */
export async function pollDeviceToken(
  call: EndpointCall,
  request: {
    readonly token_endpoint: string;
    readonly authorization: DeviceAuthorization;
    readonly requestedScope?: string;
    readonly preset: string;
  },
  clock: Clock,
): Promise<TokenSet> {
  const { authorization } = request;
  const deadline = clock.now() + authorization.expires_in * 1000;
  let intervalS = authorization.interval;
  const params = { grant_type: DEVICE_CODE_GRANT, device_code: authorization.device_code };
  for (;;) {
    await clock.sleep(intervalS * 1000, call.signal).catch(() => {
      throw cancelledError();
    });
    if (clock.now() >= deadline) {
      throw expired(authorization);
    }
    const response = await call.http.send(buildEndpointRequest(request.token_endpoint, params, call));
    try {
      return processTokenResponse(response, {
        context: deviceContext(call),
        receivedAtMs: call.now(),
        requestedScope: request.requestedScope,
        preset: request.preset,
        sent: [call.clientSecret, authorization.device_code].filter((v): v is string => !!v),
      });
    } catch (err) {
      if (!(err instanceof OAuthResponseError)) {
        throw err;
      }
      if (err.error === 'authorization_pending') {
        continue;
      }
      if (err.error === 'slow_down') {
        intervalS += SLOW_DOWN_STEP_S;
        continue;
      }
      if (err.error === 'expired_token') {
        throw expired(authorization);
      }
      throw err;
    }
  }
}

function expired(authorization: DeviceAuthorization): AuthorizationFlowError {
  return new AuthorizationFlowError(
    'FLOW_TIMEOUT',
    localText(
      'The user code was not approved within {0} s; the device sign-in was stopped.',
      authorization.expires_in,
    ),
    { fix: localText('Start the device sign-in again and enter the new user code before it expires.') },
  );
}

function deviceContext(call: EndpointCall): ErrorContext {
  return {
    endpoint: 'token',
    grantType: DEVICE_CODE_GRANT,
    rabobank: presetOf(call.client.preset).facts.rabobank,
  };
}
