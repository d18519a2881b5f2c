import * as assert from 'node:assert/strict';
import { chooseOAuthError } from '../../../../src/core/httpFile/errorSignatures';
import { RequestContext, UNKNOWN_CONTEXT } from '../../../../src/core/httpFile/requestContext';
import { rabobankTokenError } from '../../../../src/core/knowledge/rabobankTokenErrors';
import { catalogIdForOAuthError } from '../../../../src/core/oauth/errorCatalog';

const CODE = 'rabobank.token.invalid-code';
const REFRESH = 'rabobank.token.invalid-refresh-token';

describe('rabobankTokenError: the one place a Rabobank token error becomes an entry id', () => {
  const table: [
    error: string,
    grant: string | undefined,
    status: number | undefined,
    id: string,
    alt: string[],
  ][] = [
    ['invalid_grant', 'authorization_code', 400, CODE, []],
    ['invalid_grant', 'authorization_code', 401, CODE, []],
    ['invalid_grant', 'refresh_token', 400, REFRESH, []],
    ['invalid_grant', 'refresh_token', 401, REFRESH, []],
    ['invalid_grant', undefined, 400, CODE, [REFRESH]],
    ['invalid_grant', undefined, 401, REFRESH, [CODE]],
    ['invalid_grant', 'client_credentials', 400, CODE, [REFRESH]],
    ['invalid_grant', undefined, undefined, 'oauth.token.invalid_grant', [CODE, REFRESH]],
    ['invalid_client', 'refresh_token', 401, 'rabobank.token.invalid-client', []],
    ['invalid_request', 'authorization_code', 400, 'rabobank.token.grant-type-mismatch', []],
  ];
  for (const [error, grant, status, id, alt] of table) {
    it(`reads ${error} for grant ${grant ?? '-'} with status ${status ?? '-'} as ${id}`, () => {
      assert.deepEqual(rabobankTokenError(error, grant, status), { code: id, alternatives: alt });
    });
  }

  it('has nothing to say about other errors', () => {
    assert.equal(rabobankTokenError('unsupported_grant_type', 'refresh_token', 400), undefined);
  });

  it('gives the engine and the .http lints the same answer', () => {
    for (const [error, grant, status] of table) {
      if (grant === undefined || status === undefined) {
        continue;
      }
      const ctx: RequestContext = {
        ...UNKNOWN_CONTEXT,
        endpoint: 'token',
        provider: 'rabobank',
        grantType: grant,
        host: 'oauth.rabobank.nl',
      };
      const fromEngine = catalogIdForOAuthError(error, status, {
        endpoint: 'token',
        grantType: grant,
        rabobank: true,
      });
      assert.equal(
        fromEngine,
        chooseOAuthError(error, '', [], ctx, status).code,
        `${error}/${grant}/${status}`,
      );
    }
  });
});
