import * as assert from 'node:assert/strict';
import {
  chooseOAuthError,
  findChallengeSignatures,
  findPageSignature,
} from '../../../../src/core/httpFile/errorSignatures';
import { RequestContext, UNKNOWN_CONTEXT } from '../../../../src/core/httpFile/requestContext';

const at = (
  endpoint: RequestContext['endpoint'],
  provider: RequestContext['provider'],
  grantType?: string,
  host?: string,
): RequestContext => ({
  ...UNKNOWN_CONTEXT,
  endpoint,
  provider,
  grantType,
  host:
    host ??
    (provider === 'rabobank' ? 'oauth.rabobank.nl' : provider === 'unknown' ? undefined : 'idp.example'),
});

describe('chooseOAuthError', () => {
  const table: [
    error: string,
    description: string,
    ctx: RequestContext,
    status: number | undefined,
    id: string,
    alternatives: string[],
  ][] = [
    [
      'invalid_grant',
      '',
      at('token', 'rabobank', 'authorization_code'),
      400,
      'rabobank.token.invalid-code',
      [],
    ],
    [
      'invalid_grant',
      '',
      at('token', 'rabobank', 'refresh_token'),
      401,
      'rabobank.token.invalid-refresh-token',
      [],
    ],
    ['invalid_grant', '', at('token', 'rabobank', 'code'), undefined, 'rabobank.token.invalid-code', []],
    [
      'invalid_grant',
      '',
      at('token', 'rabobank'),
      400,
      'rabobank.token.invalid-code',
      ['rabobank.token.invalid-refresh-token'],
    ],
    [
      'invalid_grant',
      '',
      at('token', 'rabobank'),
      401,
      'rabobank.token.invalid-refresh-token',
      ['rabobank.token.invalid-code'],
    ],
    [
      'invalid_grant',
      '',
      at('token', 'rabobank'),
      undefined,
      'oauth.token.invalid_grant',
      ['rabobank.token.invalid-code', 'rabobank.token.invalid-refresh-token'],
    ],
    ['invalid_client', '', at('token', 'rabobank'), 401, 'rabobank.token.invalid-client', []],
    ['invalid_request', '', at('token', 'rabobank'), 400, 'rabobank.token.grant-type-mismatch', []],
    [
      'invalid_client_ID_or_secret',
      '',
      at('authorize', 'rabobank'),
      401,
      'rabobank.authorize.invalid-client',
      [],
    ],
    [
      'invalid_grant',
      '',
      at('token', 'unknown', 'refresh_token', 'auth.example.com'),
      400,
      'oauth.token.invalid_grant',
      [],
    ],
    [
      'invalid_request',
      '',
      at('authorize', 'unknown', undefined, 'auth.example.com'),
      undefined,
      'oauth.authorize.invalid_request',
      [],
    ],
    [
      'invalid_request',
      '',
      at('resource', 'unknown', undefined, 'api.example.com'),
      400,
      'oauth.bearer.invalid_request',
      [],
    ],
    [
      'invalid_request',
      '',
      at('revoke', 'unknown', undefined, 'auth.example.com'),
      400,
      'oauth.revoke.invalid_request',
      [],
    ],
    [
      'invalid_request',
      '',
      UNKNOWN_CONTEXT,
      undefined,
      'oauth.token.invalid_request',
      [
        'oauth.authorize.invalid_request',
        'oauth.bearer.invalid_request',
        'oauth.revoke.invalid_request',
        'rabobank.token.grant-type-mismatch',
      ],
    ],
    ['access_denied', '', UNKNOWN_CONTEXT, undefined, 'oauth.authorize.access_denied', []],
    ['invalid_token', '', UNKNOWN_CONTEXT, 401, 'oauth.bearer.invalid_token', []],
    ['unsupported_token_type', '', UNKNOWN_CONTEXT, 400, 'oauth.revoke.unsupported_token_type', []],
    ['made_up', '', UNKNOWN_CONTEXT, 400, 'oauth.any.unregistered-error', []],
    [
      'invalid_grant',
      'AADSTS700082: The refresh token has expired due to inactivity.',
      UNKNOWN_CONTEXT,
      400,
      'entra.AADSTS700082',
      [],
    ],
    ['invalid_grant', 'AADSTS99999: unknown', at('token', 'entra'), 400, 'oauth.token.invalid_grant', []],
    ['invalid_grant', 'Token is not active', UNKNOWN_CONTEXT, 400, 'keycloak.token.token-not-active', []],
    ['invalid_token', 'Token is not active', UNKNOWN_CONTEXT, 401, 'keycloak.bearer.token-not-active', []],
    ['invalid_grant', 'Bad Request', at('token', 'google'), 400, 'google.token.invalid-code', []],
    [
      'invalid_grant',
      'Bad Request',
      at('token', 'unknown', undefined, 'idp.example'),
      400,
      'oauth.token.invalid_grant',
      [],
    ],
    [
      'redirect_uri_mismatch',
      'Bad Request',
      at('token', 'google'),
      400,
      'google.token.redirect-uri-mismatch',
      [],
    ],
    ['unauthorized_client', '', at('token', 'keycloak'), 400, 'keycloak.token.unauthorized-client', []],
    ['Format error', '', at('resource', 'rabobank'), 400, 'rabobank.api.date-format', []],
  ];
  for (const [error, description, ctx, status, id, alternatives] of table) {
    it(`reads ${error}${description ? ` "${description.slice(0, 20)}"` : ''} at ${ctx.endpoint}/${ctx.provider}${ctx.grantType ? `/${ctx.grantType}` : ''}/${status ?? '-'} as ${id}`, () => {
      const choice = chooseOAuthError(error, description, [], ctx, status);
      assert.equal(choice.code, id);
      assert.deepEqual(choice.alternatives, alternatives);
    });
  }

  it('reads the AADSTS number from error_codes when the description lacks it', () => {
    assert.equal(
      chooseOAuthError('invalid_client', '', ['7000215'], UNKNOWN_CONTEXT, 401).code,
      'entra.AADSTS7000215',
    );
  });
});

