import { KnowledgeCause, KnowledgeEntry, entry } from './knowledgeEntry';

const RFC6749 = 'https://www.rfc-editor.org/rfc/rfc6749';
const RFC6750 = 'https://www.rfc-editor.org/rfc/rfc6750';
const RFC7009 = 'https://www.rfc-editor.org/rfc/rfc7009';

interface StandardCode {
  readonly code: string;
  readonly title: string;
  readonly summary: string;
  readonly causes: readonly (string | KnowledgeCause)[];
  readonly fixes: readonly string[];
  readonly status?: readonly number[];
  readonly actions?: KnowledgeEntry['actions'];
}

/** RFC 6749 §4.1.2.1: errors sent back to the redirect URI of an authorization request. */
export const AUTHORIZE_ERROR_CODES: readonly StandardCode[] = [
  {
    code: 'invalid_request',
    title: 'Authorization request malformed',
    summary:
      'The authorization server could not accept the request: a parameter is missing, repeated or malformed.',
    causes: [
      '`response_type`, `client_id` or `scope` is missing.',
      'A parameter appears twice, or a value is not URL-encoded (spaces in `scope` must be `%20`).',
      'The server requires PKCE and `code_challenge` is missing, or its method is not supported.',
    ],
    fixes: [
      'Send `response_type=code`, `client_id`, `redirect_uri`, `scope` and `state` once each, URL-encoded.',
    ],
  },
  {
    code: 'unauthorized_client',
    title: 'Client not allowed to use this flow',
    summary: 'The client may not obtain an authorization code this way.',
    causes: [
      'The authorization code flow (or this response type) is not enabled for the client registration.',
    ],
    fixes: ['Enable the authorization code grant for the client, or use the flow it is registered for.'],
    actions: ['editProfile'],
  },
  {
    code: 'access_denied',
    title: 'Authorization denied',
    summary: 'The user, or the server on the user’s behalf, refused the authorization.',
    causes: [
      'The user cancelled or did not complete signing.',
      'A policy of the server refused this client or scope.',
    ],
    fixes: ['Let the user start again when they choose to; do not retry automatically in a loop.'],
    actions: ['signIn'],
  },
  {
    code: 'unsupported_response_type',
    title: 'Response type not supported',
    summary: 'The server does not issue authorization responses of the requested `response_type`.',
    causes: ['`response_type` is not `code` (Rabobank supports only `code`).'],
    fixes: ['Use `response_type=code`.'],
  },
  {
    code: 'invalid_scope',
    title: 'Scope rejected',
    summary: 'The requested scope is unknown, malformed, or not allowed for this client.',
    causes: [
      'A scope name is misspelled or belongs to another API.',
      'Scopes are separated by something other than a space (`%20` in the query).',
      'The app is not subscribed to the API behind the scope.',
    ],
    fixes: ['Request only scopes the client is entitled to, separated by spaces.'],
    actions: ['editProfile'],
  },
  {
    code: 'server_error',
    title: 'Authorization server error',
    summary:
      'The authorization server hit an unexpected condition (this code stands in for a 500 on a redirect).',
    causes: ['A fault on the server side.'],
    fixes: ['Retry in a few minutes; send the provider the time and request when it keeps failing.'],
  },
  {
    code: 'temporarily_unavailable',
    title: 'Authorization server temporarily unavailable',
    summary: 'The authorization server is overloaded or in maintenance (this code stands in for a 503).',
    causes: ['Load or maintenance at the provider.'],
    fixes: ['Retry with back-off.'],
  },
];

