import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import { hoverContent } from '../../../../src/core/httpFile/hoverContent';
import { lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { shouting } from '../../../doubles/shoutingTranslation';

const kb = KnowledgeBase.create();
const COMMANDS = {
  refreshToken: 'oauthWorkbench.refreshToken',
  checkConsent: 'oauthWorkbench.checkConsent',
  signIn: 'oauthWorkbench.signIn',
  editProfile: 'oauthWorkbench.editProfile',
};

describe('hoverContent', () => {
  it('shows title, what happened, ranked causes, fixes, erratum and link', () => {
    const [d] = lintHttpFile(
      'GET https://api.rabobank.nl/openapi/payments/account-information/ais/accounts\n\nHTTP/1.1 403 Forbidden\n\n{"httpCode":"403","httpMessage":"Forbidden","moreInformation":"Forbidden"}',
      kb,
    );
    const { markdown } = hoverContent(d, kb, {}, english);
    assert.match(markdown, /^\*\*Rabobank API: forbidden/);
    assert.match(markdown, /API call · HTTP 403/);
    assert.match(markdown, /\*\*Likely causes\*\*\n\n1\. /);
    assert.match(markdown, /\*\*How to fix\*\*/);
    assert.match(markdown, /> \*\*Guide erratum: the scope name is missing/);
    assert.match(
      markdown,
      /\[Rabobank OAuth 2\.0 troubleshooting guide: Forbidden\]\(https:\/\/developer\.rabobank\.nl\//,
    );
  });

  it('takes its own words from the translation, the catalog entry’s from the knowledge base', () => {
    const [d] = lintHttpFile(
      'GET https://api.rabobank.nl/openapi/payments/account-information/ais/accounts/a/balances\n\nHTTP/1.1 403 Forbidden\n',
      kb,
    );
    const { markdown } = hoverContent(d, kb, COMMANDS, shouting);
    assert.match(markdown, /^\*\*Rabobank API: forbidden/);
    assert.match(markdown, /API CALL · HTTP 403/);
    assert.match(markdown, /\*\*LIKELY CAUSES\*\*\n\n1\. /);
    assert.match(markdown, /\*\*HOW TO FIX\*\*/);
    assert.match(markdown, /\[CHECK CONSENT\]\(command:oauthWorkbench\.checkConsent\?/);
    assert.match(markdown, /\[SIGN IN AGAIN WITH SCOPE ais\.balances\.read\]\(command:/);
  });

  it('links only the commands that are registered, with the needed scope on sign-in', () => {
    const [d] = lintHttpFile(
      'GET https://api.rabobank.nl/openapi/payments/account-information/ais/accounts/a/balances\n\nHTTP/1.1 403 Forbidden\n',
      kb,
    );
    const none = hoverContent(d, kb, {}, english);
    assert.doesNotMatch(none.markdown, /command:/);
    assert.deepEqual(none.commandIds, []);
    const all = hoverContent(d, kb, COMMANDS, english);
    assert.match(all.markdown, /\[Check consent\]\(command:oauthWorkbench\.checkConsent\?/);
    assert.match(
      all.markdown,
      /\[Sign in again with scope ais\.balances\.read\]\(command:oauthWorkbench\.signIn\?/,
    );
    assert.deepEqual(all.commandIds, ['oauthWorkbench.checkConsent', 'oauthWorkbench.signIn']);
    const args = decodeURIComponent(/signIn\?([^)]*)\)/.exec(all.markdown)![1]);
    assert.deepEqual(JSON.parse(args), [{ scope: 'ais.balances.read' }]);
  });

  it('passes the matched profile id to the command, as the profile commands expect', () => {
    const profiles = [
      {
        id: 'rabo-sandbox',
        name: 'Rabo sandbox',
        clientId: 'app',
        tokenEndpoint: 'https://oauth.rabobank.nl/openapi/oauth2/token',
      },
    ];
    const [d] = lintHttpFile(
      'POST https://oauth.rabobank.nl/openapi/oauth2/token\n\ngrant_type=refresh_token&refresh_token=r',
      kb,
      { profiles },
    );
    assert.equal(d.code, 'lint.token.missing-client-auth');
    const { markdown } = hoverContent(d, kb, COMMANDS, english);
    const args = decodeURIComponent(/editProfile\?([^)]*)\)/.exec(markdown)![1]);
    assert.deepEqual(JSON.parse(args), [{ profileId: 'rabo-sandbox' }]);
  });

  it('quotes what the server said, escaped and shortened', () => {
    const [d] = lintHttpFile(
      '{"error":"invalid_grant","error_description":"AADSTS99: *bad* [x](y)\\r\\nTrace ID: 1"}',
      kb,
    );
    const { markdown } = hoverContent(d, kb, {}, english);
    assert.match(markdown, /The server said: “AADSTS99\\: \\\*bad\\\* \\\[x\\\]\\\(y\\\) Trace ID\\: 1”/);
  });

  it('ranks the refresh-token causes first for a refresh grant', () => {
    const [d] = lintHttpFile(
      'POST https://auth.example.com/token\n\ngrant_type=refresh_token&refresh_token=r&client_secret=s\n\nHTTP/1.1 400 Bad Request\n\n{"error":"invalid_grant"}',
      kb,
    );
    const { markdown } = hoverContent(d, kb, {}, english);
    assert.match(markdown, /1\. The refresh token expired/);
  });

  it('lists the alternatives when the context could not decide', () => {
    const [d] = lintHttpFile('{"error":"invalid_grant"}', kb);
    const { markdown } = hoverContent(d, kb, {}, english);
    assert.match(markdown, /could also be:\*\*\n\n- `rabobank\.token\.invalid-code`/);
  });
});

describe('hoverContent on hostile values', () => {
  const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  const unregistered = (value: string) => {
    const [d] = lintHttpFile(`HTTP/1.1 400 Bad Request\n\n${JSON.stringify({ error: value })}`, kb);
    assert.equal(d.code, 'oauth.any.unregistered-error');
    return d;
  };

  it('quotes a 100 KB unregistered error value as a short excerpt', () => {
    const d = unregistered('x'.repeat(100_000));
    const { markdown } = hoverContent(d, kb, {}, english);
    assert.ok(markdown.length < 5_000, `hover is ${markdown.length} characters`);
    assert.ok(d.message.length < 300, `message is ${d.message.length} characters`);
    assert.match(markdown, /…/);
  });

  it('keeps line breaks in a value from turning into Markdown headings, rules or links', () => {
    const d = unregistered('bad\n# Heading\n---\n[click](command:oauthWorkbench.signIn)\n<img src=x>\n```');
    const { markdown } = hoverContent(d, kb, {}, english);
    for (const line of markdown.split('\n')) {
      assert.doesNotMatch(line, /^\s*(#|---|```)/, line);
    }
    assert.doesNotMatch(markdown, /[^\\]\[click\]|[^\\]<img|command:oauthWorkbench\.signIn\)/);
    assert.doesNotMatch(d.message, /\n/);
  });

  it('removes bidi controls from the value and from what the server said', () => {
    const d = unregistered('invalid\u202egnp.exe\u2066x\u2069');
    assert.doesNotMatch(d.message, BIDI);
    assert.doesNotMatch(hoverContent(d, kb, {}, english).markdown, BIDI);
    const [known] = lintHttpFile(
      '{"error":"invalid_grant","error_description":"expired \\u202etoken\\u2067 rlo"}',
      kb,
    );
    const { markdown } = hoverContent(known, kb, {}, english);
    assert.match(markdown, /The server said: “expired token rlo”/);
  });

  it('cuts a token the server quotes, and masks credentials it echoes', () => {
    const jwt = `eyJhbGciOiJub25lIn0.${'eyJzdWIiOiJhbGljZSJ9'.repeat(3)}.`;
    const [d] = lintHttpFile(
      JSON.stringify({
        error: 'invalid_grant',
        error_description: `token ${jwt} for https://client.test/cb?code=abc123 refused`,
      }),
      kb,
    );
    const { markdown } = hoverContent(d, kb, {}, english);
    assert.ok(!markdown.includes(jwt));
    assert.ok(!markdown.includes('abc123'));
    assert.match(markdown, /token eyJhbG…/);
  });
});
