import * as assert from 'node:assert/strict';
import { diagnoseParsedFile, lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { parseHttpFile } from '../../../../src/core/httpFile/parseHttpFile';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { rabobankEntries } from '../../../../src/core/knowledge/rabobankEntries';
import { loadFixtureCorpus } from './fixtureCorpus';

const kb = KnowledgeBase.create();
const corpus = loadFixtureCorpus();
const precision = loadFixtureCorpus('precision');

describe('httpFileDiagnostics over the fixture corpus', () => {
  for (const fixture of [...corpus, ...precision.map((f) => ({ ...f, name: `precision/${f.name}` }))]) {
    it(`reports exactly the expected ids and lines in ${fixture.name}`, () => {
      const found = lintHttpFile(fixture.text, kb)
        .map((d) => `${d.code}@${d.range.start.line + 1}`)
        .sort();
      assert.deepEqual(found, fixture.expected);
    });
  }

  it('covers every Rabobank guide case, erratum and standard family', () => {
    const ids = new Set(corpus.flatMap((f) => f.expected.map((e) => e.split('@')[0])));
    for (const entry of rabobankEntries()) {
      assert.ok(ids.has(entry.id), `no fixture expects ${entry.id}`);
    }
    const families = [
      'oauth.authorize.',
      'oauth.token.',
      'oauth.bearer.',
      'oauth.revoke.',
      'berlingroup.',
      'entra.',
      'keycloak.',
      'auth0.',
      'okta.',
      'google.',
      'lint.',
    ];
    for (const family of families) {
      assert.ok(
        [...ids].some((id) => id.startsWith(family)),
        `no fixture covers ${family}*`,
      );
    }
    const errata = new Set([...ids].flatMap((id) => kb.get(id)?.errata ?? []));
    assert.deepEqual([...errata].sort(), [
      'consent-status-invalid',
      'grant-type-value',
      'missing-scope-name',
      'payment-request-scope',
    ]);
  });

  it('reaches every knowledge-base entry (the profile lints, which need a lint context, are unit-tested)', () => {
    const ids = new Set([...corpus, ...precision].flatMap((f) => f.expected.map((e) => e.split('@')[0])));
    const needProfiles = [
      'lint.token.basic-auth-profile-mismatch',
      'lint.authorize.redirect-uri-mismatch',
      // Seen only by the engine, which fetches the authorization URL itself.
      'oauth.authorize.refused-before-login',
      'oauth.authorize.redirect-uri-mismatch',
    ];
    const missing = kb
      .all()
      .map((e) => e.id)
      .filter((id) => !ids.has(id) && !needProfiles.includes(id));
    assert.deepEqual(missing, []);
  });

  it('has negative cases that stay silent', () => {
    const silent = corpus.filter((f) => f.name.startsWith('negative-'));
    assert.ok(silent.length >= 3);
    for (const f of silent) {
      assert.deepEqual(f.expected, [], `${f.name} should expect nothing`);
    }
  });
});

describe('httpFileDiagnostics ranges and data', () => {
  it('points at the error string of a JSON body, quotes included', () => {
    const text =
      'POST https://auth.example.com/token\n\ngrant_type=refresh_token&refresh_token=x&client_secret=s\n\nHTTP/1.1 400 Bad Request\n\n{"error": "invalid_grant"}\n';
    const [d] = lintHttpFile(text, kb);
    assert.equal(d.code, 'oauth.token.invalid_grant');
    assert.deepEqual(d.range, { start: { line: 6, character: 10 }, end: { line: 6, character: 25 } });
    assert.equal(d.severity, 'warning');
    assert.equal(d.data.grantType, 'refresh_token');
    assert.equal(d.data.status, 400);
    assert.deepEqual(d.data.alternatives, [], 'the host rules the Rabobank readings out');
  });

  it('lists the alternatives when nothing tells the endpoint or provider', () => {
    const [d] = lintHttpFile('{"error":"invalid_grant"}', kb);
    assert.equal(d.code, 'oauth.token.invalid_grant');
    assert.deepEqual(d.data.alternatives, [
      'rabobank.token.invalid-code',
      'rabobank.token.invalid-refresh-token',
    ]);
  });

  it('points at the status line when only the status says what happened', () => {
    const text =
      'GET https://api.rabobank.nl/openapi/payments/account-information/ais/accounts\n\nHTTP/1.1 403 Forbidden\n';
    const [d] = lintHttpFile(text, kb);
    assert.equal(d.code, 'rabobank.api.forbidden');
    assert.deepEqual(d.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 22 } });
    assert.deepEqual(d.data.requiredScopes, [
      'ais.balances.read',
      'ais.transactions.read-90days',
      'ais.transactions.read-history',
    ]);
  });

  it('points at the WWW-Authenticate parameter', () => {
    const text = 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm="x", error="invalid_token"\n';
    const [d] = lintHttpFile(text, kb);
    assert.equal(d.code, 'oauth.bearer.invalid_token');
    assert.equal(
      text.split('\n')[1].slice(d.range.start.character, d.range.end.character),
      'error="invalid_token"',
    );
  });

  it('maps a payload spread over comment lines back to its exact place', () => {
    const text = '# {\n#   "error":\n#     "access_denied"\n# }\n';
    const [d] = lintHttpFile(text, kb);
    assert.equal(d.code, 'oauth.authorize.access_denied');
    assert.deepEqual(d.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 21 } });
  });

  it('keeps positions right with CRLF and lone CR line endings', () => {
    const text = 'HTTP/1.1 400 Bad Request\r\n\r\n{"error":\r"unsupported_grant_type"}';
    const [d] = lintHttpFile(text, kb);
    assert.equal(d.code, 'oauth.token.unsupported_grant_type');
    assert.deepEqual(d.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 24 } });
  });
});

