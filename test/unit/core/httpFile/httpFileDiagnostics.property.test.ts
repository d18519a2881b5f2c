import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { HttpDiagnostic } from '../../../../src/core/httpFile/httpDiagnostic';
import { lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { jsonScanWork } from '../../../../src/core/httpFile/jsonScanner';
import { IncrementalHttpLinter } from '../../../../src/core/httpFile/incrementalHttpLinter';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { loadFixtureCorpus } from './fixtureCorpus';
import { assertInside, HTTP_DOCUMENT_PIECES as PIECES, mutate } from './httpDocumentPieces';

const kb = KnowledgeBase.create();
const corpus = loadFixtureCorpus();
const NOW = Date.UTC(2026, 10, 27);

const documentArb = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { maxLength: 120 })
  .map((p) => p.join(''));

function assertWellFormed(text: string, diagnostics: readonly HttpDiagnostic[]): void {
  for (const d of diagnostics) {
    assertInside(text, d.range);
    assert.ok(kb.has(d.code), `unknown code ${d.code}`);
    for (const fix of d.data.fixes) {
      for (const edit of fix.edits) {
        assertInside(text, edit.range);
      }
    }
  }
}

describe('httpFileDiagnostics properties', () => {
  it('never throws on random documents and keeps every range inside the document', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        assertWellFormed(text, lintHttpFile(text, kb, { now: NOW, profiles: [] }));
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on mutated fixtures (cuts, insertions, truncation) and keeps ranges inside', () => {
    const mutation = fc.record({
      fixture: fc.integer({ min: 0, max: corpus.length - 1 }),
      edits: fc.array(
        fc.record({
          at: fc.nat(),
          remove: fc.nat({ max: 40 }),
          insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 5 })),
        }),
        {
          maxLength: 6,
        },
      ),
      truncateAt: fc.option(fc.nat()),
    });
    fc.assert(
      fc.property(mutation, ({ fixture, edits, truncateAt }) => {
        const text = mutate(corpus[fixture].text, edits, truncateAt);
        assertWellFormed(text, lintHttpFile(text, kb, { now: NOW, profiles: [] }));
      }),
      { numRuns: 400 },
    );
  });

  it('copes with hostile single lines of 5 MB', () => {
    const size = 5 * 1024 * 1024;
    for (const unit of ['{', '[', '"', '{"error":', '# {', '\u0000\u00ff', 'a=', '/']) {
      const text = unit.repeat(Math.ceil(size / unit.length));
      const started = performance.now();
      assertWellFormed(text, lintHttpFile(text, kb));
      const ms = performance.now() - started;
      assert.ok(ms < 3000, `${JSON.stringify(unit)} × 5 MB took ${ms.toFixed(0)} ms`);
    }
  });

  it('takes time linear in the size of the document', () => {
    const unit = corpus.map((f) => f.text).join('\n###\n');
    const timeFor = (copies: number) => {
      const text = Array.from({ length: copies }, () => unit).join('\n###\n');
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        lintHttpFile(text, kb);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    timeFor(2); // warm up the JIT
    const small = timeFor(8);
    const large = timeFor(32);
    // Four times the text; a quadratic pass would take ~16 times as long. Allow generous noise on a busy machine.
    assert.ok(large < small * 8 + 5, `8 copies: ${small.toFixed(1)} ms, 32 copies: ${large.toFixed(1)} ms`);
  });

  it('reads one pathological line a bounded number of times', () => {
    // Counted, not timed (`npm run bench` has the times): scanning the JSON again from every `{` is quadratic work.
    const workFor = (key: string, n: number) => {
      const text = `# ${`{"${key}":`.repeat(n)}\n${'{'.repeat(n)}`;
      const before = jsonScanWork.characters;
      assertWellFormed(text, lintHttpFile(text, kb));
      return { read: jsonScanWork.characters - before, length: text.length };
    };
    for (const key of ['error', 'a']) {
      const small = workFor(key, 50_000);
      const large = workFor(key, 200_000);
      const says = `"${key}": 50k read ${small.read} of ${small.length}, 200k read ${large.read} of ${large.length}`;
      assert.ok(key === 'a' || small.read >= small.length / 2, `the line is scanned as JSON; ${says}`);
      assert.ok(large.read <= 2 * large.length && large.read <= 5 * small.read, says);
    }
  });
});

