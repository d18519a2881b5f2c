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
import { type LocalText, localText } from '../text/localText';
import { HttpResponse } from './httpClient';
import { HttpRequestError, OAuthResponseError, OAuthWorkbenchError } from './oauthErrors';
import { redactSecrets } from './redactSecrets';
import { explainRefusal } from './refusalRules';

const ENDPOINT_NAMES: Record<ErrorContext['endpoint'], LocalText> = {
  authorization: localText('authorization endpoint'),
  token: localText('token endpoint'),
  revocation: localText('revocation endpoint'),
  introspection: localText('introspection endpoint'),
  discovery: localText('discovery document'),
  consent: localText('consent details endpoint'),
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
    typeof value === 'string' ? redactSecrets(value, sent, { serverText: true }) : undefined;
  const wwwAuthenticate = response.headers['www-authenticate'];

  if (json && typeof json.error === 'string' && json.error !== '') {
    const error = text(json.error) ?? '';
    const description = text(json.error_description);
    const refusal = explainRefusal({ context, status, error, description, emptyBody: false });
    return new OAuthResponseError(
      description
        ? localText('The {0} answered {1} {2} ({3}).', where, status, error, description)
        : localText('The {0} answered {1} {2}.', where, status, error),
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
    const httpCode = redactSecrets(String(json.httpCode), sent, { serverText: true });
    const httpMessage = text(json.httpMessage);
    const moreInformation = text(json.moreInformation);
    // The gateway's own words, as it sent them: "401 Unauthorized (Client id not registered)".
    const said =
      `${httpCode} ${httpMessage ?? ''}`.trimEnd() + (moreInformation ? ` (${moreInformation})` : '');
    return new HttpRequestError(
      'HTTP_GATEWAY_ERROR',
      localText('The API gateway in front of the {0} refused the call: {1}.', where, said),
      {
        status: Number(httpCode) || status,
        error: httpMessage,
        error_description: moreInformation,
        wwwAuthenticate,
        catalogId: catalogIdForGatewayError(httpCode, context),
        fix:
          httpCode === '401'
            ? localText(
                'Run Set Client Secret with the app’s current secret, then open the app on the developer portal and subscribe it to this API if it is not.',
              )
            : localText(
                'Run Check Consent, and subscribe the app to this API on the developer portal when the consent is valid.',
              ),
      },
    );
  }

  const contentType = response.headers['content-type'] ?? '';
  const isHtml = /html/i.test(contentType) || /^\s*</.test(response.body);
  if (isHtml && /Redirect URI Mismatch/i.test(response.body)) {
    return new HttpRequestError(
      'HTTP_UNEXPECTED_RESPONSE',
      localText('The {0} showed a "Redirect URI Mismatch" page instead of an OAuth response.', where),
      {
        status,
        catalogId: context.rabobank
          ? 'rabobank.authorize.redirect-uri-mismatch'
          : 'oauth.authorize.redirect-uri-mismatch',
        fix: localText(
          'Use the redirect URI exactly as registered on the developer portal (scheme, host, port, path, trailing slash).',
        ),
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
      localText('The {0} refused the client id: "invalid client id or secret" (HTTP 401).', where),
      {
        status,
        catalogId: 'rabobank.authorize.invalid-client',
        fix: localText(
          'Copy the client id of the app on the developer portal, and subscribe the app to the OAuth 2.0 product there.',
        ),
      },
    );
  }
  const emptyBody = response.body.trim() === '';
  const kind = isHtml
    ? localText('an HTML page')
    : emptyBody
      ? localText('an empty body')
      : localText('a body that is not OAuth JSON');
  const refusal = status >= 400 && status < 500 ? explainRefusal({ context, status, emptyBody }) : undefined;
  if (refusal) {
    return new HttpRequestError(
      'HTTP_UNEXPECTED_RESPONSE',
      localText('The {0} refused the request: HTTP {1} with {2}.', where, status, kind),
      {
        status,
        wwwAuthenticate,
        catalogId: knownCatalogId(refusal.catalogId),
        fix: refusal.fix,
      },
    );
  }
  if (status >= 500) {
    return new HttpRequestError(
      'HTTP_SERVER_ERROR',
      localText('The {0} failed with HTTP {1} and {2}.', where, status, kind),
      {
        status,
        catalogId:
          status === 503 && context.endpoint === 'revocation'
            ? 'oauth.revoke.service-unavailable'
            : undefined,
        fix:
          status === 503 && context.endpoint === 'revocation'
            ? localText(
                'Retry the revocation later: until then the token may still be valid (RFC 7009 §2.2.1).',
              )
            : localText('Retry in a few minutes; if it keeps failing, review the http.proxy setting.'),
      },
    );
  }
  return new HttpRequestError(
    'HTTP_UNEXPECTED_RESPONSE',
    localText('The {0} answered HTTP {1} with {2}.', where, status, kind),
    {
      status,
      wwwAuthenticate,
      fix: localText(
        "Edit the profile and correct the {0} URL: this does not look like an OAuth server's answer.",
        where,
      ),
    },
  );
}

function fixForOAuthError(error: string, context: ErrorContext): LocalText | undefined {
  switch (error) {
    case 'invalid_grant':
      return context.grantType === 'refresh_token'
        ? localText('Run Sign In Again to get a new refresh token.')
        : localText(
            'Run Sign In again: its new code is exchanged once, within minutes, with the same redirect URI.',
          );
    case 'invalid_client':
      return localText(
        'Run Set Client Secret with the secret from the provider’s portal (reset it there if unsure), and compare the client authentication method in Edit Profile with the registration.',
      );
    case 'invalid_request':
      return context.rabobank
        ? localText(
            'Send grant_type=authorization_code with a code, or grant_type=refresh_token with a refresh token.',
          )
        : localText(
            'Send each parameter once in a form-encoded body, and let the client authenticate one way only (header or body).',
          );
    case 'unsupported_grant_type':
      return localText(
        'Enable this grant type for the client in the provider’s console, or use one it supports.',
      );
    case 'unauthorized_client':
      return localText('Enable this grant type for the client in the provider’s console.');
    case 'invalid_scope':
      return localText(
        'Remove the scopes the client is not registered or subscribed for (Edit Profile, scopes step).',
      );
    case 'unsupported_token_type':
      return localText('Revoke the other token, or run Sign Out to forget both.');
    default:
      return undefined;
  }
}
