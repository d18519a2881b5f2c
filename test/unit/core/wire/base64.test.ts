import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  base64ToBinary,
  base64UrlEncode,
  base64UrlPartToBinary,
  decodeBase64Text,
  encodeBase64Text,
} from '../../../../src/core/wire/base64';

describe('base64 and base64url', () => {
  it('encodes text as UTF-8, like Buffer', () => {
    for (const text of ['', 'a', 'client:secret', 'geheim€', '🔑 ü']) {
      assert.equal(encodeBase64Text(text), Buffer.from(text, 'utf8').toString('base64'));
    }
  });

  it('round-trips any text through either alphabet, with or without padding', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const standard = encodeBase64Text(text);
        assert.equal(decodeBase64Text(standard), text);
        assert.equal(decodeBase64Text(Buffer.from(text).toString('base64url')), text);
      }),
      { numRuns: 300 },
    );
  });

  it('encodes bytes as base64url without padding, like Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        assert.equal(base64UrlEncode(bytes), Buffer.from(bytes).toString('base64url'));
        assert.deepEqual(
          [...(base64ToBinary(base64UrlEncode(bytes)) ?? 'x')].map((c) => c.charCodeAt(0)),
          [...bytes],
        );
      }),
    );
  });

  it('reads a JWT part (unpadded base64url) like Buffer, and nothing in another alphabet', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        const part = Buffer.from(bytes).toString('base64url');
        assert.equal(base64UrlPartToBinary(part), Buffer.from(bytes).toString('latin1'));
      }),
    );
    for (const notAPart of ['', 'ab+c', 'ab/c', 'abcd==', 'abcde', 'ab c']) {
      assert.equal(base64UrlPartToBinary(notAPart), undefined, notAPart);
    }
  });

  it('refuses what is not base64 or not UTF-8', () => {
    for (const value of ['!!!', 'abcde', 'a=b=', '====']) {
      assert.equal(decodeBase64Text(value), undefined, value);
    }
    assert.equal(decodeBase64Text(btoa('\xff')), undefined);
  });
});
