import * as assert from 'node:assert/strict';
import { discoveryUrlsFor, fieldsFromDiscovery } from '../../../../src/core/profiles/discoveryDocument';

describe('discoveryDocument', () => {
  const cases: [string, string[]][] = [
    [
      'https://id.example',
      [
        'https://id.example/.well-known/openid-configuration',
        'https://id.example/.well-known/oauth-authorization-server',
      ],
    ],
    [
      'https://id.example/realms/x/',
      [
        'https://id.example/realms/x/.well-known/openid-configuration',
        'https://id.example/.well-known/oauth-authorization-server/realms/x',
      ],
    ],
    [
      'https://id.example/.well-known/openid-configuration',
      ['https://id.example/.well-known/openid-configuration'],
    ],
  ];
  for (const [input, expected] of cases) {
    it(`tries ${expected.length} URL(s) for ${input}`, () => {
      assert.deepEqual(discoveryUrlsFor(input), expected);
    });
  }

  it('takes the endpoints from a document', () => {
    assert.deepEqual(
      fieldsFromDiscovery({
        issuer: 'https://id.example',
        authorization_endpoint: 'https://id.example/auth',
        token_endpoint: 'https://id.example/token',
        revocation_endpoint: 'https://id.example/revoke',
      }),
      {
        issuer: 'https://id.example',
        authorization_endpoint: 'https://id.example/auth',
        token_endpoint: 'https://id.example/token',
        revocation_endpoint: 'https://id.example/revoke',
      },
    );
  });

  it('says what is missing', () => {
    assert.match(String(fieldsFromDiscovery({ issuer: 'x' })), /token_endpoint/);
  });
});
