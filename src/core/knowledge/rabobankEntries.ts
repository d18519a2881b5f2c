import { KnowledgeEntry, entry } from './knowledgeEntry';

/** Rabobank's troubleshooting guide as a link target; it has no stable section anchors. */
export const RABOBANK_GUIDE_URL = 'https://developer.rabobank.nl/oauth2-error-and-troubleshooting-guide';
const GUIDE = (section: string) => ({
  title: `Rabobank OAuth 2.0 troubleshooting guide: ${section}`,
  url: RABOBANK_GUIDE_URL,
});

/** The cases of Rabobank's guide plus the Rabobank-specific signatures other Rabobank pages document. */
export function rabobankEntries(): KnowledgeEntry[] {
  return [
    entry({
      id: 'rabobank.authorize.invalid-client',
      title: 'Rabobank rejected the client id on the authorization call',
      place: 'authorize-page',
      status: [401],
      summary:
        'The authorize endpoint answered 401 with “invalid client id or secret” and showed an error instead of the ' +
        'login page, so the user never got to consent.',
      causes: [
        'The `client_id` query parameter does not belong to any app on the developer portal: a typo, or a sandbox id sent to production (or the reverse).',
        'The app exists but is not subscribed to the OAuth 2.0 product (or to the API the scope belongs to).',
      ],
      fixes: [
        'Open your app on the Rabobank developer portal and subscribe it to OAuth 2.0 Services (PSD2) or the Access Authorization API (premium), and to the API you call.',
        'Copy the client id of that exact app into the request and make sure the host matches the environment of the app.',
      ],
      link: GUIDE('Invalid client id supplied'),
      actions: ['setClientSecret', 'editProfile'],
    }),
    entry({
      id: 'rabobank.authorize.redirect-uri-mismatch',
      title: 'Rabobank: redirect URI mismatch',
      place: 'authorize-page',
      status: [200, 400],
      summary:
        'The `redirect_uri` of the authorization request is not the one registered for the app, so Rabobank showed a ' +
        '“Redirect URI Mismatch” page and did not redirect back.',
      causes: [
        'The `redirect_uri` differs from the registered “OAuth Redirect URI” in any way: scheme, host, port, path, trailing slash or encoding.',
        'Several redirect URIs are registered and the request names none of them, or another one.',
        'A dynamic redirect URI was used; Rabobank compares against the registered value only.',
      ],
      fixes: [
        'Copy the registered value into `redirect_uri` character for character (URL-encoded in the query).',
        'Send one of the registered URIs explicitly whenever the app has more than one.',
        'Send the very same `redirect_uri` again on the token request.',
      ],
      link: GUIDE('Redirect URI mismatch'),
      actions: ['editProfile'],
    }),
    entry({
      id: 'rabobank.token.invalid-code',
      title: 'Rabobank: the authorization code was not accepted',
      place: 'token-endpoint',
      status: [400],
      summary:
        'The token endpoint refused to exchange the authorization code (400 `invalid_grant` on an ' +
        '`authorization_code` grant).',
      causes: [
        'The code was already exchanged once; codes are single-use, so a reload of the callback or a retry fails.',
        'More than 5 minutes passed between the redirect and the exchange.',
        'The exchange ran too soon after the redirect, before the code reached every Rabobank server.',
        'The code was copied incompletely or its URL encoding was not undone.',
        'The `redirect_uri` of the token call differs from the one sent to authorize.',
      ],
      fixes: [
        'Exchange each code exactly once, within 5 minutes; guard against double submission.',
        'Wait about a second after receiving the code before calling the token endpoint.',
        'Run Sign In again to get a fresh code when the old one is gone.',
      ],
      link: GUIDE('Invalid authorization code'),
      actions: ['signIn'],
      related: ['rabobank.token.invalid-refresh-token', 'oauth.token.invalid_grant'],
    }),
    entry({
      id: 'rabobank.token.invalid-refresh-token',
      title: 'Rabobank: the refresh token was not accepted',
      place: 'token-endpoint',
      status: [401],
      summary:
        'The token endpoint refused the refresh token (Rabobank answers 401 `invalid_grant` here, where RFC 6749 ' +
        'would use 400).',
      causes: [
        'The refresh token was already used: Rabobank issues a new one with every refresh and the old one stops working.',
        'The refresh token expired.',
        'The user’s consent expired or was revoked, which ends the refresh token too.',
        'The token sent is not the one issued to this client (wrong environment, truncated value).',
      ],
      fixes: [
        'Keep the refresh token from the latest token response and discard the previous one; run one refresh at a time per consent.',
        'Run Check Consent when refreshing still fails, and sign in again when the consent is not `valid`.',
      ],
      link: GUIDE('Invalid refresh token'),
      errata: ['consent-status-invalid'],
      actions: ['refreshToken', 'checkConsent', 'signIn'],
      related: ['rabobank.token.invalid-code', 'oauth.token.invalid_grant'],
    }),
    entry({
      id: 'rabobank.token.invalid-client',
      title: 'Rabobank: client authentication failed at the token endpoint',
      place: 'token-endpoint',
      status: [401],
      summary:
        'The `Authorization` header of the token request did not carry a client id and secret Rabobank accepts.',
      causes: [
        'The client secret is wrong, was reset on the portal, or belongs to another app or environment.',
        'The header is not HTTP Basic over base64 of `client_id:client_secret` (missing colon, broken base64, extra whitespace).',
        'The app is not subscribed to the API behind the requested scope.',
      ],
      fixes: [
        'Send `Authorization: Basic` followed by base64 of `client_id:client_secret` (each part form-encoded first if it holds reserved characters).',
        'Reset the secret on the developer portal when it is lost, then run Set Client Secret with the new value.',
      ],
      link: GUIDE('Invalid authorization header'),
      actions: ['setClientSecret', 'editProfile'],
      related: ['oauth.token.invalid_client'],
    }),
    entry({
      id: 'rabobank.token.grant-type-mismatch',
      title: 'Rabobank: grant type missing or not matching the request',
      place: 'token-endpoint',
      status: [400],
      summary:
        'The token endpoint answered 400 `invalid_request` because `grant_type` is missing or does not fit the ' +
        'parameters sent with it.',
      causes: [
        '`grant_type` is absent, empty, or sent as `code`.',
        '`grant_type` does not match the credential: e.g. a refresh token sent with `authorization_code`.',
        'The parameters were sent in the query string instead of a form-encoded body.',
      ],
      fixes: [
        'Exchange a code with `grant_type=authorization_code` plus `code` (and the `redirect_uri` used on authorize).',
        'Refresh with `grant_type=refresh_token` plus `refresh_token`.',
        'Send them in a POST body with `Content-Type: application/x-www-form-urlencoded`.',
      ],
      link: GUIDE('Grant type mismatch'),
      errata: ['grant-type-value'],
      related: ['oauth.token.invalid_request'],
    }),
    entry({
      id: 'rabobank.api.access-token-invalid',
      title: 'Rabobank API: access token expired or invalid',
      place: 'resource-call',
      status: [401],
      summary: 'The API gateway could not verify the access token of this call and answered 401.',
      causes: [
        'The access token expired; Rabobank access tokens last one hour.',
        'The token is malformed, truncated, belongs to another client, or was never issued.',
        'The TLS client certificate is missing or differs from the one uploaded for the app.',
        'The `X-IBM-Client-Id` header is missing or names another app.',
      ],
      fixes: [
        'Refresh the access token with the refresh token (track `expires_in` and refresh ahead of expiry).',
        'Run Check Consent when the refresh fails too, and sign in again when the consent is no longer `valid`.',
      ],
      link: GUIDE('Access token invalid'),
      errata: ['consent-status-invalid'],
      actions: ['refreshToken', 'checkConsent', 'signIn'],
      related: ['rabobank.api.forbidden'],
    }),
    entry({
      id: 'rabobank.api.forbidden',
      title: 'Rabobank API: forbidden (consent gone or scope missing)',
      place: 'resource-call',
      status: [403],
      summary: 'The API gateway accepted the token but refused the call with 403.',
      causes: [
        'The user’s consent expired or was revoked while the tokens still look valid.',
        'The token lacks the scope this API needs, e.g. a payment-request token used on Account Information.',
      ],
      fixes: [
        'Read the consent through the Consent Details API; if it is not `valid`, run the authorization flow again.',
        'Sign in again with the scope this API needs when the consent is valid (Account Information: `ais.balances.read`, `ais.transactions.read-90days` or `ais.transactions.read-history`).',
      ],
      link: GUIDE('Forbidden'),
      errata: ['missing-scope-name', 'payment-request-scope', 'consent-status-invalid'],
      actions: ['checkConsent', 'signIn'],
      related: ['rabobank.api.access-token-invalid'],
    }),
    entry({
      id: 'rabobank.api.invalid-client-id',
      title: 'Rabobank API: client id not recognised by the gateway',
      place: 'resource-call',
      status: [401],
      summary: 'The gateway did not accept the client id sent with the API call.',
      causes: [
        'The `X-IBM-Client-Id` header is missing, or holds the id of another app or environment.',
        'The app is not subscribed to this API, or is inactive.',
      ],
      fixes: [
        'Send `X-IBM-Client-Id` with the client id of the app that obtained the token.',
        'Subscribe the app to the API on the developer portal.',
      ],
      link: {
        title: 'Rabobank API HTTP response codes',
        url: 'https://developer.rabobank.nl/api-http-response-codes',
      },
      actions: ['editProfile'],
    }),
    entry({
      id: 'rabobank.api.date-format',
      title: 'Rabobank API: the Date header is not in the expected format',
      place: 'resource-call',
      status: [400],
      summary: 'The signed call was refused with “Format error” because its `Date` header could not be read.',
      causes: ['The `Date` header is not an IMF-fixdate such as `Tue, 18 Sep 2018 09:51:01 GMT`.'],
      fixes: ['Format the date as IMF-fixdate in GMT and sign exactly the string you send.'],
      link: { title: 'Rabobank error list', url: 'https://developer.rabobank.nl/error-list' },
      related: ['lint.header.date-format'],
    }),
    entry({
      id: 'rabobank.consent.not-valid',
      title: 'Rabobank consent is not valid',
      place: 'consent-api',
      status: [200],
      summary:
        'The Consent Details API reports a status other than `valid` for this consent, so tokens based on it cannot ' +
        'reach the accounts any more.',
      causes: [
        'The consent ran past its validity (180 days for PSD2 consents).',
        'The user revoked it in online banking (`revokedByPsu`), or the TPP ended it (`terminatedByTpp`).',
        'The consent was never completed (`received`) or was refused (`rejected`).',
      ],
      fixes: [
        'Send the user through the authorization flow again to get a new consent, and keep its new consent id.',
      ],
      link: GUIDE('How to check if the user consent expired or revoked'),
      errata: ['consent-status-invalid'],
      actions: ['checkConsent', 'signIn'],
    }),
  ];
}
