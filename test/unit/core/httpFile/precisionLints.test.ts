import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import { knownGrant, suggestGrant } from '../../../../src/core/httpFile/grantLints';
import { hoverContent } from '../../../../src/core/httpFile/hoverContent';
import { HttpDiagnostic, TextEdit } from '../../../../src/core/httpFile/httpDiagnostic';
import { lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { LineIndex } from '../../../../src/core/httpFile/lineIndex';
import { LintContext } from '../../../../src/core/httpFile/lintContext';
import { parseHttpFile } from '../../../../src/core/httpFile/parseHttpFile';
import { resolveRequestContext } from '../../../../src/core/httpFile/requestContext';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';

const kb = KnowledgeBase.create();

function codes(text: string, lint?: LintContext): string[] {
  return lintHttpFile(text, kb, lint).map((d) => d.code);
}

function only(text: string, code: string): HttpDiagnostic {
  const found = lintHttpFile(text, kb).filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${codes(text).join(', ')}`);
  return found[0];
}

function apply(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const offset = (p: { line: number; character: number }) => lines.starts[p.line] + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

const FORM = 'Content-Type: application/x-www-form-urlencoded\n';
const token = (host: string, body: string, headers = '') =>
  `POST ${host}/oauth2/token\n${FORM}${headers}\n${body}\n`;

describe('precision lints', () => {
  describe('grant types', () => {
    const table: [written: string, meant: string | undefined][] = [
      ['passwrd', 'password'],
      ['client_credential', 'client_credentials'],
      ['authorisation_code', 'authorization_code'],
      ['refresh-token', 'refresh_token'],
      ['device_code', 'urn:ietf:params:oauth:grant-type:device_code'],
      ['token-exchange', 'urn:ietf:params:oauth:grant-type:token-exchange'],
      ['Password', 'password'],
      ['magic', undefined],
    ];
    for (const [written, meant] of table) {
      it(`suggests ${meant ?? 'nothing'} for ${written}`, () => {
        assert.equal(suggestGrant(written), meant);
      });
    }

    it('knows a grant only by its exact name, and hands back its own string for it', () => {
      const cut = 'grant_type=client_credentials'.slice(11);
      assert.equal(knownGrant(cut)?.[0], 'client_credentials');
      assert.equal(knownGrant('authorization_code')?.[0], 'authorization_code');
      // Same length and last letter as a known grant, or one letter off: not known.
      for (const near of [
        'authorizatiom_code',
        'client_credentialz',
        'Client_credentials',
        'refresh_tokeN',
        '',
        'code',
      ]) {
        assert.equal(knownGrant(near), undefined, near);
      }
    });

    it('offers a fix that writes the grant it suggests', () => {
      const text = token(
        'https://auth.example.com',
        'grant_type=passwrd&username=a&password=b',
        'Authorization: Basic {{b}}\n',
      );
      const d = only(text, 'lint.token.unknown-grant-type');
      assert.match(d.message, /did you mean `password`/);
      assert.match(apply(text, d.data.fixes[0].edits), /grant_type=password&/);
    });

    it('leaves JSON posted to a token path without a grant alone (some other API’s token)', () => {
      const text =
        'POST https://cards.example.com/v1/token\nContent-Type: application/json\n\n{"pan": "4111"}\n';
      assert.deepEqual(codes(text), []);
    });

    it('checks the parameters of a grant sent as JSON', () => {
      const text =
        'POST https://auth.example.com/oauth/token\nContent-Type: application/json\n\n{"grant_type": "password", "client_id": "a", "client_secret": "b", "username": "u"}\n';
      assert.match(only(text, 'lint.token.grant-missing-parameter').message, /needs `password`/);
    });
  });

  describe('client authentication', () => {
    const pkce =
      'grant_type=authorization_code&client_id=app&code=c&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcb';

    it('accepts a PKCE client that sends only its id, but not at Rabobank, whose clients all have secrets', () => {
      assert.deepEqual(codes(token('https://auth.example.com', pkce)), []);
      assert.deepEqual(codes(token('https://oauth.rabobank.nl/openapi', pkce)), [
        'lint.token.missing-client-auth',
      ]);
    });

    it('warns when the profile of that client holds a secret', () => {
      const body = 'grant_type=authorization_code&client_id=app&code=c';
      const lint: LintContext = { profiles: [{ name: 'App', clientId: 'app', clientSecret: 's' }] };
      assert.deepEqual(codes(token('https://auth.example.com', body)), []);
      assert.deepEqual(codes(token('https://auth.example.com', body), lint), [
        'lint.token.missing-client-auth',
      ]);
    });

    it('trusts a well-known public id even when its block mentions a secret', () => {
      const body = 'grant_type=refresh_token&client_id=admin-cli&refresh_token=r';
      const text = `### no client_secret for this one\n${token('http://localhost:8080/realms/x/protocol/openid-connect', body)}`;
      assert.deepEqual(codes(text), []);
      assert.deepEqual(codes(text.replace('admin-cli', 'web-app')), ['lint.token.missing-client-auth']);
    });
  });

  describe('authorization requests', () => {
    it('checks the pushed request for state and offers to add one to its body', () => {
      const text =
        'POST https://auth.example.com/oauth/par\nContent-Type: application/x-www-form-urlencoded\nAuthorization: Basic {{b}}\n\nresponse_type=code&client_id=app\n';
      const d = only(text, 'lint.authorize.missing-state');
      assert.match(apply(text, d.data.fixes[0].edits), /client_id=app&state=\{\{\$guid\}\}\n$/);
    });

    it('reads the pushed endpoint from the path: a query ending in /par is not one, a variable naming one is', () => {
      const body = '\nresponse_type=code&client_id=app\n';
      const pushed = (url: string, before = '') => codes(`${before}POST ${url}\n${FORM}${body}`);
      assert.deepEqual(pushed('https://auth.example.com/par/'), ['lint.authorize.missing-state']);
      assert.deepEqual(pushed('https://auth.example.com/ext/PAR/Request?x=1'), [
        'lint.authorize.missing-state',
      ]);
      assert.deepEqual(pushed('https://auth.example.com/login?next=/par'), []);
      assert.deepEqual(pushed('https://auth.example.com/parking'), []);
      assert.deepEqual(pushed('{{parUrl}}', '@parUrl = https://auth.example.com/oauth/par\n\n'), [
        'lint.authorize.missing-state',
      ]);
    });

    it('does not ask for state on the follow-up of a pushed request', () => {
      const text = 'GET https://auth.example.com/authorize?client_id=app&request_uri=urn%3Ax%3Ay\n';
      assert.deepEqual(codes(text), []);
      assert.deepEqual(codes(text.replace('request_uri', 'nonsense')), ['lint.authorize.missing-state']);
    });

    it('makes openid without nonce a warning when the ID token comes from the authorization endpoint', () => {
      const text =
        'GET https://auth.example.com/authorize?response_type=id_token&client_id=app&state=s&scope=openid\n';
      assert.equal(only(text, 'lint.authorize.openid-without-nonce').severity, 'warning');
      assert.deepEqual(codes(text.replace('scope=openid', 'scope=openid&nonce=n')), []);
    });
  });

  describe('header and syntax hygiene', () => {
    it('leaves real tokens and variables alone', () => {
      for (const value of ['{{token}}', 'mF_9.B5f-4.1JqM', '2YotnFZFEjr1zCsicMWpAA']) {
        assert.deepEqual(codes(`GET https://api.example.com/x\nAuthorization: Bearer ${value}\n`), [], value);
      }
    });

    it('removes the colon after the method with its fix', () => {
      const text = '###\nPOST: https://auth.example.com/token\n';
      const d = only(text, 'lint.request.method-colon');
      assert.equal(apply(text, d.data.fixes[0].edits), '###\nPOST https://auth.example.com/token\n');
    });
  });

  describe('context', () => {
    const contextOf = (url: string) => {
      const file = parseHttpFile(`POST ${url}\n`);
      return resolveRequestContext(file, file.blocks[0].request);
    };

    it('takes the practice server on its usual port for Rabobank, and no other loopback server', () => {
      assert.equal(contextOf('http://127.0.0.1:8642/oauth2/token').provider, 'rabobank');
      assert.equal(contextOf('http://localhost:8642/oauth2/token').provider, 'rabobank');
      assert.equal(contextOf('http://127.0.0.1:9000/oauth2/token').provider, 'unknown');
      assert.equal(
        contextOf('http://127.0.0.1:8642/realms/x/protocol/openid-connect/token').provider,
        'keycloak',
      );
    });

    it('shows the Rabobank guide’s erratum only for Rabobank and the practice server', () => {
      const body = 'grant_type=code&code=c';
      const headers = 'Authorization: Basic {{b}}\n';
      const hover = (host: string) => {
        const [d] = lintHttpFile(token(host, body, headers), kb);
        assert.equal(d.code, 'lint.token.grant-type-code');
        return hoverContent(d, kb, {}, english).markdown;
      };
      assert.match(hover('https://oauth.rabobank.nl/openapi'), /> \*\*Guide erratum/);
      assert.match(hover('http://127.0.0.1:8642'), /> \*\*Guide erratum/);
      assert.doesNotMatch(hover('https://auth.example.com'), /erratum/i);
    });
  });

  describe('the quick tests before each check rule out only what the check would', () => {
    const has = (text: string, code: string) => codes(text).includes(code);

    it('finds a token or secret in any query parameter, and no other name', () => {
      const query = (q: string) => `GET https://api.example.com/me?${q}\n`;
      for (const q of ['access_token=abc', 'a=1&client_secret=s', 'token=x', 'a=1&client_assertion=y']) {
        assert.ok(has(query(q), 'lint.request.secret-in-query'), q);
      }
      for (const q of ['tokens=1&secretary=2', 'x=token', 'assertion_type=z', 'a=1']) {
        assert.ok(!has(query(q), 'lint.request.secret-in-query'), q);
      }
      assert.ok(!has('GET https://api.example.com/token?x=1\n', 'lint.request.secret-in-query'));
    });

    it('finds an ID token variable sent as the bearer value, with any blank inside the braces', () => {
      const bearer = (value: string) => `GET https://api.example.com/me\nAuthorization: Bearer ${value}\n`;
      for (const value of [
        '{{$auth.idToken("p")}}',
        '{{ $auth.idToken("p") }}',
        '{{\u00a0$auth.idToken("p")}}',
      ]) {
        assert.ok(has(bearer(value), 'lint.bearer.id-token'), value);
      }
      for (const value of ['{{token}}', '{{$auth.token("p")}}', '{{ accessToken }}']) {
        assert.ok(!has(bearer(value), 'lint.bearer.id-token'), value);
      }
    });

    it("finds blanks around a form parameter's `=`, wherever the parameter stands", () => {
      const host = 'https://auth.example.com';
      assert.ok(has(token(host, 'grant_type = client_credentials&client_id=a'), 'lint.request.form-spaces'));
      assert.ok(has(token(host, 'grant_type=client_credentials&scope =x'), 'lint.request.form-spaces'));
      assert.ok(has(token(host, 'grant_type=client_credentials&scope= x'), 'lint.request.form-spaces'));
      assert.ok(!has(token(host, 'grant_type=client_credentials&scope=a b'), 'lint.request.form-spaces'));
      assert.ok(!has(token(host, 'grant_type=client_credentials&flag&x=1'), 'lint.request.form-spaces'));
    });

    it('reads a POST to a PAR endpoint as an authorization request sent through the back channel', () => {
      const secretInFront = 'lint.authorize.credentials-in-front-channel';
      assert.ok(
        has(
          'GET https://auth.example.com/authorize?response_type=code&client_id=a&client_secret=s\n',
          secretInFront,
        ),
      );
      const par = `POST https://auth.example.com/oauth2/par\n${FORM}\nresponse_type=code&client_id=a&client_secret=s\n`;
      assert.ok(!has(par, secretInFront));
      assert.ok(
        has(
          par.replace('client_secret=s', 'code_challenge_method=S256'),
          'lint.authorize.pkce-method-without-challenge',
        ),
      );
    });
  });
});
