import * as assert from 'node:assert/strict';
import { isName, isTokenChar } from '../../../../src/core/httpFile/charCodes';

describe('charCodes', () => {
  it('reads exactly the token characters of RFC 9110 as token characters', () => {
    const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;
    for (let c = 0; c <= 0x3ff; c++) {
      assert.equal(isTokenChar(c), token.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
    }
    assert.equal(isTokenChar(Number.NaN), false);
    assert.equal(isTokenChar(-1), false);
  });

  it('compares a name cut from a document with a literal exactly, whatever its length and last letter', () => {
    const doc = 'x=1&client_secret=s&code_verifier=v&refresh_token=r&subject_token=t&client_id=c&';
    const names = doc.split('&').map((pair) => pair.split('=')[0]);
    const literals = [
      'client_secret',
      'code_verifier',
      'refresh_token',
      'subject_token',
      'client_id',
      'x',
      '',
    ];
    for (const name of [
      ...names,
      ...names.map((n) => doc.slice(doc.indexOf(n), doc.indexOf(n) + n.length)),
    ]) {
      for (const literal of literals) {
        assert.equal(isName(name, literal), name === literal, `${name} / ${literal}`);
      }
    }
    assert.equal(isName('client_secreT', 'client_secret'), false);
    assert.equal(isName('dlient_secret', 'client_secret'), false);
  });
});
