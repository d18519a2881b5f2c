import * as assert from 'node:assert/strict';
import { HttpDiagnostic } from '../../../../src/core/httpFile/httpDiagnostic';
import { lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { IncrementalHttpLinter } from '../../../../src/core/httpFile/incrementalHttpLinter';
import { LineIndex } from '../../../../src/core/httpFile/lineIndex';
import { LintContext } from '../../../../src/core/httpFile/lintContext';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { loadFixtureCorpus } from './fixtureCorpus';

const kb = KnowledgeBase.create();
const NOW = Date.UTC(2026, 10, 27);
const context: LintContext = { now: NOW, profiles: [] };

const REFRESH_400 = [
  'POST https://oauth.rabobank.nl/openapi/oauth2/token',
  'Content-Type: application/x-www-form-urlencoded',
  '',
  'grant_type=authorization_code&code=abc',
  '',
  'HTTP/1.1 400 Bad Request',
  '',
  '{"error": "invalid_grant"}',
].join('\n');
const VARIABLE_URL = [
  'GET {{host}}/openapi/oauth2/token',
  '',
  'HTTP/1.1 400',
  '',
  '{"error": "invalid_grant"}',
].join('\n');

/** Documents whose `###` lines the parser and the incremental linter's cuts must both see the same way. */
const DOCUMENTS: Record<string, string> = {
  empty: '',
  'only a separator': '###',
  'no separator': REFRESH_400,
  'starts with a separator': `### one\n${REFRESH_400}\n### two\n${REFRESH_400}\n`,
  'starts with blanks and a byte-order mark before the separator': `\uFEFF  ### one\n${REFRESH_400}\n\t###\n${REFRESH_400}`,
  'text before the first separator': `# notes\n${REFRESH_400}\n###\n${REFRESH_400}`,
  'CRLF line breaks': `###\r\n${REFRESH_400.replace(/\n/g, '\r\n')}\r\n###\r\n${REFRESH_400.replace(/\n/g, '\r\n')}`,
  'CR line breaks': `###\r${REFRESH_400.replace(/\n/g, '\r')}\r###\r${REFRESH_400.replace(/\n/g, '\r')}`,
  'longer separators and hashes inside lines': `#### a\n${REFRESH_400}\n# not ### a separator\n###### b\n${REFRESH_400}`,
  'a variable defined below its use': `###\n${VARIABLE_URL}\n###\n@host = https://oauth.rabobank.nl\n###\n${REFRESH_400}`,
  'a variable defined twice': `@host = https://example.com\n###\n${VARIABLE_URL}\n###\n@host = https://oauth.rabobank.nl\n@host = https://api.rabobank.nl\n`,
  'empty blocks': '###\n###\n\n###\n',
};

/** Offsets of every line end in `text` (before its line break), plus the end of the text. */
function lineEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      ends.push(c === 10 && text.charCodeAt(i - 1) === 13 ? i - 1 : i);
    }
  }
  ends.push(text.length);
  return ends;
}

