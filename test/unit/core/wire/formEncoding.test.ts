import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formDecode, formEncode } from '../../../../src/core/wire/formEncoding';

describe('formEncode / formDecode', () => {
  const table: [value: string, encoded: string][] = [
    ['se cret!', 'se+cret%21'],
    ["a!'()~*-._b", 'a%21%27%28%29%7E*-._b'],
    ['p@ss+word/with:colon%&= space', 'p%40ss%2Bword%2Fwith%3Acolon%25%26%3D+space'],
    ['geheim€ é', 'geheim%E2%82%AC+%C3%A9'],
    ['🔑', '%F0%9F%94%91'],
    ['', ''],
  ];
  for (const [value, encoded] of table) {
    it(`encodes ${JSON.stringify(value)} as ${encoded} and back`, () => {
      assert.equal(formEncode(value), encoded);
      assert.equal(formDecode(encoded), value);
    });
  }

  it('encodes every string exactly as URLSearchParams does, and decodes it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const expected = new URLSearchParams({ v: value }).toString().slice(2);
        assert.equal(formEncode(value), expected);
        assert.equal(formDecode(expected), new URLSearchParams(`v=${expected}`).get('v'));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes whatever URLSearchParams decodes the same way, malformed escapes included, without throwing', () => {
    for (const raw of ['100%', '%zz+%41', '%FF', 'a%2', 'a&b=c', '%E2%82']) {
      assert.equal(formDecode(raw), new URLSearchParams(`v=${raw.replace(/&/g, '%26')}`).get('v'), raw);
    }
  });
});
