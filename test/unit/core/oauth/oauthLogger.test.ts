import * as assert from 'node:assert/strict';
import { OAuthLogger, RedactingLogger } from '../../../../src/core/oauth/oauthLogger';
import { redactSecrets } from '../../../../src/core/oauth/redactSecrets';

describe('redactSecrets', () => {
  const cases: [string, string][] = [
    [
      'GET /callback?code=abc123&state=xyz&iss=http://as',
      'GET /callback?code=«redacted»&state=«redacted»&iss=http://as',
    ],
    [
      '{"access_token":"eyJ.a.b","token_type":"Bearer"}',
      '{"access_token":"«redacted»","token_type":"Bearer"}',
    ],
    ['authorization: Basic Y2xpZW50OnNlY3JldA==', 'authorization: Basic «redacted»'],
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer «redacted»'],
    ['grant_type=refresh_token&refresh_token=r1', 'grant_type=refresh_token&refresh_token=«redacted»'],
  ];
  for (const [input, output] of cases) {
    it(`masks ${input}`, () => assert.equal(redactSecrets(input), output));
  }

  it('masks registered values, also form-encoded', () => {
    assert.equal(
      redactSecrets('secret p@ss word and p%40ss%20word', ['p@ss word']),
      'secret «redacted» and «redacted»',
    );
  });
});

describe('RedactingLogger', () => {
  it('masks registered secrets on every level', () => {
    const lines: string[] = [];
    const sink: OAuthLogger = {
      trace: (m) => lines.push(m),
      debug: (m) => lines.push(m),
      info: (m) => lines.push(m),
      warn: (m) => lines.push(m),
      error: (m) => lines.push(m),
    };
    const logger = new RedactingLogger(sink);
    logger.addSecret('s3cr3t-value');
    logger.addSecret(undefined);
    for (const level of ['trace', 'debug', 'info', 'warn', 'error'] as const) {
      logger[level](`${level} s3cr3t-value`);
    }
    assert.deepEqual(
      lines,
      ['trace', 'debug', 'info', 'warn', 'error'].map((level) => `${level} «redacted»`),
    );
  });
});
