import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import { statusBarLook } from '../../../../src/features/statusBar/statusBarPresentation';

const MIN = 60_000;

describe('statusBarLook', () => {
  const cases: [string, boolean, number | undefined, string, string | undefined][] = [
    ['an hour left', true, 60 * MIN, '$(key) Rabobank sandbox · 1h', undefined],
    ['42 minutes left', true, 42 * MIN + 10_000, '$(key) Rabobank sandbox · 42m', undefined],
    ['exactly 5 minutes left', true, 5 * MIN, '$(key) Rabobank sandbox · 5m', undefined],
    ['just under 5 minutes', true, 5 * MIN - 1, '$(key) Rabobank sandbox · 4m', 'warning'],
    ['seconds left', true, 20_000, '$(key) Rabobank sandbox · <1m', 'warning'],
    ['expired', true, -3 * MIN, '$(key) Rabobank sandbox · expired', 'error'],
    ['unknown expiry', true, undefined, '$(key) Rabobank sandbox · ?', undefined],
    ['signed out', false, undefined, '$(key) Rabobank sandbox · signed out', undefined],
  ];
  for (const [name, signedIn, msLeft, text, background] of cases) {
    it(`shows ${name}`, () => {
      assert.deepEqual(statusBarLook(english, 'Rabobank sandbox', signedIn, msLeft), { text, background });
    });
  }
});

describe('statusBarLook with a proven problem', () => {
  it('puts an error mark and the problem before the time left', () => {
    assert.deepEqual(statusBarLook(english, 'Practice (local)', true, 55 * MIN, 'refresh token refused'), {
      text: '$(error) Practice (local) · refresh token refused',
      background: 'error',
    });
  });

  it('marks a profile without tokens too (a refused client secret)', () => {
    assert.deepEqual(statusBarLook(english, 'Practice (local)', false, undefined, 'client secret refused'), {
      text: '$(error) Practice (local) · client secret refused',
      background: 'error',
    });
  });
});
