import * as assert from 'node:assert/strict';
import { errorFromResponse } from '../../../../src/core/oauth/endpointResponse';
import { ErrorContext } from '../../../../src/core/oauth/errorCatalog';
import { HttpResponse } from '../../../../src/core/oauth/httpClient';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';

function response(status: number, body: string, contentType = 'application/json'): HttpResponse {
  return { status, headers: body ? { 'content-type': contentType } : {}, body };
}

const refresh: ErrorContext = { endpoint: 'token', grantType: 'refresh_token', rabobank: false };
const code: ErrorContext = { endpoint: 'token', grantType: 'authorization_code', rabobank: false };
const clientCredentials: ErrorContext = {
  endpoint: 'token',
  grantType: 'client_credentials',
  rabobank: false,
};

describe('refusal rules: every refusal gets a catalog id and a fix that fits the grant and status', () => {
  const cases: {
    name: string;
    res: HttpResponse;
    context: ErrorContext;
    catalogId: string;
    fix: RegExp;
  }[] = [
    {
      name: 'an empty 400 on refresh: the refresh token is spent or revoked',
      res: response(400, ''),
      context: refresh,
      catalogId: 'oauth.token.invalid_grant',
      fix: /refresh token.*used already, expired or was revoked/,
    },
    {
      name: 'an empty 400 on refresh at Rabobank',
      res: response(400, ''),
      context: { ...refresh, rabobank: true },
      catalogId: 'rabobank.token.invalid-refresh-token',
      fix: /Sign In Again/,
    },
    {
      name: 'an empty 400 on a code exchange',
      res: response(400, ''),
      context: code,
      catalogId: 'oauth.token.invalid_grant',
      fix: /authorization code.*works once/,
    },
    {
      name: 'an empty 401 on any grant: client authentication',
      res: response(401, ''),
      context: clientCredentials,
      catalogId: 'oauth.token.invalid_client',
      fix: /client secret again.*client id/,
    },
    {
      name: 'an empty 403: client authentication',
      res: response(403, '   '),
      context: refresh,
      catalogId: 'oauth.token.invalid_client',
      fix: /client secret again.*client id/,
    },
    {
      name: '403 unauthorized_client after a wrong secret',
      res: response(403, '{"error":"unauthorized_client"}'),
      context: code,
      catalogId: 'oauth.token.invalid_client',
      fix: /client secret again.*calls this `unauthorized_client`/,
    },
    {
      name: '403 invalid_code after a replayed code',
      res: response(403, '{"error":"invalid_code"}'),
      context: code,
      catalogId: 'oauth.token.invalid_grant',
      fix: /calls this `invalid_code`.*works once/,
    },
    {
      name: 'a non-standard refresh error',
      res: response(400, '{"error":"expired_refresh_token"}'),
      context: refresh,
      catalogId: 'oauth.token.invalid_grant',
      fix: /calls this `expired_refresh_token`/,
    },
    {
      name: 'a non-standard client error',
      res: response(401, '{"error":"bad_client_credentials"}'),
      context: clientCredentials,
      catalogId: 'oauth.token.invalid_client',
      fix: /calls this `bad_client_credentials`/,
    },
    {
      name: 'a reused refresh token that revoked the whole family',
      res: response(
        400,
        '{"error":"invalid_grant","error_description":"Refresh token reuse detected; family revoked"}',
      ),
      context: refresh,
      catalogId: 'oauth.token.invalid_grant',
      fix: /Run Sign In Again.*revoked every token/,
    },
    {
      name: 'Basic refused for a secret with reserved characters',
      res: response(401, '{"error":"invalid_client"}'),
      context: { ...clientCredentials, basicSecretEncoded: true },
      catalogId: 'oauth.token.invalid_client',
      fix: /client_secret_post/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const err = errorFromResponse(c.res, c.context);
      assert.equal(err.catalogId, c.catalogId);
      assert.ok(KnowledgeBase.shipped().has(c.catalogId));
      assert.match(err.fix ?? '', c.fix);
    });
  }

  it('keeps the server’s own error value on the error', () => {
    const err = errorFromResponse(response(403, '{"error":"invalid_code"}'), code);
    assert.equal(err.error, 'invalid_code');
    assert.match(err.message, /403 invalid_code/);
  });

  it('leaves the plain mapping alone where it fits', () => {
    const plain = errorFromResponse(response(400, '{"error":"unauthorized_client"}'), clientCredentials);
    assert.equal(plain.catalogId, 'oauth.token.unauthorized_client');
    assert.match(plain.fix ?? '', /Enable this grant type/);
    const encodedButFine = errorFromResponse(response(400, '{"error":"invalid_scope"}'), {
      ...clientCredentials,
      basicSecretEncoded: true,
    });
    assert.equal(encodedButFine.catalogId, 'oauth.token.invalid_scope');
    const other = errorFromResponse(response(404, ''), refresh);
    assert.equal(other.catalogId, undefined);
  });
});