describe('findChallengeSignatures', () => {
  it('finds error in quoted and bare form, and several challenges', () => {
    const value = 'Basic realm="x", Bearer realm="api", error=invalid_token, error_description="a, b"';
    const [f] = findChallengeSignatures(value);
    assert.equal(f.code, 'oauth.bearer.invalid_token');
    assert.equal(value.slice(f.start, f.end), 'error=invalid_token');
    assert.equal(f.serverText, 'a, b');
  });

  it('reports an unregistered bearer error as information', () => {
    const [f] = findChallengeSignatures('Bearer error="use_dpop_nonce"');
    assert.deepEqual([f.code, f.severity], ['oauth.any.unregistered-error', 'information']);
  });

  it('reads a 401 Bearer challenge without error as missing credentials, and only on a 401', () => {
    const value = 'Basic realm="a", Bearer realm="x"';
    const [f] = findChallengeSignatures(value, { unauthorized: true });
    assert.equal(f.code, 'oauth.bearer.no-credentials');
    assert.equal(value.slice(f.start, f.end), 'Bearer');
    assert.deepEqual(findChallengeSignatures('Basic realm="a"', { unauthorized: true }), []);
  });

  it('ignores challenges without error and survives garbage', () => {
    assert.deepEqual(findChallengeSignatures('Bearer realm="x"'), []);
    for (const v of ['=', '"', 'error=', 'error="', ',,,', 'a=b=c', '\\']) {
      assert.doesNotThrow(() => findChallengeSignatures(v), v);
    }
  });
});

describe('findPageSignature', () => {
  it('prefers the most specific page marker', () => {
    assert.equal(
      findPageSignature('<p>Error 400: redirect_uri_mismatch</p>')?.code,
      'google.authorize.redirect-uri-mismatch',
    );
    assert.equal(
      findPageSignature('<h1>REDIRECT URI MISMATCH</h1>')?.code,
      'rabobank.authorize.redirect-uri-mismatch',
    );
    assert.equal(findPageSignature('<h1>Welcome</h1>'), undefined);
  });
});
