import * as assert from 'node:assert/strict';
import { generateVariableBombs } from '../../../../bench/variableBombs';
import { lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { IncrementalHttpLinter } from '../../../../src/core/httpFile/incrementalHttpLinter';
import { EMPTY_LINT_CONTEXT } from '../../../../src/core/httpFile/lintContext';
import { parseHttpFile } from '../../../../src/core/httpFile/parseHttpFile';
import { resolveRequestContext } from '../../../../src/core/httpFile/requestContext';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';

const kb = KnowledgeBase.create();

/** A request whose diagnostic depends on its URL's variables: a 401 from Rabobank's API says the token is bad. */
const RABOBANK_401 = '###\nGET {{api}}/payments/accounts\n\nHTTP/1.1 401 Unauthorized\n';
const API = '@api = https://api.rabobank.nl/openapi\n';

function codes(text: string): string[] {
  return lintHttpFile(text, kb).map((d) => `${d.code}@${d.range.start.line}`);
}

describe('linting files whose variables are built to explode', () => {
  it('lints a 3 KB file of variables that fan out a hundredfold per level, and still reads the other requests', () => {
    const fan = ['a', 'b', 'c', 'd'].map((v, i, all) => `@${v} = ${`{{${all[i + 1] ?? 'e'}}}`.repeat(120)}`);
    const text = `${fan.join('\n')}\n@e = 0123456789\n${API}###\nPOST https://{{a}}/token\n${RABOBANK_401}`;
    assert.ok(text.length < 3500);
    // The bomb's request is still linted (as a token request written as such), and the next one sees its variable.
    assert.deepEqual(codes(text), [
      'lint.token.missing-grant-type@7',
      'lint.token.missing-client-auth@7',
      'rabobank.api.access-token-invalid@11',
    ]);
  });

  it('lints doubling chains, long chains and self-references the same whole and edited', () => {
    const text = `${API}${generateVariableBombs(60_000)}${RABOBANK_401}`;
    const whole = lintHttpFile(text, kb);
    assert.ok(whole.some((d) => d.code === 'rabobank.api.access-token-invalid'));
    const linter = new IncrementalHttpLinter(kb);
    assert.deepEqual(linter.lint(text, EMPTY_LINT_CONTEXT), whole);
    const edited = text.replace('GET https://', 'GET  https://');
    assert.deepEqual(linter.lint(edited, EMPTY_LINT_CONTEXT), lintHttpFile(edited, kb));
  });

  it('lints a megabyte of variable bombs in linear time', function () {
    this.timeout(20_000);
    const small = generateVariableBombs(100 * 1024);
    const large = generateVariableBombs(1024 * 1024);
    lintHttpFile(small, kb);
    const time = (text: string) => {
      const started = performance.now();
      lintHttpFile(text, kb);
      return performance.now() - started;
    };
    const smallMs = Math.min(time(small), time(small), time(small));
    const largeMs = Math.min(time(large), time(large), time(large));
    // Ten times the text; a generous factor for a shared machine, far below what expanding the variables would cost.
    assert.ok(
      largeMs < Math.max(30 * smallMs, 200),
      `100 KB: ${smallMs.toFixed(1)} ms, 1 MB: ${largeMs.toFixed(1)} ms`,
    );
    assert.ok(largeMs < 5000, `1 MB: ${largeMs.toFixed(1)} ms`);
  });

  it('reads a URL that would expand past the limit as written', () => {
    const file = parseHttpFile(
      `@long = https://${'h'.repeat(3000)}.example\n###\nPOST {{long}}/oauth2/token\n`,
    );
    const ctx = resolveRequestContext(file, file.blocks[1].request);
    assert.equal(ctx.resolvedUrl, '{{long}}/oauth2/token');
    assert.equal(ctx.endpoint, 'token');
    assert.equal(ctx.host, undefined);
  });
});

describe('a block whose diagnosis fails', () => {
  it('loses its own diagnostics and no others', () => {
    const failing: KnowledgeBase = Object.create(kb) as KnowledgeBase;
    failing.get = (id: string) => {
      if (id === 'rabobank.api.forbidden') {
        throw new Error('a lint bug');
      }
      return kb.get(id);
    };
    const text = `${API}${RABOBANK_401}${RABOBANK_401.replace('401 Unauthorized', '403 Forbidden')}${RABOBANK_401}`;
    const expected = lintHttpFile(text, kb).filter((d) => d.code !== 'rabobank.api.forbidden');
    assert.equal(expected.length, 2);
    assert.deepEqual(lintHttpFile(text, failing), expected);
    assert.deepEqual(new IncrementalHttpLinter(failing).lint(text, EMPTY_LINT_CONTEXT), expected);
  });
});
