import * as assert from 'node:assert/strict';
import { lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { LintContext } from '../../../../src/core/httpFile/lintContext';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { shouting } from '../../../doubles/shoutingTranslation';

const profile = {
  id: 'rabo',
  name: 'Rabo sandbox',
  clientId: 'my-client',
  clientSecret: 'my secret',
  redirectUri: 'http://127.0.0.1:8765/cb',
  tokenEndpoint: 'https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2/token',
  authorizationEndpoint: 'https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2/authorize',
};
const lint: LintContext = { now: Date.UTC(2026, 10, 27), profiles: [profile] };

const FILE = `POST https://auth.example.com/oauth/token?client_secret=abc
Content-Type: application/x-www-form-urlencoded

grant_type=authorisation_code&code=x&redirect_uri=http://localhost/cb

###
GET https://auth.example.com/oauth/authorize?client_id=a&response_type=code&redirect_uri=http://localhost/cb

###
POST https://auth.example.com/oauth/token
Content-Type: application/x-www-form-urlencoded

grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=a

###
POST https://user:pw@auth.example.com/oauth/token
Content-Type: application/x-www-form-urlencoded

grant_type=client_credentials

###
GET https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2/authorize?client_id=my-client&response_type=code&state=s&redirect_uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcb

###
GET: https://api.example.com/x
`;

/** Each diagnostic as "line code | message | fix titles". */
function lines(kb: KnowledgeBase): string[] {
  return lintHttpFile(FILE, kb, lint).map(
    (d) => `${d.range.start.line} ${d.code} | ${d.message} | ${d.data.fixes.map((f) => f.title).join(' ; ')}`,
  );
}

describe('the words lints add to a diagnostic', () => {
  it('reads as before in English', () => {
    assert.deepEqual(lines(KnowledgeBase.create()), [
      '0 lint.token.credentials-in-url | Client credentials in the URL: `client_secret` in the query | ',
      '3 lint.token.unknown-grant-type | Unknown `grant_type`: `authorisation_code`, did you mean `authorization_code`? | Use grant_type=authorization_code',
      '6 lint.authorize.missing-state | Authorization request without `state` | Add a state parameter',
      '12 lint.token.grant-missing-parameter | The grant lacks a parameter it needs: `urn:ietf:params:oauth:grant-type:device_code` needs `device_code` | ',
      '15 lint.token.credentials-in-url | Client credentials in the URL: user and password before the host | ',
      '21 lint.authorize.redirect-uri-mismatch | `redirect_uri` differs from the profile’s registered one: profile “Rabo sandbox” registers http://127.0.0.1:8765/cb | Use the redirect URI registered in profile “Rabo sandbox”',
      '24 lint.request.method-colon | Colon after the method in a request line: GET | Write the request line as GET <url>',
    ]);
  });

  it("speaks the catalog's language, and leaves the file's own words and the profile's name alone", () => {
    assert.deepEqual(lines(KnowledgeBase.create().translated(shouting)), [
      '0 lint.token.credentials-in-url | CLIENT CREDENTIALS IN THE URL: `client_secret` IN THE QUERY | ',
      '3 lint.token.unknown-grant-type | UNKNOWN `GRANT_TYPE`: `authorisation_code`, DID YOU MEAN `authorization_code`? | USE GRANT_TYPE=authorization_code',
      '6 lint.authorize.missing-state | AUTHORIZATION REQUEST WITHOUT `STATE` | ADD A STATE PARAMETER',
      '12 lint.token.grant-missing-parameter | THE GRANT LACKS A PARAMETER IT NEEDS: `urn:ietf:params:oauth:grant-type:device_code` NEEDS `device_code` | ',
      '15 lint.token.credentials-in-url | CLIENT CREDENTIALS IN THE URL: USER AND PASSWORD BEFORE THE HOST | ',
      '21 lint.authorize.redirect-uri-mismatch | `REDIRECT_URI` DIFFERS FROM THE PROFILE’S REGISTERED ONE: PROFILE “Rabo sandbox” REGISTERS http://127.0.0.1:8765/cb | USE THE REDIRECT URI REGISTERED IN PROFILE “Rabo sandbox”',
      '24 lint.request.method-colon | COLON AFTER THE METHOD IN A REQUEST LINE: GET | WRITE THE REQUEST LINE AS GET <URL>',
    ]);
  });

  it("keeps a control character or a bidi override in the file's words out of the message", () => {
    const text =
      'POST https://auth.example.com/oauth/token?client\u202e_secret=abc\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials\n';
    const messages = lintHttpFile(text, KnowledgeBase.create(), lint).map((d) => d.message);
    assert.ok(
      messages.every((m) => !m.includes('\u202e')),
      messages.join('\n'),
    );
  });
});
