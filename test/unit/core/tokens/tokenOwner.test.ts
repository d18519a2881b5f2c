import * as assert from 'node:assert/strict';
import { clientIdOfAccessToken } from '../../../../src/core/tokens/tokenOwner';

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'at+jwt' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('clientIdOfAccessToken', () => {
  const cases: { name: string; token: string; expected: string | undefined }[] = [
    {
      name: 'client_id (RFC 9068)',
      token: jwt({ client_id: 'app-1', azp: 'other', aud: 'api' }),
      expected: 'app-1',
    },
    {
      name: 'azp when there is no client_id',
      token: jwt({ azp: 'app-2', aud: ['api', 'x'] }),
      expected: 'app-2',
    },
    { name: 'a single string aud', token: jwt({ aud: 'app-3' }), expected: 'app-3' },
    { name: 'a one-element aud array', token: jwt({ aud: ['app-4'] }), expected: 'app-4' },
    { name: 'several audiences and no client claim', token: jwt({ aud: ['a', 'b'] }), expected: undefined },
    { name: 'an empty client_id', token: jwt({ client_id: '' }), expected: undefined },
    { name: 'an opaque token', token: 'k0WXSNKYYwhU9QxfDbmwKElnM14_ogyLlerL2vfCeJo', expected: undefined },
    { name: 'three parts that are not JSON', token: 'abc.def.ghi', expected: undefined },
  ];
  for (const { name, token, expected } of cases) {
    it(`reads ${name}`, () => {
      assert.equal(clientIdOfAccessToken(token), expected);
    });
  }
});
