import * as assert from 'node:assert/strict';
import { fixtureBlocks, generateHttpCorpus } from '../../../bench/httpCorpus';
import { lintHttpFile } from '../../../src/core/httpFile/httpFileDiagnostics';
import { blockSpans } from '../../../src/core/httpFile/incrementalHttpLinter';
import { KnowledgeBase } from '../../../src/core/knowledge/knowledgeBase';
import { loadFixtureCorpus } from '../core/httpFile/fixtureCorpus';

const fixtures = loadFixtureCorpus().map((f) => f.text);

describe('the benchmark corpus generator (bench/httpCorpus.ts)', () => {
  it('gives the same text for the same seed and another for another seed', () => {
    const a = generateHttpCorpus({ fixtures, size: 20_000, seed: 8 });
    assert.equal(generateHttpCorpus({ fixtures, size: 20_000, seed: 8 }), a);
    assert.notEqual(generateHttpCorpus({ fixtures, size: 20_000, seed: 9 }), a);
  });

  it('reaches the asked size on a whole block and keeps no "# expect:" line', () => {
    const text = generateHttpCorpus({ fixtures, size: 10_000, seed: 1 });
    assert.ok(text.length >= 10_000 && text.length < 30_000, `${text.length} characters`);
    assert.match(text, /^###/);
    assert.ok(text.endsWith('\n\n'));
    assert.doesNotMatch(text, /^# expect:/m);
  });

  it('never repeats a block, so the incremental linter cannot diagnose a block once for several places', () => {
    const text = generateHttpCorpus({ fixtures, size: 400_000, seed: 8 });
    const blocks = blockSpans(text).map(([start, end]) => text.slice(start, end));
    assert.ok(blocks.length > 500, `${blocks.length} blocks`);
    assert.equal(new Set(blocks).size, blocks.length);
  });

  it('cuts a fixture at its ### lines and keeps the lines before the first one as a block', () => {
    const blocks = fixtureBlocks('@host = https://a\n\n### one\nGET /x\n# expect: none\n### two\nGET /y');
    assert.deepEqual(blocks, [
      '### preamble\n@host = https://a\n\n',
      '### one\nGET /x\n',
      '### two\nGET /y\n',
    ]);
  });

  it('once every fixture block is in, its diagnostics reach every knowledge-base family', () => {
    const kb = KnowledgeBase.create();
    const fixtureSize = fixtures.reduce((n, f) => n + f.length, 0);
    const text = generateHttpCorpus({ fixtures, size: 3 * fixtureSize, seed: 8 });
    const reached = new Set(lintHttpFile(text, kb).map((d) => d.code.split('.')[0]));
    const families = new Set(kb.all().map((e) => e.id.split('.')[0]));
    assert.deepEqual(
      [...families].filter((f) => !reached.has(f)),
      [],
    );
  });
});
