import * as assert from 'node:assert/strict';
import { escapeMarkdownText, markdownCodeSpan } from '../../../../src/core/text/markdownText';

describe('Markdown text for tooltips', () => {
  it('shows an id in a code span as it is, without a stray backslash', () => {
    assert.equal(markdownCodeSpan('practice-client'), '`practice-client`');
    assert.equal(markdownCodeSpan('a.b_c*d'), '`a.b_c*d`');
  });

  it('fences an id that holds backticks with a longer run, and keeps it on one line', () => {
    assert.equal(markdownCodeSpan('a`b'), '`` a`b ``');
    assert.equal(markdownCodeSpan('x\ny'), '`x y`');
  });

  it('escapes Markdown syntax in plain text', () => {
    assert.equal(
      escapeMarkdownText('[x](https://e.example) *y*'),
      '\\[x\\]\\(https://e\\.example\\) \\*y\\*',
    );
  });
});