describe('lintHttpFile diagnosing blocks as it reads them', () => {
  const response = 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error": "invalid_grant"}\n';
  const request = (url: string) =>
    `POST ${url}\nContent-Type: application/x-www-form-urlencoded\nAuthorization: Basic {{basic}}\n\ngrant_type=authorization_code&code=c&redirect_uri={{redirectUri}}\n\n${response}`;
  const codesOf = (text: string) => lintHttpFile(text, kb).map((d) => d.code);

  it('resolves a URL with a variable defined further down, and the last definition wins', () => {
    const rabobank = '@tokenUrl = https://oauth.rabobank.nl/openapi/oauth2/token\n';
    const other = '@tokenUrl = https://login.example.com/oauth2/token\n';
    assert.deepEqual(codesOf(`${request('{{tokenUrl}}')}###\n${rabobank}`), ['rabobank.token.invalid-code']);
    assert.deepEqual(codesOf(`${rabobank}###\n${request('{{tokenUrl}}')}###\n${other}`), [
      'oauth.token.invalid_grant',
    ]);
  });

  it('gives what diagnosing the whole parsed document gives, for every fixture in one file', () => {
    const text = corpus.map((f) => f.text).join('\n###\n');
    const lint = { now: Date.UTC(2026, 10, 27), profiles: [] };
    assert.deepStrictEqual(lintHttpFile(text, kb, lint), diagnoseParsedFile(parseHttpFile(text), kb, lint));
  });

  it('resolves a URL with a variable defined hundreds of blocks further down', () => {
    const rabobank = '@tokenUrl = https://oauth.rabobank.nl/openapi/oauth2/token\n';
    const between = Array.from({ length: 300 }, (_, i) => `GET https://api.example.com/items/${i}\n`).join(
      '###\n',
    );
    assert.deepEqual(codesOf(`${request('{{tokenUrl}}')}###\n${between}###\n${rabobank}`), [
      'rabobank.token.invalid-code',
    ]);
  });

  it('follows definitions further down for every block whose URL uses them, in a large file', () => {
    const text = corpus.map((f) => f.text).join('\n###\n');
    const redefined = `${text}\n###\n@tokenUrl = https://login.example.com/oauth2/token\n@host = https://oauth.rabobank.nl\n`;
    const lint = { now: Date.UTC(2026, 10, 27), profiles: [] };
    const diagnostics = lintHttpFile(redefined, kb, lint);
    assert.deepStrictEqual(diagnostics, diagnoseParsedFile(parseHttpFile(redefined), kb, lint));
    // The definitions at the end change what some blocks report.
    assert.notDeepStrictEqual(
      diagnostics.map((d) => d.code),
      lintHttpFile(text, kb, lint).map((d) => d.code),
    );
  });

  it('treats a form content type in capitals as a form', () => {
    const text =
      'POST https://a.example/token\nCONTENT-TYPE: Application/X-WWW-Form-Urlencoded\n\ngrant_type=code&code=c\n';
    assert.ok(codesOf(text).includes('lint.token.grant-type-code'), codesOf(text).join(', '));
  });
});
