/**
 * Calls to the token, revocation and introspection endpoints: request building (client authentication, form body)
 * separated from response processing (typed errors, token set), as oauth4webapi does.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 * @see https://www.rfc-editor.org/rfc/rfc7009
 * @see https://www.rfc-editor.org/rfc/rfc7662
 */
import { localText } from '../text/localText';
import { ClientProfile } from '../profiles/clientProfile';
import { presetOf } from '../profiles/profilePresets';
import { tokenLifetimeProblem, TokenSet, tokenSetFromResponse } from '../tokens/tokenSet';
import { basicAuthorization } from '../wire/basicAuthentication';
import { formEncode } from '../wire/formEncoding';
import { errorFromResponse, parseJsonObject } from './endpointResponse';
import { ErrorContext } from './errorCatalog';
import { HttpClient, HttpRequest, HttpResponse } from './httpClient';
import { HttpRequestError, OAuthResponseError, ProfileStateError, retoldOAuthError } from './oauthErrors';

/** The part of a profile a token-endpoint call needs. */
export type TokenClient = Pick<ClientProfile, 'client_id' | 'token_endpoint_auth_method' | 'preset'>;

/** Everything one endpoint call needs besides its own parameters. */
export interface EndpointCall {
  readonly http: HttpClient;
  readonly client: TokenClient;
  /** Required unless the client authenticates with `none`. */
  readonly clientSecret?: string;
  readonly signal?: AbortSignal;
  /** Epoch milliseconds; used to compute `expires_at`. */
  readonly now: () => number;
}

/** Builds a form POST with the client authentication of the profile (one method only, RFC 6749 §2.3). */
export function buildEndpointRequest(
  url: string,
  params: Readonly<Record<string, string>>,
  call: Pick<EndpointCall, 'client' | 'clientSecret' | 'signal'>,
): HttpRequest {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
  };
  const body = new URLSearchParams(params);
  const { client, clientSecret } = call;
  switch (client.token_endpoint_auth_method) {
    case 'client_secret_basic':
      headers.authorization = basicAuthorization(client.client_id, requireSecret(clientSecret));
      break;
    case 'client_secret_post':
      body.set('client_id', client.client_id);
      body.set('client_secret', requireSecret(clientSecret));
      break;
    case 'none':
      body.set('client_id', client.client_id);
      break;
  }
  return { method: 'POST', url, headers, body: body.toString(), signal: call.signal };
}

/** The result of an introspection call: `active` plus whatever the server said about the token. @see https://www.rfc-editor.org/rfc/rfc7662#section-2.2 */
export interface IntrospectionResult {
  readonly active: boolean;
  readonly [member: string]: unknown;
}

/** Exchanges an authorization code, exactly once (callers must never retry a code). @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3 */
export async function exchangeAuthorizationCode(
  call: EndpointCall,
  request: {
    readonly token_endpoint: string;
    readonly code: string;
    readonly redirect_uri: string;
    readonly code_verifier?: string;
    readonly requestedScope?: string;
    /** When the callback arrived (epoch ms): a refusal after the code's lifetime says the code expired. */
    readonly callbackReceivedAtMs?: number;
  },
): Promise<TokenSet> {
  const params: Record<string, string> = {
    grant_type: 'authorization_code',
    code: request.code,
    redirect_uri: request.redirect_uri,
  };
  if (request.code_verifier) {
    params.code_verifier = request.code_verifier;
  }
  try {
    return await requestTokens(call, request.token_endpoint, params, request.requestedScope);
  } catch (err) {
    throw codeExpiredOr(err, call, request.callbackReceivedAtMs);
  }
}

/**
 * Uses a refresh token. The caller must persist the result before handing it out and keep the old refresh token only
 * when the response carries no new one (see `TokenManager.refresh`). @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
export function refreshTokenGrant(
  call: EndpointCall,
  request: { readonly token_endpoint: string; readonly refresh_token: string; readonly scope?: string },
): Promise<TokenSet> {
  const params = {
    grant_type: 'refresh_token',
    refresh_token: request.refresh_token,
    ...scopeParam(request.scope),
  };
  return requestTokens(call, request.token_endpoint, params, request.scope);
}

/** The client-credentials grant, for machine-to-machine tokens. @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4 */
export function clientCredentialsGrant(
  call: EndpointCall,
  request: { readonly token_endpoint: string; readonly scope?: string },
): Promise<TokenSet> {
  const params = { grant_type: 'client_credentials', ...scopeParam(request.scope) };
  return requestTokens(call, request.token_endpoint, params, request.scope);
}

/** Revokes a token; 200 means revoked or already invalid (RFC 7009 §2.2). @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1 */
export async function revokeToken(
  call: EndpointCall,
  request: {
    readonly revocation_endpoint: string;
    readonly token: string;
    readonly token_type_hint?: 'access_token' | 'refresh_token';
  },
): Promise<void> {
  const response = await call.http.send(
    buildEndpointRequest(request.revocation_endpoint, tokenParams(request), call),
  );
  if (response.status !== 200) {
    throw errorFromResponse(response, context(call, 'revocation'), sentSecrets(call, request.token));
  }
}

