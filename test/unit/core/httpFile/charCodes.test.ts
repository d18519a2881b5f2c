import * as assert from 'node:assert/strict';
import { isTokenChar } from '../../../../src/core/httpFile/charCodes';

describe('charCodes', () => {
  it('reads exactly the token characters of RFC 9110 as token characters', () => {
    const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;
    for (let c = 0; c <= 0x3ff; c++) {
      assert.equal(isTokenChar(c), token.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
    }
    assert.equal(isTokenChar(Number.NaN), false);
    assert.equal(isTokenChar(-1), false);
  });
});
