import * as assert from 'node:assert/strict';
import { parseFormParams } from '../../../../src/core/httpFile/formParams';

describe('parseFormParams', () => {
  it('names a parameter without the blanks around it, as trim would, and skips a name of blanks only', () => {
    const text = ' a =1&\u00a0b\u2003=2&\u3000=3&\tc\t&d%5Fe=4';
    const params = parseFormParams(text);
    assert.deepEqual(
      params.map((p) => [p.name, p.value]),
      [
        ['a', '1'],
        ['b', '2'],
        ['c', ''],
        ['d_e', '4'],
      ],
    );
    // Offsets stay those of the raw text: the parameter starts where its blanks do.
    assert.equal(params[0].start, 0);
    assert.equal(text.slice(params[1].valueStart, params[1].valueEnd), '2');
  });

  it('splits on line breaks as on `&`', () => {
    assert.deepEqual(
      parseFormParams('grant_type=code\r\n&code=x\ny=1').map((p) => p.name),
      ['grant_type', 'code', 'y'],
    );
  });
});
