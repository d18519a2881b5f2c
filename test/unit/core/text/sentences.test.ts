import * as assert from 'node:assert/strict';
import { asSentence, singleSpaced } from '../../../../src/core/text/sentences';

describe('sentences put together from pieces', () => {
  it('ends a piece with exactly one full stop', () => {
    assert.equal(asSentence('Refresh token already used'), 'Refresh token already used.');
    assert.equal(asSentence('Refresh token already used.'), 'Refresh token already used.');
    assert.equal(asSentence('Stop.. '), 'Stop.');
    assert.equal(asSentence('Really?'), 'Really?');
    assert.equal(asSentence(''), '');
  });

  it('leaves no double space and keeps line breaks', () => {
    assert.equal(singleSpaced('a  b \t c '), 'a b c');
    assert.equal(singleSpaced('a  b\nc  d'), 'a b\nc d');
  });
});
