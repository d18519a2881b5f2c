import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import { describeExpiry } from '../../../../src/core/tokens/expiryLabels';
import { spokenExpiry } from '../../../../src/core/tokens/spokenExpiry';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

describe('spokenExpiry', () => {
  const cases: [number | undefined, string][] = [
    [undefined, 'expiry unknown'],
    [55 * MIN + 30 * S, 'expires in 55 minutes'],
    [MIN, 'expires in 1 minute'],
    [H, 'expires in 1 hour'],
    [H + MIN, 'expires in 1 hour 1 minute'],
    [2 * H + 5 * MIN, 'expires in 2 hours 5 minutes'],
    [59 * S, 'expires in less than a minute'],
    [0, 'expired just now'],
    [-3 * MIN - 10 * S, 'expired 3 minutes ago'],
    [24 * H, 'expires in 1 day'],
    [-30 * 24 * H, 'expired 30 days ago'],
  ];
  for (const [ms, words] of cases) {
    it(`says ${String(ms)} ms as "${words}"`, () => assert.equal(spokenExpiry(ms, english), words));
  }

  it('never uses the abbreviations of the shown label', () => {
    for (const ms of [5 * MIN, 3 * H + 7 * MIN, -90 * MIN]) {
      assert.doesNotMatch(spokenExpiry(ms, english), /\b(min|h)\b/);
      // The same whole units as the label, only spelled out.
      assert.deepEqual(spokenExpiry(ms, english).match(/\d+/g), describeExpiry(ms, english).match(/\d+/g));
    }
  });
});
