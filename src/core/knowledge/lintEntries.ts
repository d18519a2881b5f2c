import { KnowledgeEntry, entry } from './knowledgeEntry';

const RFC6749 = 'https://www.rfc-editor.org/rfc/rfc6749';

/** Pre-flight checks on requests written in `.http` files, before anything is sent. */
export function lintEntries(): KnowledgeEntry[] {
  return [
    entry({
      id: 'lint.token.grant-type-code',
      title: '`grant_type=code` is not a grant type',
      place: 'request',
      summary:
        'A code exchange sends `grant_type=authorization_code`; the value `code` is refused by the token endpoint.',
      causes: ['The value was taken from Rabobank’s troubleshooting guide, which gets it wrong.'],
      fixes: ['Replace `code` with `authorization_code`.'],
      link: { title: 'RFC 6749 §4.1.3 Access Token Request', url: `${RFC6749}#section-4.1.3` },
      errata: ['grant-type-value'],
      related: ['rabobank.token.grant-type-mismatch'],
    }),
    entry({
      id: 'lint.token.grant-type-in-query',
      title: 'Token parameters belong in the form body',
      place: 'request',
      summary:
        '`grant_type` is sent in the query string; token endpoints read it from the form-encoded POST body. Whatever rides in a URL (codes, refresh tokens, secrets) also lands in access logs, proxies and histories.',
      causes: ['The parameters were appended to the URL instead of being sent as the body.'],
      fixes: [
        'Move the parameters into a body with `Content-Type: application/x-www-form-urlencoded`.',
        'Replace a secret, and revoke a refresh token, that has been sent in a URL.',
      ],
      link: { title: 'RFC 6749 §4.1.3 Access Token Request', url: `${RFC6749}#section-4.1.3` },
    }),
    entry({
      id: 'lint.token.missing-grant-type',
      title: 'Token request without `grant_type`',
      place: 'request',
      summary:
        'Every token request names its grant; without `grant_type` the endpoint answers `invalid_request`.',
      causes: ['The parameter was forgotten or misspelled.'],
      fixes: [
        'Add `grant_type=authorization_code` (with `code`) or `grant_type=refresh_token` (with `refresh_token`).',
      ],
      link: { title: 'RFC 6749 §4.1.3 Access Token Request', url: `${RFC6749}#section-4.1.3` },
      related: ['rabobank.token.grant-type-mismatch'],
    }),
    entry({
      id: 'lint.token.grant-type-mismatch',
      title: '`grant_type` does not match the parameters',
      place: 'request',
      summary: 'The request names one grant but carries the parameters of another (or lacks its own).',
      causes: [
        '`authorization_code` without `code`, or with a `refresh_token`.',
        '`refresh_token` without a `refresh_token` parameter, or with a `code`.',
      ],
      fixes: ['Pair `authorization_code` with `code`, and `refresh_token` with `refresh_token`.'],
      link: { title: 'RFC 6749 §6 Refreshing an Access Token', url: `${RFC6749}#section-6` },
      related: ['rabobank.token.grant-type-mismatch'],
    }),
    entry({
      id: 'lint.token.missing-client-auth',
      title: 'Token request without client authentication',
      place: 'request',
      summary:
        'A confidential client proves who it is on every token request; this one sends no credentials.',
      causes: [
        'No `Authorization: Basic` header and no `client_secret` or `client_assertion` in the body.',
        'A public client (no secret of its own) is not flagged: this client sends no `client_id`, uses the client credentials grant, has a secret elsewhere in this file or in its profile, or talks to a server whose clients all have secrets.',
      ],
      fixes: ['Add `Authorization: Basic` with base64 of `client_id:client_secret`.'],
      link: { title: 'RFC 6749 §2.3.1 Client Password', url: `${RFC6749}#section-2.3.1` },
      actions: ['editProfile'],
      related: ['rabobank.token.invalid-client'],
    }),
    entry({
      id: 'lint.token.malformed-basic-auth',
      title: 'Basic header is not base64 of `client_id:client_secret`',
      place: 'request',
      summary: 'The `Authorization: Basic` value does not decode to an id and a secret separated by a colon.',
      causes: ['The value is not valid base64, or the colon between id and secret is missing.'],
      fixes: [
        'Encode `client_id:client_secret` (each form-encoded first) with base64, or let the client build it.',
      ],
      link: { title: 'RFC 6749 §2.3.1 Client Password', url: `${RFC6749}#section-2.3.1` },
      actions: ['editProfile'],
      related: ['rabobank.token.invalid-client'],
    }),
    entry({
      id: 'lint.token.basic-auth-profile-mismatch',
      title: 'Basic header does not match the profile',
      place: 'request',
      summary:
        'The client id or secret inside the Basic header differs from the profile registered for this endpoint.',
      causes: ['The header was written for another app or environment, or the secret was rotated since.'],
      fixes: [
        'Replace the header value with `Basic {{$auth.basic("<profile id>")}}`, which Send Request fills from the stored client secret.',
      ],
      link: { title: 'RFC 6749 §2.3.1 Client Password', url: `${RFC6749}#section-2.3.1` },
      actions: ['editProfile'],
    }),
    entry({
      id: 'lint.authorize.missing-state',
      title: 'Authorization request without `state`',
      place: 'request',
      summary: 'Without `state` the client cannot tell its own callback from a forged one (CSRF).',
      causes: ['The parameter was left out.'],
      fixes: ['Add a fresh, unguessable `state` and check it on the callback.'],
      link: { title: 'RFC 6749 §10.12 Cross-Site Request Forgery', url: `${RFC6749}#section-10.12` },
    }),
    entry({
      id: 'lint.authorize.redirect-uri-mismatch',
      title: '`redirect_uri` differs from the profile’s registered one',
      place: 'request',
      summary:
        'The provider compares `redirect_uri` with the registered value character by character; this one differs.',
      causes: ['Another port, host, path or trailing slash than the registered URI.'],
      fixes: ['Use the registered redirect URI of the profile.'],
      link: { title: 'RFC 6749 §3.1.2.3 Dynamic Configuration', url: `${RFC6749}#section-3.1.2.3` },
      actions: ['editProfile'],
      related: ['rabobank.authorize.redirect-uri-mismatch'],
    }),
    entry({
      id: 'lint.bearer.expired-token',
      title: 'Bearer token has expired',
      place: 'request',
      summary: 'The access token in this request is past its expiry, so the API will answer 401.',
      causes: ['The token’s `exp` claim (or the expiry the token explorer recorded) lies in the past.'],
      fixes: ['Refresh the token and use the new one.'],
      link: { title: 'RFC 6750 §3.1 Error Codes', url: 'https://www.rfc-editor.org/rfc/rfc6750#section-3.1' },
      actions: ['refreshToken'],
      related: ['oauth.bearer.invalid_token', 'rabobank.api.access-token-invalid'],
    }),
    entry({
      id: 'lint.rabobank.missing-scope',
      title: 'Token lacks the scope this Rabobank API needs',
      place: 'request',
      summary:
        'The scopes known for this token do not include one this Rabobank API requires, so the call will get 403.',
      causes: ['The token was obtained for another API’s scope.'],
      fixes: ['Sign in again with the scope the API needs.'],
      link: {
        title: 'Rabobank OAuth 2.0 troubleshooting guide: Forbidden',
        url: 'https://developer.rabobank.nl/oauth2-error-and-troubleshooting-guide',
      },
      errata: ['missing-scope-name', 'payment-request-scope'],
      actions: ['signIn'],
      related: ['rabobank.api.forbidden'],
    }),
    entry({
      id: 'lint.header.date-format',
      title: '`Date` header is not an IMF-fixdate',
      place: 'request',
      summary:
        'HTTP dates have one form, e.g. `Tue, 18 Sep 2018 09:51:01 GMT`; signed Rabobank calls are refused otherwise.',
      causes: ['An ISO 8601 or local-time string was used.'],
      fixes: ['Format the date as IMF-fixdate in GMT.'],
      link: {
        title: 'RFC 9110 §5.6.7 Date/Time Formats',
        url: 'https://www.rfc-editor.org/rfc/rfc9110#section-5.6.7',
      },
      related: ['rabobank.api.date-format'],
    }),
  ];
}
