import * as assert from 'node:assert/strict';
import { errorFromResponse } from '../../../../src/core/oauth/endpointResponse';
import { ErrorContext } from '../../../../src/core/oauth/errorCatalog';
import { HttpResponse } from '../../../../src/core/oauth/httpClient';

const token: ErrorContext = { endpoint: 'token', rabobank: false };
const rabobankRefresh: ErrorContext = { endpoint: 'token', grantType: 'refresh_token', rabobank: true };
const revocation: ErrorContext = { endpoint: 'revocation', rabobank: false };

function response(status: number, body: string, contentType = 'application/json'): HttpResponse {
  return { status, headers: { 'content-type': contentType }, body };
}

describe('errorFromResponse', () => {
  const cases: {
    name: string;
    res: HttpResponse;
    context: ErrorContext;
    expect: { code: string; status: number; error?: string; catalogId?: string };
  }[] = [
    {
      name: 'an OAuth error body',
      res: response(400, '{"error":"invalid_scope","error_description":"nope"}'),
      context: token,
      expect: {
        code: 'OAUTH_RESPONSE',
        status: 400,
        error: 'invalid_scope',
        catalogId: 'oauth.token.invalid_scope',
      },
    },
    {
      name: 'Rabobank’s 401 invalid_grant on refresh',
      res: response(401, '{"error": "invalid_grant"}'),
      context: rabobankRefresh,
      expect: {
        code: 'OAUTH_RESPONSE',
        status: 401,
        error: 'invalid_grant',
        catalogId: 'rabobank.token.invalid-refresh-token',
      },
    },
    {
      name: 'an error code no RFC registers',
      res: response(400, '{"error":"weird_thing"}'),
      context: token,
      expect: { code: 'OAUTH_RESPONSE', status: 400, error: 'weird_thing' },
    },
    {
      name: 'a gateway body sent with HTTP 200',
      res: response(200, '{"httpCode":"403","httpMessage":"Forbidden","moreInformation":"Forbidden"}'),
      context: { endpoint: 'consent', rabobank: true },
      expect: {
        code: 'HTTP_GATEWAY_ERROR',
        status: 403,
        error: 'Forbidden',
        catalogId: 'rabobank.api.forbidden',
      },
    },
    {
      name: 'an empty 500',
      res: response(500, ''),
      context: token,
      expect: { code: 'HTTP_SERVER_ERROR', status: 500 },
    },
    {
      name: 'a 503 from the revocation endpoint',
      res: response(503, 'busy', 'text/plain'),
      context: revocation,
      expect: { code: 'HTTP_SERVER_ERROR', status: 503, catalogId: 'oauth.revoke.service-unavailable' },
    },
    {
      name: 'a 404 HTML page',
      res: response(404, '<html>not here</html>', 'text/html'),
      context: token,
      expect: { code: 'HTTP_UNEXPECTED_RESPONSE', status: 404 },
    },
    {
      name: 'truncated JSON',
      res: response(400, '{"error":"invalid_gr'),
      context: token,
      expect: { code: 'HTTP_UNEXPECTED_RESPONSE', status: 400 },
    },
  ];
  for (const { name, res, context, expect } of cases) {
    it(`maps ${name}`, () => {
      const err = errorFromResponse(res, context);
      assert.deepEqual(
        { code: err.code, status: err.status, error: err.error, catalogId: err.catalogId },
        { error: undefined, catalogId: undefined, ...expect },
      );
      assert.ok(err.message.endsWith('.'));
    });
  }
});