describe('IncrementalHttpLinter', () => {
  it('reads a new document whole and pairs its blocks with the cuts later edits compare', () => {
    for (const [name, original] of Object.entries(DOCUMENTS)) {
      for (const insert of ['x', '\n', '@host = https://oauth.rabobank.nl\n']) {
        for (const at of lineEnds(original)) {
          const linter = new IncrementalHttpLinter(kb);
          assert.deepEqual(linter.lint(original, context), lintHttpFile(original, kb, context), name);
          // The first edit re-reads only the block it touches: the others keep what the whole read found.
          const edited = original.slice(0, at) + insert + original.slice(at);
          assert.deepEqual(
            linter.lint(edited, context),
            lintHttpFile(edited, kb, context),
            `${name}: ${JSON.stringify(insert)} at ${at}`,
          );
        }
      }
    }
  });

  it('hands over the same diagnostics again for blocks an edit did not move, and moved copies for the rest', () => {
    const text = loadFixtureCorpus()
      .map((f) => f.text)
      .join('\n###\n');
    const lines = new LineIndex(text);
    // A `###` line in the middle, and the line of the `###` after it: the block between them is the one edited.
    const separator = text.indexOf('\n###\n', text.length >> 1) + 1;
    const from = lines.lineAt(separator);
    const to = lines.lineAt(text.indexOf('\n###\n', separator) + 1);
    const linter = new IncrementalHttpLinter(kb);
    const before = linter.lint(text, context);
    const above = before.filter((d) => d.range.start.line < from).length;
    const edited = before.filter((d) => d.range.start.line >= from && d.range.start.line < to).length;
    assert.ok(above > 0 && above + edited < before.length, 'diagnostics above and below the edited block');

    // `###` becomes `###x`: that block is read again, no line moves, every other block's diagnostics are the same objects.
    const sameLines = `${text.slice(0, separator + 3)}x${text.slice(separator + 3)}`;
    const unmoved = linter.lint(sameLines, context);
    assert.deepEqual(unmoved, lintHttpFile(sameLines, kb, context));
    for (let i = 0; i < before.length; i++) {
      if (i < above || i >= above + edited) {
        assert.equal(unmoved[i], before[i], `diagnostic ${i} is the same object`);
      }
    }

    // An empty block above it: the diagnostics from there down move one line (new objects), those above stay.
    const moreLines = `${sameLines.slice(0, separator)}###\n${sameLines.slice(separator)}`;
    const moved = linter.lint(moreLines, context);
    assert.deepEqual(moved, lintHttpFile(moreLines, kb, context));
    for (let i = 0; i < before.length; i++) {
      if (i < above) {
        assert.equal(moved[i], unmoved[i], `diagnostic ${i} above the edit is the same object`);
      } else {
        assert.notEqual(moved[i], unmoved[i]);
        assert.equal(moved[i].range.start.line, unmoved[i].range.start.line + 1);
      }
    }
  });

  it('gives the diagnostics of a new lint context for an unchanged document', () => {
    const text = loadFixtureCorpus()
      .map((f) => f.text)
      .join('\n###\n');
    const linter = new IncrementalHttpLinter(kb);
    const tokensValid: LintContext = { now: 0, profiles: [] };
    const first = linter.lint(text, context);
    const second = linter.lint(text, tokensValid);
    assert.deepEqual(second, lintHttpFile(text, kb, tokensValid));
    assert.notDeepEqual(second, first, 'the fixtures have a token that expired after 1970');
    const edited = `${text}\n###\nGET https://example.com/`;
    assert.deepEqual(linter.lint(edited, context), lintHttpFile(edited, kb, context));
  });

  it('decides again, after an edit in another block, whether a request that sends only a client id forgot its secret', () => {
    const fixture = loadFixtureCorpus('precision').find((f) => f.name === 'client-secret-elsewhere.http')!;
    const missingAt = (diagnostics: readonly HttpDiagnostic[]) =>
      diagnostics
        .filter((d) => d.code === 'lint.token.missing-client-auth')
        .map((d) => d.range.start.line + 1)
        .join(' ');
    const linter = new IncrementalHttpLinter(kb);
    const lintBoth = (text: string) => {
      const diagnostics = linter.lint(text, context);
      assert.deepEqual(diagnostics, lintHttpFile(text, kb, context));
      return diagnostics;
    };
    const original = fixture.text;
    assert.equal(missingAt(lintBoth(original)), '6 31');

    // Request B, two blocks below A, holds the web app's secret: without it, A is a public client's request.
    const bStart = original.indexOf("### Refresh the web app's token");
    const bEnd = original.indexOf('### The reporting job');
    const withoutB = original.slice(0, bStart) + original.slice(bEnd);
    const before = linter.work;
    assert.equal(missingAt(lintBoth(withoutB)), '25');
    assert.equal(
      linter.work.blocksDiagnosed,
      before.blocksDiagnosed,
      'decided again without diagnosing a block',
    );
    assert.equal(missingAt(lintBoth(original)), '6 31');

    // Only the secret parameter goes, then the Basic header names another client: each takes a warning with it.
    const noSecret = original.replace('&client_secret={{webAppSecret}}', '');
    assert.equal(missingAt(lintBoth(noSecret)), '31');
    const noBasic = noSecret.replace('Basic cmVwb3J0ZXI6cGE1NXdvcmQ=', 'Basic batch:pa55word');
    assert.equal(missingAt(lintBoth(noBasic)), '');
    // A secret added in a new block at the end brings the kiosk's warning.
    const kiosk = `${noBasic}\n###\nPOST https://auth.example.com/oauth/token\nAuthorization: Basic kiosk:{{kioskSecret}}\n`;
    assert.equal(missingAt(lintBoth(kiosk)), '40');
    // Cut and pasted above the kiosk's request, the block still counts.
    const moved = kiosk
      .replace(
        '### The kiosk',
        '###\nPOST https://auth.example.com/oauth/token\nAuthorization: Basic kiosk:{{kioskSecret}}\n\n### The kiosk',
      )
      .replace(/\n###\nPOST[^#]*$/, '\n');
    assert.equal(missingAt(lintBoth(moved)), '44');
  });

  it('decides again whether a code exchange at another server repeats its authorization request’s redirect URI', () => {
    const text = loadFixtureCorpus('precision').find(
      (f) => f.name === 'code-exchange-redirect-uri.http',
    )!.text;
    const flagged = (diagnostics: readonly HttpDiagnostic[]) =>
      diagnostics
        .filter((d) => d.code === 'lint.token.missing-redirect-uri')
        .map((d) => d.range.start.line + 1)
        .join(' ');
    const linter = new IncrementalHttpLinter(kb);
    const lintBoth = (t: string) => {
      const diagnostics = linter.lint(t, context);
      assert.deepEqual(diagnostics, lintHttpFile(t, kb, context));
      return diagnostics;
    };
    assert.equal(flagged(lintBoth(text)), '11 18 39');
    // Without the web app's redirect URI on its authorization request, its code exchange needs none.
    const noRedirect = text.replace('&redirect_uri=https%3A%2F%2Fapp.example.org%2Fcb', '');
    assert.equal(flagged(lintBoth(noRedirect)), '11 18');
    // The authorization request names the mobile app instead: the web app is off the hook, the mobile app is not.
    const mobile = text.replace('client_id=web-app&state=s', 'client_id=mobile-app&state=s');
    assert.equal(flagged(lintBoth(mobile)), '11 18 45');
    assert.equal(flagged(lintBoth(text)), '11 18 39');
  });
});