describe('IncrementalHttpLinter', () => {
  it('gives the same diagnostics as linting the whole text, across a series of edits', () => {
    const edits = fc.array(
      fc.record({
        at: fc.nat(),
        remove: fc.nat({ max: 30 }),
        insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })),
      }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: corpus.length - 1 }),
        documentArb,
        edits,
        (fixture, extra, steps) => {
          const context = { now: NOW, profiles: [] };
          const linter = new IncrementalHttpLinter(kb);
          let text = `${corpus[fixture].text}\n###\n${extra}`;
          assert.deepEqual(linter.lint(text, context), lintHttpFile(text, kb, context));
          for (const e of steps) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
            assert.deepEqual(linter.lint(text, context), lintHttpFile(text, kb, context));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stays equal to a whole lint when edits add or remove a client secret or a redirect URI in another block', () => {
    // Blocks that name clients and their secrets in every way the lint reads; edits add, remove, swap and cut them.
    const token = (body: string, header = '') =>
      `POST https://auth.example.com/oauth/token\nContent-Type: application/x-www-form-urlencoded\n${header}\n${body}\n`;
    const blocksArb = fc.constantFrom(
      token('grant_type=refresh_token&client_id=a&refresh_token=r'),
      token('grant_type=refresh_token&client_id=b&refresh_token=r'),
      token('grant_type=authorization_code&client_id=a&code=c'),
      token('grant_type=refresh_token&client_id=a&client_secret={{s}}&refresh_token=r'),
      token('grant_type=refresh_token&client_id={{cid}}&client_secret=s&refresh_token=r'),
      token('grant_type=client_credentials&client_secret=s'),
      token('grant_type=client_credentials', 'Authorization: Basic YTpz\n'),
      token('grant_type=client_credentials', 'Authorization: Basic b:{{s}}\n'),
      token('grant_type=client_credentials', 'Authorization: Basic {{basic}}\n'),
      'POST https://a:s@auth.example.com/oauth/token\n\ngrant_type=client_credentials\n',
      'GET https://auth.example.com/authorize?response_type=code&client_id=b&client_secret=s&state=x\n',
      'GET https://auth.example.com/authorize?response_type=code&client_id=a&state=x&redirect_uri=https%3A%2F%2Fc\n',
      'GET https://auth.example.com/authorize?response_type=code&client_id={{cid}}&state=x&redirect_uri=r\n',
      token('grant_type=authorization_code&code=c', 'Authorization: Basic {{basic}}\n'),
      token('grant_type=authorization_code&client_id=b&code=c&client_secret=s'),
      '@client_secret = s\n',
      '@cid = a\n',
      '@cid = b\n',
      '# client_id=a&client_secret=old\n',
      '',
    );
    const step = fc.record({
      kind: fc.constantFrom('insert', 'remove', 'replace', 'type'),
      at: fc.nat(),
      block: blocksArb,
      char: fc.constantFrom('x', '&', '\n', '#', '{'),
    });
    let changed = 0;
    fc.assert(
      fc.property(
        fc.array(blocksArb, { minLength: 1, maxLength: 8 }),
        fc.array(step, { maxLength: 10 }),
        (start, steps) => {
          const context = { now: NOW, profiles: [] };
          const linter = new IncrementalHttpLinter(kb);
          const blocks = [...start];
          let text = blocks.join('###\n');
          let warnings = -1;
          const check = () => {
            const whole = lintHttpFile(text, kb, context);
            assert.deepEqual(linter.lint(text, context), whole);
            const now = whole.filter(
              (d) =>
                d.code === 'lint.token.missing-client-auth' || d.code === 'lint.token.missing-redirect-uri',
            ).length;
            changed += warnings >= 0 && now !== warnings ? 1 : 0;
            warnings = now;
          };
          check();
          for (const e of steps) {
            const i = e.at % blocks.length;
            if (e.kind === 'insert') {
              blocks.splice(i, 0, e.block);
            } else if (e.kind === 'remove' && blocks.length > 1) {
              blocks.splice(i, 1);
            } else if (e.kind === 'replace') {
              blocks[i] = e.block;
            }
            text = blocks.join('###\n');
            if (e.kind === 'type') {
              const at = e.at % (text.length + 1);
              text = text.slice(0, at) + e.char + text.slice(at);
            }
            check();
          }
        },
      ),
      { numRuns: 200 },
    );
    assert.ok(changed > 50, `the warnings that wait for the file changed in ${changed} steps`);
  });

  it('relints a one-character edit of a 1 MB document by parsing and diagnosing only the edited block', () => {
    // The time an edit takes is measured by `npm run bench`; a clock here fails whenever the machine is busy.
    const unit = corpus.map((f) => f.text).join('\n###\n');
    let text = '';
    while (text.length < 1024 * 1024) {
      text += `${unit}\n###\n`;
    }
    const context = { now: NOW, profiles: [] };
    const linter = new IncrementalHttpLinter(kb);
    linter.lint(text, context);
    const opened = linter.work;
    const blocks = text.split('\n###\n').length;
    assert.ok(
      opened.blocksDiagnosed >= blocks,
      `${opened.blocksDiagnosed} of ${blocks} blocks diagnosed on open`,
    );
    const parsed: number[] = [];
    const diagnosed: number[] = [];
    for (let i = 0; i < 20; i++) {
      const at = Math.floor((text.length * (i + 1)) / 22);
      text = `${text.slice(0, at)}x${text.slice(at)}`;
      const before = linter.work;
      assert.deepEqual(linter.lint(text, context), lintHttpFile(text, kb, context));
      parsed.push(linter.work.blocksParsed - before.blocksParsed);
      diagnosed.push(linter.work.blocksDiagnosed - before.blocksDiagnosed);
    }
    // An `x` can join two blocks (typed before a `###`) or change a variable that other blocks use: allow a few.
    assert.ok(Math.max(...parsed) <= 2, `blocks parsed per edit: ${parsed.join(' ')} of ${blocks}`);
    assert.ok(
      diagnosed.filter((n) => n <= 2).length >= 18,
      `blocks diagnosed per edit: ${diagnosed.join(' ')} of ${blocks}`,
    );
  });
});