/** Asks the server whether a token is active and what it covers. @see https://www.rfc-editor.org/rfc/rfc7662#section-2.1 */
export async function introspectToken(
  call: EndpointCall,
  request: {
    readonly introspection_endpoint: string;
    readonly token: string;
    readonly token_type_hint?: 'access_token' | 'refresh_token';
  },
): Promise<IntrospectionResult> {
  const response = await call.http.send(
    buildEndpointRequest(request.introspection_endpoint, tokenParams(request), call),
  );
  const json = response.status === 200 ? parseJsonObject(response.body) : undefined;
  if (!json || typeof json.active !== 'boolean') {
    throw errorFromResponse(response, context(call, 'introspection'), sentSecrets(call, request.token));
  }
  return json as IntrospectionResult;
}

/** Processes a token-endpoint response into a token set, or throws the typed error it describes. */
export function processTokenResponse(
  response: HttpResponse,
  options: {
    readonly context: ErrorContext;
    readonly receivedAtMs: number;
    readonly requestedScope?: string;
    readonly preset: string;
    /** Credentials the request carried, masked wherever the server quotes them in its error. */
    readonly sent?: readonly string[];
  },
): TokenSet {
  const json = response.status === 200 ? parseJsonObject(response.body) : undefined;
  // Some gateways answer errors with 200; an `error` member always wins.
  const success = json && json.error === undefined && json.httpCode === undefined;
  const lifetimeProblem = success ? tokenLifetimeProblem(json, options.receivedAtMs) : undefined;
  if (lifetimeProblem) {
    throw new HttpRequestError(
      'HTTP_UNEXPECTED_RESPONSE',
      localText(
        'The token endpoint answered 200 with tokens whose lifetime cannot be used: {0}.',
        lifetimeProblem,
      ),
      {
        status: 200,
        fix: localText(
          'Report it to the provider: RFC 6749 §5.1 wants expires_in as a whole number of seconds.',
        ),
      },
    );
  }
  const tokenSet = success
    ? tokenSetFromResponse(json, {
        receivedAtMs: options.receivedAtMs,
        requestedScope: options.requestedScope,
        defaultLifetimeSeconds: presetOf(options.preset).facts.accessTokenLifetimeSeconds,
      })
    : undefined;
  if (tokenSet) {
    return tokenSet;
  }
  if (json && response.status === 200 && json.error === undefined && json.httpCode === undefined) {
    throw new HttpRequestError(
      'HTTP_UNEXPECTED_RESPONSE',
      localText('The token endpoint answered 200 without an access_token and token_type.'),
      { status: 200, fix: localText('Edit the profile and correct the token endpoint URL.') },
    );
  }
  throw errorFromResponse(response, options.context, options.sent);
}

async function requestTokens(
  call: EndpointCall,
  url: string,
  params: Record<string, string>,
  requestedScope: string | undefined,
): Promise<TokenSet> {
  const response = await call.http.send(buildEndpointRequest(url, params, call));
  return processTokenResponse(response, {
    context: context(call, 'token', params.grant_type),
    receivedAtMs: call.now(),
    requestedScope,
    preset: call.client.preset,
    sent: sentSecrets(call, params.refresh_token, params.code, params.code_verifier),
  });
}

/** The secret values a request carries: the client secret and the grant's or token's own. */
function sentSecrets(call: EndpointCall, ...values: (string | undefined)[]): string[] {
  return [call.clientSecret, ...values].filter((v): v is string => v !== undefined && v !== '');
}

/** The form of a revocation or introspection request. */
function tokenParams(request: {
  readonly token: string;
  readonly token_type_hint?: string;
}): Record<string, string> {
  return request.token_type_hint
    ? { token: request.token, token_type_hint: request.token_type_hint }
    : { token: request.token };
}

function scopeParam(scope: string | undefined): Record<string, string> {
  return scope ? { scope } : {};
}

function context(call: EndpointCall, endpoint: ErrorContext['endpoint'], grantType?: string): ErrorContext {
  const secret = call.clientSecret;
  return {
    endpoint,
    grantType,
    rabobank: presetOf(call.client.preset).facts.rabobank,
    basicSecretEncoded:
      call.client.token_endpoint_auth_method === 'client_secret_basic' &&
      secret !== undefined &&
      formEncode(secret) !== secret,
  };
}

function codeExpiredOr(err: unknown, call: EndpointCall, callbackReceivedAtMs: number | undefined): unknown {
  if (
    !(err instanceof OAuthResponseError) ||
    err.error !== 'invalid_grant' ||
    callbackReceivedAtMs === undefined
  ) {
    return err;
  }
  const lifetimeS = presetOf(call.client.preset).facts.authorizationCodeLifetimeSeconds;
  const elapsedS = Math.round((call.now() - callbackReceivedAtMs) / 1000);
  if (elapsedS < lifetimeS) {
    return err;
  }
  return retoldOAuthError(
    err,
    localText(
      'The authorization code expired: {0} s passed since the redirect, and codes live {1} s. The token endpoint answered {2} invalid_grant.',
      elapsedS,
      lifetimeS,
      err.status ?? '',
    ),
    localText('Sign in again and let the exchange happen right away (do not pause at the redirect).'),
    'AUTHORIZATION_CODE_EXPIRED',
  );
}

function requireSecret(secret: string | undefined): string {
  if (secret === undefined || secret === '') {
    throw new ProfileStateError(
      'CLIENT_SECRET_MISSING',
      localText('No client secret is set for this profile.'),
      {
        fix: localText(
          'Set the client secret (from the provider’s developer portal) and run the command again.',
        ),
      },
    );
  }
  return secret;
}
