/**
 * Turns a response that is not the success an OAuth endpoint should send into one typed error: an OAuth error body,
 * a Rabobank gateway body, an HTML page, a 5xx. Shared by every endpoint call so each failure reads the same.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
import {
  catalogIdForGatewayError,
  catalogIdForOAuthError,
  ErrorContext,
  knownCatalogId,
} from './errorCatalog';
import { HttpResponse } from './httpClient';
import { HttpRequestError, OAuthResponseError, OAuthWorkbenchError } from './oauthErrors';
import { redactSecrets } from './oauthLogger';
import { explainRefusal } from './refusalRules';

const ENDPOINT_NAMES: Record<ErrorContext['endpoint'], string> = {
  authorization: 'authorization endpoint',
  token: 'token endpoint',
  revocation: 'revocation endpoint',
  introspection: 'introspection endpoint',
  discovery: 'discovery document',
  consent: 'consent details endpoint',
};

/** Parses a JSON object body; `undefined` for anything else (HTML, empty, arrays, broken JSON). */
export function parseJsonObject(body: string): Record<string, unknown> | undefined {
  const text = body.trim();
  if (!text.startsWith('{')) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds the typed error for a failed endpoint response; never includes the body text beyond the OAuth fields, and
 * masks in those fields the credentials the request carried (`sent`), because some servers quote the token they
 * refuse ("refresh token abc… is invalid") and the message ends up in notifications, tooltips and the log.
 */
export function errorFromResponse(
  response: HttpResponse,
  context: ErrorContext,
  sent: readonly string[] = [],
): OAuthWorkbenchError {
  const where = ENDPOINT_NAMES[context.endpoint];
  const status = response.status;
  const json = parseJsonObject(response.body);
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' ? redactSecrets(value, sent) : undefined;
  const wwwAuthenticate = response.headers['www-authenticate'];

  if (json && typeof json.error === 'string' && json.error !== '') {
    const error = text(json.error) ?? '';
    const description = text(json.error_description);
    const refusal = explainRefusal({ context, status, error, description, emptyBody: false });
    return new OAuthResponseError(
      `The ${where} answered ${status} ${error}${description ? ` (${description})` : ''}.`,
      {
        status,
        error,
        error_description: description,
        wwwAuthenticate,
        catalogId: knownCatalogId(refusal?.catalogId) ?? catalogIdForOAuthError(error, status, context),
        fix: refusal?.fix ?? fixForOAuthError(error, context),
      },
    );
  }

  if (json && json.httpCode !== undefined) {
    // IBM API Connect gateway shape; the status inside is a string and may differ from the HTTP status (even 200).
    const httpCode = redactSecrets(String(json.httpCode), sent);
    const httpMessage = text(json.httpMessage);
    const moreInformation = text(json.moreInformation);
    return new HttpRequestError(
      'HTTP_GATEWAY_ERROR',
      `The API gateway in front of the ${where} refused the call: ${httpCode} ${httpMessage ?? ''}`.trimEnd() +
        (moreInformation ? ` (${moreInformation})` : '') +
        '.',
      {
        status: Number(httpCode) || status,
        error: httpMessage,
        error_description: moreInformation,
        wwwAuthenticate,
        catalogId: catalogIdForGatewayError(httpCode, context),
        fix:
          httpCode === '401'
            ? 'Check the client id and secret, that the app is subscribed to this API, and the TLS client certificate.'
            : 'Check that the app is subscribed to this API and the consent covers it.',
      },
    );
  }

  const contentType = response.headers['content-type'] ?? '';
  const isHtml = /html/i.test(contentType) || /^\s*</.test(response.body);
  if (isHtml && /Redirect URI Mismatch/i.test(response.body)) {
    return new HttpRequestError(
      'HTTP_UNEXPECTED_RESPONSE',
      `The ${where} showed a "Redirect URI Mismatch" page instead of an OAuth response.`,
      {
        status,
        catalogId: context.rabobank
          ? 'rabobank.authorize.redirect-uri-mismatch'
          : 'oauth.authorize.redirect-uri-mismatch',
        fix: 'Use the redirect URI exactly as registered on the developer portal (scheme, host, port, path, trailing slash).',
      },
    );
  }
  if (
    context.endpoint === 'authorization' &&
    status === 401 &&
    /invalid client id or secret/i.test(response.body)
  ) {
    // Rabobank's authorize endpoint shows this page, not a redirect, for an unknown client id or an app that is
    // not subscribed to the OAuth product.
    return new HttpRequestError(
      'HTTP_UNEXPECTED_RESPONSE',
      `The ${where} refused the client id: "invalid client id or secret" (HTTP 401).`,
      {
        status,
        catalogId: 'rabobank.authorize.invalid-client',
        fix: 'Copy the client id of the app on the developer portal, and check that the app is subscribed to the OAuth 2.0 product.',
      },
    );
  }
  const emptyBody = response.body.trim() === '';
  const kind = isHtml ? 'an HTML page' : emptyBody ? 'an empty body' : 'a body that is not OAuth JSON';
  const refusal = status >= 400 && status < 500 ? explainRefusal({ context, status, emptyBody }) : undefined;
  if (refusal) {
    return new HttpRequestError(
      'HTTP_UNEXPECTED_RESPONSE',
      `The ${where} refused the request: HTTP ${status} with ${kind}.`,
      {
        status,
        wwwAuthenticate,
        catalogId: knownCatalogId(refusal.catalogId),
        fix: refusal.fix,
      },
    );
  }
  if (status >= 500) {
    return new HttpRequestError('HTTP_SERVER_ERROR', `The ${where} failed with HTTP ${status} and ${kind}.`, {
      status,
      catalogId:
        status === 503 && context.endpoint === 'revocation' ? 'oauth.revoke.service-unavailable' : undefined,
      fix:
        status === 503 && context.endpoint === 'revocation'
          ? 'The token may still be valid; retry the revocation later (RFC 7009 §2.2.1).'
          : 'The server or a gateway in front of it failed; try again later, and check any proxy setting.',
    });
  }
  return new HttpRequestError(
    'HTTP_UNEXPECTED_RESPONSE',
    `The ${where} answered HTTP ${status} with ${kind}.`,
    {
      status,
      wwwAuthenticate,
      fix: `Check that the ${where} URL is right; this does not look like an OAuth server's answer.`,
    },
  );
}

function fixForOAuthError(error: string, context: ErrorContext): string | undefined {
  switch (error) {
    case 'invalid_grant':
      return context.grantType === 'refresh_token'
        ? 'The refresh token was already used, expired or revoked (or the consent ended); sign in again.'
        : 'Sign in again: exchange each authorization code once, within its lifetime, with the same redirect URI.';
    case 'invalid_client':
      return 'Check the client id and secret (reset the secret on the portal if unsure) and the client authentication method.';
    case 'invalid_request':
      return context.rabobank
        ? 'Check that grant_type matches the credential sent (authorization_code with code, refresh_token with refresh_token).'
        : 'Check the request parameters and that the client authenticates one way only.';
    case 'unsupported_grant_type':
      return 'The server does not support this grant type for this client; enable it at the provider.';
    case 'unauthorized_client':
      return 'Allow this grant type for the client at the provider.';
    case 'invalid_scope':
      return 'Request only scopes the client is registered and subscribed for.';
    case 'unsupported_token_type':
      return 'The server cannot revoke this kind of token; revoke the other one or sign out.';
    default:
      return undefined;
  }
}
