import * as assert from 'node:assert/strict';
import { hoverContent } from '../../../../src/core/httpFile/hoverContent';
import { lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';

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
    const { markdown } = hoverContent(d, kb, {});
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

  it('links only the commands that are registered, with the needed scope on sign-in', () => {
    const [d] = lintHttpFile(
      'GET https://api.rabobank.nl/openapi/payments/account-information/ais/accounts/a/balances\n\nHTTP/1.1 403 Forbidden\n',
      kb,
    );
    const none = hoverContent(d, kb, {});
    assert.doesNotMatch(none.markdown, /command:/);
    assert.deepEqual(none.commandIds, []);
    const all = hoverContent(d, kb, COMMANDS);
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
    const { markdown } = hoverContent(d, kb, COMMANDS);
    const args = decodeURIComponent(/editProfile\?([^)]*)\)/.exec(markdown)![1]);
    assert.deepEqual(JSON.parse(args), [{ profileId: 'rabo-sandbox' }]);
  });

  it('quotes what the server said, escaped and shortened', () => {
    const [d] = lintHttpFile(
      '{"error":"invalid_grant","error_description":"AADSTS99: *bad* [x](y)\\r\\nTrace ID: 1"}',
      kb,
    );
    const { markdown } = hoverContent(d, kb, {});
    assert.match(markdown, /The server said: “AADSTS99: \\\*bad\\\* \\\[x\\\]\(y\) Trace ID: 1”/);
  });

  it('ranks the refresh-token causes first for a refresh grant', () => {
    const [d] = lintHttpFile(
      'POST https://auth.example.com/token\n\ngrant_type=refresh_token&refresh_token=r&client_secret=s\n\nHTTP/1.1 400 Bad Request\n\n{"error":"invalid_grant"}',
      kb,
    );
    const { markdown } = hoverContent(d, kb, {});
    assert.match(markdown, /1\. The refresh token expired/);
  });

  it('lists the alternatives when the context could not decide', () => {
    const [d] = lintHttpFile('{"error":"invalid_grant"}', kb);
    const { markdown } = hoverContent(d, kb, {});
    assert.match(markdown, /could also be:\*\*\n\n- `rabobank\.token\.invalid-code`/);
  });
});
