import { KnowledgeEntry, entry } from './knowledgeEntry';

const RFC6749 = 'https://www.rfc-editor.org/rfc/rfc6749';
const RFC7636 = 'https://www.rfc-editor.org/rfc/rfc7636';

/** Pre-flight checks on grants, authorization parameters and request hygiene. */
export function precisionLintEntries(): KnowledgeEntry[] {
  return [
    entry({
      id: 'lint.token.unknown-grant-type',
      title: 'Unknown `grant_type`',
      place: 'request',
      summary:
        'The token endpoint only knows the grants it was built for; a name it does not know is refused with `unsupported_grant_type`.',
      causes: [
        'A typing mistake in the grant name (`passwrd`, `client_credential`).',
        'A short name written where the grant is identified by a URN (device code, token exchange, JWT bearer).',
      ],
      fixes: [
        'Use the registered name: `authorization_code`, `refresh_token`, `client_credentials`, `password`, or the full `urn:ietf:params:oauth:grant-type:…` URN.',
      ],
      link: { title: 'RFC 6749 §5.2 Error Response', url: `${RFC6749}#section-5.2` },
    }),
    entry({
      id: 'lint.token.grant-missing-parameter',
      title: 'The grant lacks a parameter it needs',
      place: 'request',
      summary:
        'Each grant comes with its own parameters; without them the token endpoint answers `invalid_request`.',
      causes: [
        { text: '`password` needs `username` and `password`.', when: { grantType: 'password' } },
        'The device code grant (RFC 8628) needs the `device_code` from the device authorization answer.',
        'Token exchange (RFC 8693) needs `subject_token` and `subject_token_type`; an `actor_token` needs `actor_token_type`.',
        'The JWT bearer grant (RFC 7523) needs the signed JWT in `assertion`.',
      ],
      fixes: ['Add the parameters the grant names, in the same body as `grant_type`.'],
      link: { title: 'RFC 8693 §2.1 Request', url: 'https://www.rfc-editor.org/rfc/rfc8693#section-2.1' },
    }),
    entry({
      id: 'lint.token.missing-redirect-uri',
      title: 'Code exchange without `redirect_uri`',
      place: 'request',
      summary:
        'The authorization request that issued the code named a `redirect_uri`, so the token request that redeems the code has to repeat that exact value; without it the code is refused with `invalid_grant`. Rabobank’s authorization requests (and the practice server’s) always name one; at other servers this is flagged only when this file’s own authorization request for the same client did.',
      causes: [
        'The parameter was left out when `grant_type=code` was corrected to `authorization_code`.',
        'The request was copied from a server where the authorization request named no redirect URI.',
      ],
      fixes: [
        'Add `redirect_uri` with the value the authorization request sent, URL-encoded (for example from a `@redirectUri` variable).',
      ],
      link: { title: 'RFC 6749 §4.1.3 Access Token Request', url: `${RFC6749}#section-4.1.3` },
      related: ['rabobank.token.invalid-code'],
    }),
    entry({
      id: 'lint.token.password-grant',
      title: 'The password grant is on its way out',
      place: 'request',
      summary:
        'The client sees the user’s password here. Security best current practice forbids this grant and OAuth 2.1 no longer has it; many servers switch it off.',
      causes: ['An older sample or a test script that signs in without a browser.'],
      fixes: [
        'Sign in with the authorization code grant and PKCE, or with the device grant on devices without a browser.',
      ],
      link: {
        title: 'RFC 9700 §2.4 Resource Owner Password Credentials Grant',
        url: 'https://www.rfc-editor.org/rfc/rfc9700#section-2.4',
      },
    }),
    entry({
      id: 'lint.token.credentials-in-url',
      title: 'Client credentials in the URL',
      place: 'request',
      summary:
        'The secret travels in the URL. Servers, proxies and tools write URLs to access logs and histories, so the secret ends up in places nobody protects.',
      causes: [
        '`client_secret` (or a password) in the query string.',
        'A `https://id:secret@host` address, which some clients turn into a Basic header and others send as written.',
      ],
      fixes: [
        'Send the client credentials in an `Authorization: Basic` header, or as `client_secret` in the form body, and rotate a secret that has been logged.',
      ],
      link: { title: 'RFC 6749 §2.3.1 Client Password', url: `${RFC6749}#section-2.3.1` },
      actions: ['editProfile'],
    }),
    entry({
      id: 'lint.authorize.credentials-in-front-channel',
      title: 'Credentials in the authorization request',
      place: 'request',
      summary:
        'The authorization request goes through the user’s browser: a secret in it is seen by the browser, its history, its extensions and any logs on the way.',
      causes: ['`client_secret`, `client_assertion` or a password added to the authorization URL.'],
      fixes: [
        'Send credentials to the token endpoint only, over the back channel, never in the authorization request.',
        'Replace a secret that has been sent this way.',
      ],
      link: { title: 'RFC 6749 §3.1 Authorization Endpoint', url: `${RFC6749}#section-3.1` },
    }),
    entry({
      id: 'lint.authorize.pkce-challenge-malformed',
      title: '`code_challenge` has the wrong shape',
      place: 'request',
      summary:
        'An S256 challenge is the base64url SHA-256 of the verifier: 43 characters, no padding. A plain challenge is 43 to 128 unreserved characters. Servers refuse anything else.',
      causes: [
        'The variable that should hold the challenge was empty or not defined.',
        'Standard base64 (`+`, `/`, `=`) was used instead of base64url, or the verifier was sent instead of its hash.',
      ],
      fixes: [
        'Use `BASE64URL(SHA256(code_verifier))` without padding as the challenge, or let the client generate the pair.',
      ],
      link: { title: 'RFC 7636 §4.2 Client Creates the Code Challenge', url: `${RFC7636}#section-4.2` },
    }),
    entry({
      id: 'lint.authorize.pkce-plain',
      title: 'PKCE with the `plain` method',
      place: 'request',
      summary:
        'With `plain` (also what a challenge without a method means) the challenge is the verifier itself, so anyone who sees the authorization request can redeem the code.',
      causes: ['`code_challenge_method=plain`, or no `code_challenge_method` at all.'],
      fixes: ['Send `code_challenge_method=S256` with the hashed challenge.'],
      link: { title: 'RFC 7636 §7.2 Protection of the Code Verifier', url: `${RFC7636}#section-7.2` },
    }),
    entry({
      id: 'lint.authorize.pkce-method-without-challenge',
      title: '`code_challenge_method` without `code_challenge`',
      place: 'request',
      summary: 'A method is named but no challenge is sent, so the server either refuses or skips PKCE.',
      causes: ['The challenge parameter was dropped or renamed.'],
      fixes: ['Add `code_challenge` with the S256 hash of the verifier.'],
      link: { title: 'RFC 7636 §4.3 Client Sends the Code Challenge', url: `${RFC7636}#section-4.3` },
    }),
    entry({
      id: 'lint.authorize.implicit-grant',
      title: 'Implicit grant (`response_type=token`)',
      place: 'request',
      summary:
        'The access token comes back in the redirect URL, where browser history, logs and other scripts can read it, and no client authentication or PKCE binds it to this client. Current security advice drops this flow; OAuth 2.1 removes it.',
      causes: ['The request follows an older single-page-app tutorial.'],
      fixes: [
        'Use `response_type=code` with PKCE (`code_challenge`, `code_challenge_method=S256`) and exchange the code at the token endpoint.',
      ],
      link: {
        title: 'RFC 9700 §2.1.2 Implicit Grant',
        url: 'https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2',
      },
    }),
    entry({
      id: 'lint.authorize.openid-without-nonce',
      title: '`openid` without a `nonce`',
      place: 'request',
      summary:
        'A `nonce` ties the ID token to this request so a replayed one is noticed. It is required when the ID token comes back from the authorization endpoint, and some servers require it always.',
      causes: ['The request asks for `openid` but sends no `nonce`.'],
      fixes: ['Add a fresh random `nonce` and check that the ID token’s `nonce` claim equals it.'],
      link: {
        title: 'OpenID Connect Core §3.1.2.1 Authentication Request',
        url: 'https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest',
      },
    }),
    entry({
      id: 'lint.header.quoted-value',
      title: 'Header value in quotes',
      place: 'request',
      summary:
        'HTTP header values are not quoted: the quotes are sent as part of the value and the server refuses it.',
      causes: ['The value was copied from a shell command or a code sample, quotes and all.'],
      fixes: ['Remove the quotes around the value.'],
      link: {
        title: 'RFC 9110 §5.5 Field Values',
        url: 'https://www.rfc-editor.org/rfc/rfc9110#section-5.5',
      },
    }),
    entry({
      id: 'lint.bearer.placeholder',
      title: 'Placeholder instead of a token',
      place: 'request',
      summary:
        'The bearer value is a placeholder from documentation; it is sent as written and the API answers 401.',
      causes: ['`{TOKEN}`, `<token>`, `YOUR_TOKEN` and the like were copied from a sample.'],
      fixes: ['Use a real token, e.g. `{{$auth.token("<profile id>")}}`, resolved when the request is sent.'],
      link: {
        title: 'RFC 6750 §2.1 Authorization Request Header Field',
        url: 'https://www.rfc-editor.org/rfc/rfc6750#section-2.1',
      },
      actions: ['signIn'],
    }),
    entry({
      id: 'lint.bearer.id-token',
      title: 'ID token sent as an access token',
      place: 'request',
      summary:
        'An ID token tells the client who signed in; it is meant for the client, not for APIs. Resource servers refuse it or, worse, accept a token issued for someone else.',
      causes: ['The `id_token` of the token answer was used instead of its `access_token`.'],
      fixes: ['Send the access token: `{{$auth.token("<profile id>")}}`.'],
      link: {
        title: 'OpenID Connect Core §2 ID Token',
        url: 'https://openid.net/specs/openid-connect-core-1_0.html#IDToken',
      },
    }),
    entry({
      id: 'lint.header.missing-scheme',
      title: 'Authorization header without a scheme',
      place: 'request',
      summary:
        'The header holds a token but no scheme in front of it; servers read the first word as the scheme and refuse the request as unauthenticated.',
      causes: ['The token was pasted as the whole header value, without `Bearer `.'],
      fixes: [
        'Add `Bearer ` in front of the token, or better write `Bearer {{$auth.token("<profile id>")}}`.',
      ],
      link: {
        title: 'RFC 6750 §2.1 Authorization Request Header Field',
        url: 'https://www.rfc-editor.org/rfc/rfc6750#section-2.1',
      },
    }),
    entry({
      id: 'lint.request.secret-in-query',
      title: 'A token or client secret in the URL',
      place: 'request',
      summary:
        'The token or secret travels in the query string. Servers, proxies and tools write URLs to access logs and histories, so it ends up where nobody protects it; RFC 6750 advises against access tokens in URLs, and token introspection takes the token in a POST body.',
      causes: [
        'An API called with `?access_token=…` instead of an `Authorization: Bearer` header.',
        'A token check or introspection endpoint called with the token and the client secret in the query.',
      ],
      fixes: [
        'Move the token to an `Authorization: Bearer` header (or, for introspection and revocation, to a form-encoded POST body with the client credentials in `Authorization: Basic`), and revoke or rotate what has been logged.',
      ],
      link: {
        title: 'RFC 6750 §2.3 URI Query Parameter',
        url: 'https://www.rfc-editor.org/rfc/rfc6750#section-2.3',
      },
    }),
    entry({
      id: 'lint.request.request-line-in-body',
      title: 'A request line inside the body of the request above',
      place: 'request',
      summary:
        'Only a `###` line starts a new request. After a `#` or `##` line the next request line is read as part of the body of the request above it: that request goes out with it as its body, and the request itself is never sent.',
      causes: ['Requests separated with `#`, `##` or a blank line instead of `###`.'],
      fixes: ['Add a `###` line above the request line, so it becomes a request of its own.'],
      link: {
        title: 'JetBrains HTTP Client: HTTP request syntax',
        url: 'https://www.jetbrains.com/help/idea/exploring-http-syntax.html',
      },
    }),
    entry({
      id: 'lint.request.html-entity',
      title: 'HTML entity in the request',
      place: 'request',
      summary:
        'An `&amp;` (or another entity) was copied from a web page; it is sent literally, so parameters run together or get odd names.',
      causes: ['The URL or body came from an HTML page or an e-mail.'],
      fixes: ['Replace `&amp;` with `&` (and other entities with the character they stand for).'],
      link: { title: 'RFC 3986 §3.4 Query', url: 'https://www.rfc-editor.org/rfc/rfc3986#section-3.4' },
    }),
    entry({
      id: 'lint.request.form-spaces',
      title: 'Blanks around `=` in a form body',
      place: 'request',
      summary:
        'In a form body the blanks are part of the name or the value; `grant_type = x` sends a parameter named `grant_type ` that the server does not know.',
      causes: ['The body was written like a settings file.'],
      fixes: ['Remove the blanks around `=`; encode a blank inside a value as `+` or `%20`.'],
      link: {
        title: 'URL Standard: application/x-www-form-urlencoded',
        url: 'https://url.spec.whatwg.org/#application/x-www-form-urlencoded',
      },
    }),
    entry({
      id: 'lint.request.method-colon',
      title: 'Colon after the method in a request line',
      place: 'request',
      summary:
        'A request line is `METHOD url`; with a colon after the method no `.http` client reads it as a request.',
      causes: ['The line was written like a header (`POST: https://…`).'],
      fixes: ['Remove the colon after the method, so the line reads `POST https://…`.'],
      link: { title: 'RFC 9112 §3 Request Line', url: 'https://www.rfc-editor.org/rfc/rfc9112#section-3' },
    }),
  ];
}
