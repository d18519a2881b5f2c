import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as httpyac from 'httpyac';
import { lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { applyKeptAnswer, keepAnswerEdit } from '../../../../src/core/httpFile/keptAnswer';
import { parseHttpFile } from '../../../../src/core/httpFile/parseHttpFile';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { repoRoot as root } from '../../../support/paths';

const KEPT_AT = '2026-12-04T04:10Z';
/** An answer with every line that could change how a client reads the file if it were not kept as a comment. */
const HOSTILE_ANSWER = [
  'HTTP/1.1 401 Unauthorized',
  'Content-Type: application/json',
  '',
  '### not a separator',
  '@name stolen',
  '  @no-log',
  'GET https://evil.example/',
  '// not a comment marker either',
  '{"error": "invalid_grant", "refresh_token": "rt-SECRET-VALUE", "x": "{{var}}"}',
  '',
].join('\n');

interface SentRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: unknown;
  readonly body: unknown;
}

/** What httpYac would send for each request of a file, read with its own parser. */
async function httpyacRequests(file: string, text: string): Promise<SentRequest[]> {
  const parsed = await new httpyac.store.HttpFileStore().parse(file, text, {
    workingDir: path.dirname(file),
  });
  return parsed.httpRegions
    .filter((r) => r.request)
    .map((r) => ({
      method: r.request!.method,
      url: r.request!.url,
      headers: r.request!.headers,
      body: r.request!.body,
    }));
}

/**
 * REST Client's rules as its README states them (https://github.com/Huachao/vscode-restclient#usage, "Multiple
 * Requests in the Same File" and "Comments"): requests are separated by lines of three or more `#`; lines starting with
 * `#` or `//` are comments; the first line of a block that is neither blank nor a comment (nor a `@variable` line) is
 * the request line, and everything after it up to the next separator is headers and body, sent as written.
 */
