import * as assert from 'node:assert/strict';
import { parseHttpFile } from '../../../../src/core/httpFile/parseHttpFile';
import { RequestContext, resolveRequestContext } from '../../../../src/core/httpFile/requestContext';

/** The context of the first request in `text`. */
function contextOf(text: string): RequestContext {
  const file = parseHttpFile(text);
  const block = file.blocks.find((b) => b.request);
  assert.ok(block, 'no request in the text');
  return resolveRequestContext(file, block.request);
}

type Expected = Partial<
  Pick<RequestContext, 'endpoint' | 'provider' | 'host' | 'path' | 'grantType' | 'isForm'>
>;

const FORM = 'Content-Type: application/x-www-form-urlencoded';

const CASES: readonly (readonly [what: string, text: string, expected: Expected])[] = [
  [
    'a Rabobank token endpoint',
    'POST https://oauth.rabobank.nl/openapi/oauth2/token',
    { endpoint: 'token', provider: 'rabobank', host: 'oauth.rabobank.nl', path: '/openapi/oauth2/token' },
  ],
  [
    'user info, port, capitals and trailing slashes around an Entra logout',
    'GET https://User:pw@Login.MicrosoftOnline.com:443/common/OAuth2/v2.0/Logout//',
    {
      endpoint: 'revoke',
      provider: 'entra',
      host: 'login.microsoftonline.com',
      path: '/common/oauth2/v2.0/logout//',
    },
  ],
  ['a logout elsewhere', 'GET https://example.com/account/logout', { endpoint: 'resource' }],
  ['a revocation path in capitals', 'POST https://example.com/oauth/REVOKE', { endpoint: 'revoke' }],
  [
    'a Kelvin sign, which lower-cases to k, in the last segment',
    'POST https://example.com/oauth/to\u212Aen',
    { endpoint: 'token' },
  ],
  ['an introspection path', 'POST https://example.com/oauth2/introspection/', { endpoint: 'introspect' }],
  ['a consents segment at the end', 'GET https://api.example.com/v1/Consents/', { endpoint: 'consent' }],
  [
    'a consents segment inside the path',
    'GET https://api.example.com/v1/CONSENTS/abc',
    { endpoint: 'consent' },
  ],
  [
    'consents only in the query',
    'GET https://api.example.com/v1/items?next=/consents/x',
    { endpoint: 'resource', path: '/v1/items' },
  ],
  [
    'a segment that only ends like a kind',
    'GET https://api.example.com/v1/not-a-token',
    { endpoint: 'resource' },
  ],
  [
    'a Keycloak authorization request',
    'GET https://idp.example.com/realms/x/protocol/openid-connect/auth?client_id=a',
    { endpoint: 'authorize', provider: 'keycloak' },
  ],
  [
    'response_type in the query of any path',
    'GET https://x.example.com/start?response_type=code',
    { endpoint: 'authorize' },
  ],
  [
    'a host without a path',
    'GET https://Example.com',
    { host: 'example.com', path: '/', endpoint: 'resource' },
  ],
  [
    'a port and a query without a path',
    'GET https://example.com:8443?x=1',
    { host: 'example.com', path: '/' },
  ],
  ['an empty authority', 'GET https:///token', { host: undefined, path: '/token', endpoint: 'token' }],
  [
    'a path without scheme and a form grant',
    `POST /Custom\n${FORM}\n\ngrant_type=client_credentials`,
    { host: undefined, path: '/custom', endpoint: 'token', grantType: 'client_credentials', isForm: true },
  ],
  [
    'a form body without a content type',
    'POST https://x.example.com/custom\n\ngrant_type=password&username=a',
    { endpoint: 'token', grantType: 'password', isForm: true },
  ],
  [
    'a grant type in a JSON body',
    'POST https://x.example.com/custom\nContent-Type: application/json\n\n{"grant_type": "password"}',
    { endpoint: 'resource', grantType: undefined, isForm: false },
  ],
  [
    'a percent-encoded parameter name',
    `POST https://x.example.com/custom\n${FORM}\n\ngrant%5Ftype=client_credentials`,
    { endpoint: 'token', grantType: 'client_credentials' },
  ],
  [
    'a URL from file variables',
    '@base = https://Auth.Example.com:9000/oauth2\n\n###\nPOST {{base}}/Introspect',
    { endpoint: 'introspect', host: 'auth.example.com', path: '/oauth2/introspect' },
  ],
];

describe('resolveRequestContext', () => {
  for (const [what, text, expected] of CASES) {
    it(`reads ${what}`, () => {
      const ctx = contextOf(text);
      const actual = Object.fromEntries(Object.keys(expected).map((k) => [k, ctx[k as keyof Expected]]));
      assert.deepEqual(actual, expected);
    });
  }
});
