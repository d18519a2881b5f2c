import * as assert from 'node:assert/strict';
import { maskToken, tokenFingerprint } from '../../../../src/core/tokens/tokenFingerprint';

describe('tokenFingerprint', () => {
  it('is stable and tells different tokens apart', () => {
    assert.equal(tokenFingerprint('abc.def.ghi'), tokenFingerprint('abc.def.ghi'));
    assert.notEqual(tokenFingerprint('abc.def.ghi'), tokenFingerprint('abc.def.ghj'));
    assert.match(tokenFingerprint('x'), /^[0-9a-f]{8}$/);
  });

  it('masks a token without any piece of it', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    const masked = maskToken(token);
    assert.ok(!masked.includes(token.slice(0, 4)));
    assert.match(masked, new RegExp(`\\(${token.length} chars, fingerprint [0-9a-f]{8}\\)$`));
  });
});