function restClientRequests(text: string): string[] {
  const blocks = text.split(/\r?\n/).reduce<string[][]>(
    (acc, line) => {
      if (/^#{3,}/.test(line)) {
        acc.push([]);
      } else {
        acc[acc.length - 1].push(line);
      }
      return acc;
    },
    [[]],
  );
  return blocks.flatMap((lines) => {
    const first = lines.findIndex((l) => l.trim() !== '' && !/^\s*(#|\/\/)/.test(l) && !/^\s*@/.test(l));
    return first < 0 ? [] : [lines.slice(first).join('\n').trimEnd()];
  });
}

function requestLines(text: string): number[] {
  return parseHttpFile(text)
    .blocks.map((b) => b.request?.line)
    .filter((l): l is number => l !== undefined);
}

function keepAtEveryRequest(text: string, answer: string): string {
  // From the last request up, so the earlier line numbers stay right.
  return requestLines(text)
    .reverse()
    .reduce((t, line) => applyKeptAnswer(t, keepAnswerEdit(t, line, answer, KEPT_AT)), text);
}

describe('keepAnswerEdit', () => {
  before(() => {
    httpyac.cli.initFileProvider();
  });

  const files = [
    ...fs.readdirSync(path.join(root, 'examples')).map((f) => path.join(root, 'examples', f)),
    path.join(root, 'test', 'fixtures', 'http', 'httpyac-syntax.http'),
    path.join(root, 'test', 'fixtures', 'http', 'jetbrains-handlers.http'),
    path.join(root, 'test', 'fixtures', 'http', 'crlf-mixed-line-endings.http'),
  ].filter((f) => f.endsWith('.http'));

  for (const file of files) {
    it(`changes no request httpYac or REST Client would send: ${path.basename(file)}`, async () => {
      const before = fs.readFileSync(file, 'utf8');
      const after = keepAtEveryRequest(before, HOSTILE_ANSWER);
      assert.notEqual(after, before);
      assert.deepEqual(await httpyacRequests(file, after), await httpyacRequests(file, before));
      // httpYac's own syntax (script blocks before a request) is not REST Client's; its file is httpYac's alone.
      if (!path.basename(file).startsWith('httpyac-')) {
        assert.deepEqual(restClientRequests(after), restClientRequests(before));
      }
    });
  }

  it('would change what is sent if the answer went below the request instead (the test can tell)', async () => {
    const text =
      'POST https://a.example/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=x\n';
    const below = `${text}# {"error":"invalid_grant"}\n`;
    assert.notDeepEqual(restClientRequests(below), restClientRequests(text));
    const unescaped = `# @name stolen\n${text}`;
    const file = path.join(root, 'x.http');
    const named = await new httpyac.store.HttpFileStore().parse(file, unescaped, { workingDir: root });
    assert.equal(named.httpRegions.find((r) => r.request)?.metaData.name, 'stolen');
    const kept = applyKeptAnswer(text, keepAnswerEdit(text, 0, '@name stolen', KEPT_AT));
    const keptParsed = await new httpyac.store.HttpFileStore().parse(file, kept, { workingDir: root });
    assert.notEqual(keptParsed.httpRegions.find((r) => r.request)?.metaData.name, 'stolen');
  });

  it('masks tokens and given secrets, and keeps the line endings of the file', () => {
    const text = 'GET https://a.example/\r\n';
    const edit = keepAnswerEdit(
      text,
      0,
      '{"access_token": "at-123456", "note": "client-secret-xyz"}',
      KEPT_AT,
      ['client-secret-xyz'],
    );
    assert.doesNotMatch(edit.text, /at-123456|client-secret-xyz/);
    assert.match(edit.text, /^# Answer kept 2026-12-04T04:10Z;.*\r\n# \{"access_token": "«redacted»"/);
    assert.equal(edit.offset, 0);
  });

  it('is explained with the request below it as context', () => {
    const text = [
      '### refresh',
      'POST https://oauth.rabobank.nl/openapi/oauth2/token',
      'Content-Type: application/x-www-form-urlencoded',
      '',
      'grant_type=refresh_token&refresh_token={{rt}}',
      '',
    ].join('\n');
    const kept = applyKeptAnswer(
      text,
      keepAnswerEdit(
        text,
        1,
        'HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{"error": "invalid_grant"}',
        KEPT_AT,
      ),
    );
    const codes = lintHttpFile(kept, KnowledgeBase.create()).map((d) => d.code);
    assert.ok(codes.includes('rabobank.token.invalid-refresh-token'), codes.join(', '));
  });

  it('examples/: no answer inside a request block; each kept answer is explained with its request as context', () => {
    for (const file of fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.http'))) {
      const blocks = parseHttpFile(fs.readFileSync(path.join(root, 'examples', file), 'utf8')).blocks;
      assert.deepEqual(
        blocks.filter((b) => b.responses.length > 0).map((b) => b.name),
        [],
        `${file} has answers where they would be sent`,
      );
    }
    const recorded = fs.readFileSync(path.join(root, 'examples', 'recorded-rabobank-errors.http'), 'utf8');
    const found = lintHttpFile(recorded, KnowledgeBase.create()).map((d) => [d.code, d.range.start.line]);
    // The same body (invalid_grant) means a spent code after a code exchange and a spent refresh token after a refresh.
    assert.deepEqual(
      found.map(([code]) => code),
      [
        'rabobank.token.invalid-code',
        'rabobank.token.invalid-refresh-token',
        'rabobank.token.invalid-client',
        'rabobank.api.access-token-invalid',
        'rabobank.api.forbidden',
      ],
    );
    const lines = recorded.split('\n');
    for (const [, line] of found) {
      assert.match(lines[line as number], /^# /, 'the diagnostic is on a kept comment line');
    }
  });

  it('refuses a line outside the document', () => {
    assert.throws(() => keepAnswerEdit('GET https://a.example/\n', 5, '{}', KEPT_AT), RangeError);
  });
});