/** RFC 6749 §5.2: JSON errors of the token endpoint. */
export const TOKEN_ERROR_CODES: readonly StandardCode[] = [
  {
    code: 'invalid_request',
    title: 'Token request malformed',
    summary:
      'The token endpoint could not accept the request: a parameter is missing, repeated, or malformed.',
    status: [400],
    causes: [
      '`grant_type` or a parameter it needs (`code`, `refresh_token`, `redirect_uri`) is missing.',
      'The body is not `application/x-www-form-urlencoded`, or parameters were sent in the query string.',
      'The client authenticated twice (Basic header and `client_secret` in the body).',
    ],
    fixes: [
      'Send the parameters once, form-encoded in the POST body, and use one client authentication method.',
    ],
  },
  {
    code: 'invalid_client',
    title: 'Client authentication failed',
    summary: 'The token endpoint did not recognise or accept the client’s credentials.',
    status: [400, 401],
    causes: [
      'The client id or secret is wrong, expired, or from another environment.',
      'The `Authorization: Basic` header is not base64 of `client_id:client_secret`.',
      'The client authenticated with a method its registration does not allow.',
    ],
    fixes: [
      'Run Set Client Secret with the secret from the provider’s console, then rebuild the Basic header from the client id and that secret.',
    ],
    actions: ['setClientSecret', 'editProfile'],
  },
  {
    code: 'invalid_grant',
    title: 'Grant rejected',
    summary: 'The authorization code or refresh token was refused.',
    status: [400],
    causes: [
      {
        text: 'The authorization code was already used, or it expired.',
        when: { grantType: 'authorization_code' },
      },
      {
        text: 'The `redirect_uri` or PKCE `code_verifier` does not match the authorization request.',
        when: { grantType: 'authorization_code' },
      },
      {
        text: 'The refresh token expired, was revoked, or was already spent by a rotating server.',
        when: { grantType: 'refresh_token' },
      },
      'The code or token was issued to another client.',
    ],
    fixes: [
      'Exchange a code once, promptly, with the same `redirect_uri` (and `code_verifier`) as on authorize.',
      'Use the newest refresh token you received; sign in again when even that one is refused.',
    ],
    actions: ['refreshToken', 'signIn'],
  },
  {
    code: 'unauthorized_client',
    title: 'Client not allowed to use this grant',
    summary: 'The client is authenticated but may not use this `grant_type`.',
    status: [400],
    causes: ['The grant type is not enabled in the client registration.'],
    fixes: ['Enable the grant for the client, or use one it is registered for.'],
    actions: ['editProfile'],
  },
  {
    code: 'unsupported_grant_type',
    title: 'Grant type not supported',
    summary: 'The token endpoint does not know the `grant_type` sent.',
    status: [400],
    causes: ['`grant_type` is misspelled or uses a value such as `code` instead of `authorization_code`.'],
    fixes: ['Use a registered grant type: `authorization_code`, `refresh_token` or `client_credentials`.'],
  },
  {
    code: 'invalid_scope',
    title: 'Scope rejected by the token endpoint',
    summary: 'The scope asked for is unknown, malformed, or wider than what was granted.',
    status: [400],
    causes: [
      'The token request asks for more scope than the user consented to.',
      'A scope name is misspelled.',
    ],
    fixes: ['Request a subset of the granted scope, or sign in again with the scope you need.'],
    actions: ['signIn'],
  },
];

/** RFC 6750 §3.1: errors in the `WWW-Authenticate: Bearer` challenge of a protected resource. */
export const BEARER_ERROR_CODES: readonly StandardCode[] = [
  {
    code: 'invalid_request',
    title: 'Resource request malformed',
    summary: 'The API refused the request itself, before looking at the token.',
    status: [400],
    causes: [
      'The token was sent in more than one way (header and query), or a parameter is missing or repeated.',
    ],
    fixes: ['Send the token once, in `Authorization: Bearer <token>`.'],
  },
  {
    code: 'invalid_token',
    title: 'Access token rejected',
    summary: 'The API did not accept the access token.',
    status: [401],
    causes: [
      'The access token expired.',
      'It was revoked, is malformed, or was issued for another audience.',
    ],
    fixes: ['Get a new access token (refresh it) and retry the call.'],
    actions: ['refreshToken', 'signIn'],
  },
  {
    code: 'insufficient_scope',
    title: 'Access token lacks the required scope',
    summary: 'The token is valid but does not carry the scope this API needs.',
    status: [403],
    causes: [
      'The token was obtained for other scopes; the challenge’s `scope` parameter names what is needed.',
    ],
    fixes: ['Sign in again asking for the needed scope.'],
    actions: ['signIn'],
  },
];

/** RFC 7009 §2.2.1 plus the RFC 6749 §5.2 codes a revocation endpoint reuses. */
export const REVOKE_ERROR_CODES: readonly StandardCode[] = [
  {
    code: 'unsupported_token_type',
    title: 'Token type cannot be revoked',
    summary: 'The revocation endpoint does not revoke tokens of this type.',
    status: [400],
    causes: [
      'The server revokes only refresh tokens (or only access tokens), and `token_type_hint` named the other.',
    ],
    fixes: ['Revoke the other token, or check which types the server supports.'],
  },
  {
    code: 'invalid_request',
    title: 'Revocation request malformed',
    summary: 'The revocation request is missing `token` or is not form-encoded.',
    status: [400],
    causes: ['`token` is missing, or the body is not `application/x-www-form-urlencoded`.'],
    fixes: ['POST `token=...` (and optionally `token_type_hint`) form-encoded.'],
  },
  {
    code: 'invalid_client',
    title: 'Client authentication failed at the revocation endpoint',
    summary: 'The revocation endpoint did not accept the client’s credentials.',
    status: [401],
    causes: ['The client did not authenticate, or with the wrong id or secret.'],
    fixes: ['Authenticate the same way as on the token endpoint.'],
    actions: ['setClientSecret', 'editProfile'],
  },
];

