import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import {
  describeExpiry,
  expiryUrgency,
  formatDuration,
  msUntilNextLabelChange,
  refreshDelayMs,
  shortRemaining,
} from '../../../../src/core/tokens/expiryLabels';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

describe('expiryLabels', () => {
  describe('describeExpiry', () => {
    const cases: [number | undefined, string][] = [
      [undefined, 'expiry unknown'],
      [42 * MIN + 30 * S, 'expires in 42 min'],
      [59 * MIN + 59 * S, 'expires in 59 min'],
      [H, 'expires in 1 h'],
      [H + 5 * MIN, 'expires in 1 h 5 min'],
      [59 * S, 'expires in less than a minute'],
      [0, 'expired just now'],
      [-30 * S, 'expired just now'],
      [-3 * MIN - 10 * S, 'expired 3 min ago'],
      [-2 * H, 'expired 2 h ago'],
      [30 * 24 * H, 'expires in 30 days'],
      [-25 * H, 'expired 1 day ago'],
    ];
    for (const [msLeft, expected] of cases) {
      it(`says "${expected}" for ${msLeft} ms left`, () => {
        assert.equal(describeExpiry(msLeft, english), expected);
      });
    }
  });

  describe('shortRemaining (status bar)', () => {
    const cases: [number | undefined, string][] = [
      [undefined, '?'],
      [42 * MIN + 59 * S, '42m'],
      [2 * H, '2h'],
      [H + MIN, '1h 1m'],
      [30 * S, '<1m'],
      [0, 'expired'],
      [-MIN, 'expired'],
      [3 * 24 * H, '3d'],
    ];
    for (const [msLeft, expected] of cases) {
      it(`shows "${expected}" for ${msLeft} ms left`, () => {
        assert.equal(shortRemaining(msLeft, english), expected);
      });
    }
  });

  describe('expiryUrgency (status-bar colour thresholds)', () => {
    const cases: [number | undefined, string][] = [
      [undefined, 'unknown'],
      [H, 'ok'],
      [5 * MIN, 'ok'],
      [5 * MIN - 1, 'warning'],
      [1, 'warning'],
      [0, 'expired'],
      [-MIN, 'expired'],
    ];
    for (const [msLeft, expected] of cases) {
      it(`is ${expected} with ${msLeft} ms left`, () => {
        assert.equal(expiryUrgency(msLeft), expected);
      });
    }
  });

  it('formats durations in the largest sensible unit', () => {
    assert.equal(formatDuration(-3 * MIN, english), '3 min');
    assert.equal(formatDuration(24 * H, english), '1 day');
  });

  describe('msUntilNextLabelChange', () => {
    const now = 1_000_000_000;
    const cases: [string, number[], number][] = [
      ['no tokens: once a minute', [], MIN],
      ['42.5 min left: when 42 becomes 41', [now + 42 * MIN + 30 * S], 30 * S + 1],
      ['exactly 42 min left: 1 ms later', [now + 42 * MIN], 1],
      ['20 s left: right after expiry', [now + 20 * S], 20 * S + 1],
      ['expired 10 s ago: when it reads "1 min ago"', [now - 10 * S], 50 * S],
      ['the soonest of several', [now + 42 * MIN + 30 * S, now + 5 * S], 5 * S + 1],
    ];
    for (const [name, expiries, expected] of cases) {
      it(name, () => {
        assert.equal(msUntilNextLabelChange(expiries, now), expected);
        assert.ok(expected <= MIN + 1);
      });
    }
    it('makes the label differ once the delay has passed', () => {
      const expiry = now + 42 * MIN + 30 * S;
      const delay = msUntilNextLabelChange([expiry], now);
      assert.notEqual(describeExpiry(expiry - now, english), describeExpiry(expiry - now - delay, english));
    });
  });

  describe('refreshDelayMs', () => {
    const cases: [string, number, number | undefined, number, number][] = [
      ['an hour token refreshes 2 min ahead', H, H, 2 * MIN, 58 * MIN],
      ['a 2 s token refreshes halfway', 2 * S, 2 * S, 2 * MIN, S],
      ['unknown lifetime uses the margin', 10 * MIN, undefined, 2 * MIN, 8 * MIN],
      ['already inside the margin: now', 30 * S, H, 2 * MIN, 0],
    ];
    for (const [name, left, lifetime, ahead, expected] of cases) {
      it(name, () => {
        assert.equal(refreshDelayMs(left, lifetime, ahead), expected);
      });
    }
  });
});
