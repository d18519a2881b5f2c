import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  basicAuthorization,
  basicCredentials,
  parseBasicAuthorization,
  parseBasicCredentials,
} from '../../../../src/core/wire/basicAuthentication';

const decoded = (credentials: string) => Buffer.from(credentials, 'base64').toString('utf8');

describe('HTTP Basic client authentication (RFC 6749 §2.3.1)', () => {
  it('form-encodes id and secret before base64', () => {
    assert.equal(decoded(basicCredentials('my client', 'se cret!')), 'my+client:se+cret%21');
    assert.equal(basicAuthorization('a', 'b'), `Basic ${Buffer.from('a:b').toString('base64')}`);
  });

  const pairs: [id: string, secret: string][] = [
    ['practice client', 'p@ss+word/with:colon%&= space'],
    ['urn:example:client', 'se cret!'],
    ['klant-ü', 'geheim€🔑'],
    ['id', ''],
  ];
  for (const [id, secret] of pairs) {
    it(`reads back ${JSON.stringify(id)} / ${JSON.stringify(secret)}`, () => {
      assert.deepEqual(parseBasicAuthorization(basicAuthorization(id, secret)), { id, secret });
    });
  }

  it('keeps a colon in the id with the id', () => {
    assert.equal(decoded(basicCredentials('urn:x', 's')), 'urn%3Ax:s');
    assert.deepEqual(parseBasicCredentials(basicCredentials('urn:x', 'a:b')), { id: 'urn:x', secret: 'a:b' });
  });

  it('round-trips any id and secret', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (id, secret) => {
        assert.deepEqual(parseBasicCredentials(basicCredentials(id, secret)), { id, secret });
      }),
      { numRuns: 300 },
    );
  });

  it('reads credentials a client did not form-encode, and URL-safe base64', () => {
    assert.deepEqual(parseBasicCredentials(btoa('client:se!cret')), { id: 'client', secret: 'se!cret' });
    const urlSafe = Buffer.from('id:??>>').toString('base64url');
    assert.deepEqual(parseBasicCredentials(urlSafe), { id: 'id', secret: '??>>' });
  });

  it('reads nothing from a header that is not Basic over base64 with a colon', () => {
    for (const header of [undefined, '', 'Bearer abc', 'Basic !!!', `Basic ${btoa('no-colon')}`, 'Basic']) {
      assert.equal(parseBasicAuthorization(header), undefined, String(header));
    }
    // Bytes that are not UTF-8.
    assert.equal(parseBasicCredentials(btoa('\xff\xfe:x')), undefined);
  });
});