/** The registered OAuth 2.0 error codes, one entry per place, as `oauth.<place>.<error>`. */
export function oauthEntries(): KnowledgeEntry[] {
  const family = (
    codes: readonly StandardCode[],
    place: 'authorize' | 'token' | 'bearer' | 'revoke',
    link: (code: string) => { title: string; url: string },
  ) =>
    codes.map((c) =>
      entry({
        id: `oauth.${place}.${c.code}`,
        title: `${c.title} (\`${c.code}\`)`,
        place: PLACES[place],
        status: c.status ?? (place === 'authorize' ? [302] : []),
        summary: c.summary,
        causes: c.causes,
        fixes: c.fixes,
        link: link(c.code),
        actions: c.actions,
        related: relatedStandardIds(c.code, place),
      }),
    );
  return [
    ...family(AUTHORIZE_ERROR_CODES, 'authorize', () => ({
      title: 'RFC 6749 §4.1.2.1 Error Response',
      url: `${RFC6749}#section-4.1.2.1`,
    })),
    ...family(TOKEN_ERROR_CODES, 'token', () => ({
      title: 'RFC 6749 §5.2 Error Response',
      url: `${RFC6749}#section-5.2`,
    })),
    ...family(BEARER_ERROR_CODES, 'bearer', () => ({
      title: 'RFC 6750 §3.1 Error Codes',
      url: `${RFC6750}#section-3.1`,
    })),
    ...family(REVOKE_ERROR_CODES, 'revoke', (code) =>
      code === 'unsupported_token_type'
        ? { title: 'RFC 7009 §2.2.1 Error Response', url: `${RFC7009}#section-2.2.1` }
        : { title: 'RFC 7009 §2.2.1 (errors as in RFC 6749 §5.2)', url: `${RFC7009}#section-2.2.1` },
    ),
    entry({
      id: 'oauth.revoke.service-unavailable',
      title: 'Revocation temporarily unavailable',
      place: 'revocation-endpoint',
      status: [503],
      summary: 'The revocation endpoint answered 503: the token may still be valid.',
      causes: ['Load or maintenance at the provider.'],
      fixes: ['Retry later (honour `Retry-After`); until then assume the token still works.'],
      link: { title: 'RFC 7009 §2.2.1', url: `${RFC7009}#section-2.2.1` },
    }),
    entry({
      id: 'oauth.bearer.no-credentials',
      title: 'No access token reached the API',
      place: 'resource-call',
      status: [401],
      summary:
        'The API answered 401 with a Bearer challenge but no `error` code: by RFC 6750 that means the request carried ' +
        'no credentials it could see.',
      causes: [
        'The `Authorization: Bearer` header is missing, misspelled, or its variable resolved to nothing.',
        'A proxy or redirect dropped the header (clients drop `Authorization` when a redirect changes host).',
      ],
      fixes: ['Send `Authorization: Bearer <access token>` on the call itself, to the final URL.'],
      link: { title: 'RFC 6750 §3.1 Error Codes', url: `${RFC6750}#section-3.1` },
      actions: ['signIn'],
    }),
    entry({
      id: 'oauth.introspect.inactive',
      title: 'Token is not active',
      place: 'token-endpoint',
      status: [200],
      summary:
        'The introspection endpoint answered `"active": false`: the token is expired, revoked, unknown, or was issued ' +
        'for another client. It says no more than that, on purpose.',
      causes: [
        'The access token expired or was revoked.',
        'The token was issued by another server or environment, or was copied incompletely.',
      ],
      fixes: ['Refresh the token, or sign in again, and introspect the new one.'],
      link: {
        title: 'RFC 7662 §2.2 Introspection Response',
        url: 'https://www.rfc-editor.org/rfc/rfc7662#section-2.2',
      },
      actions: ['refreshToken', 'signIn'],
    }),
    entry({
      id: 'oauth.any.unregistered-error',
      title: 'Error code not registered in OAuth 2.0',
      place: 'token-endpoint',
      summary:
        'The response carries an `error` value that no OAuth 2.0 RFC defines; the provider’s documentation explains it.',
      causes: ['A provider-specific error code.', 'A gateway or framework error shaped like an OAuth error.'],
      fixes: [
        'Read the provider’s documentation for this code and the `error_description` in the log (Show Log).',
      ],
      link: {
        title: 'IANA OAuth Extensions Error Registry',
        url: 'https://www.iana.org/assignments/oauth-parameters/oauth-parameters.xhtml#extensions-error',
      },
    }),
  ];
}

const PLACES = {
  authorize: 'authorize-redirect',
  token: 'token-endpoint',
  bearer: 'resource-call',
  revoke: 'revocation-endpoint',
} as const;

/** The same code at other places: offered as alternatives when the request context is unknown. */
function relatedStandardIds(code: string, place: string): string[] {
  const places: [string, readonly StandardCode[]][] = [
    ['authorize', AUTHORIZE_ERROR_CODES],
    ['token', TOKEN_ERROR_CODES],
    ['bearer', BEARER_ERROR_CODES],
    ['revoke', REVOKE_ERROR_CODES],
  ];
  return places
    .filter(([p, codes]) => p !== place && codes.some((c) => c.code === code))
    .map(([p]) => `oauth.${p}.${code}`);
}
