import * as assert from 'node:assert/strict';
import { answerText } from '../../../../src/core/httpFile/answerText';
import { explainAnswer, InvalidAnswerHintError } from '../../../../src/core/httpFile/explainAnswer';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';

const kb = KnowledgeBase.create();
const RABO_TOKEN = 'https://oauth.rabobank.nl/openapi/oauth2/token';
const ids = (answer: string, hints = {}) => explainAnswer(answer, hints, kb).findings.map((f) => f.id);

describe('explainAnswer', () => {
  it('reads Rabobank invalid_grant as a spent refresh token after a refresh, and as a bad code after an exchange', () => {
    const answer =
      'HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{"error": "invalid_grant"}\n';
    assert.deepEqual(ids(answer, { url: RABO_TOKEN, grantType: 'refresh_token' }), [
      'rabobank.token.invalid-refresh-token',
    ]);
    assert.deepEqual(ids(answer, { url: RABO_TOKEN, grantType: 'authorization_code' }), [
      'rabobank.token.invalid-code',
    ]);
  });

  it('decides a Rabobank invalid_grant by the status line when the grant is not given', () => {
    const r400 = explainAnswer(
      'HTTP/1.1 400 Bad Request\n\n{"error":"invalid_grant"}',
      { url: RABO_TOKEN },
      kb,
    );
    assert.equal(r400.findings[0].id, 'rabobank.token.invalid-code');
    assert.deepEqual(
      r400.findings[0].alternatives.map((a) => a.id),
      ['rabobank.token.invalid-refresh-token'],
    );
    assert.equal(r400.status, 400);
    assert.equal(r400.endpoint, 'token');
    assert.equal(r400.provider, 'rabobank');
  });

  it('takes the status from the hint when the answer is a bare body, and the body line from the answer', () => {
    const answer = '\n{"error": "invalid_grant"}';
    const hinted = explainAnswer(answer, { url: RABO_TOKEN, status: 401 }, kb);
    assert.equal(hinted.findings[0].id, 'rabobank.token.invalid-refresh-token');
    assert.equal(hinted.findings[0].line, 1);
    assert.equal(hinted.findings[0].status, 401);
    // Without any status the reading stays open.
    const open = explainAnswer(answer, { url: RABO_TOKEN }, kb);
    assert.equal(open.status, undefined);
    assert.equal(open.findings[0].id, 'oauth.token.invalid_grant');
    assert.equal(open.findings[0].line, 1);
  });

  it("lets the answer's own status line win over the status hint", () => {
    assert.deepEqual(
      ids('HTTP/1.1 400 Bad Request\n\n{"error":"invalid_grant"}', { url: RABO_TOKEN, status: 401 }),
      ['rabobank.token.invalid-code'],
    );
  });

  it('explains a bare RFC 6749 body with no hints at all', () => {
    assert.deepEqual(ids('{"error":"unsupported_grant_type"}'), ['oauth.token.unsupported_grant_type']);
  });

  it('reads an Entra answer by its AADSTS number, with CRLF line breaks as curl -si prints them', () => {
    const answer =
      'HTTP/2 400\r\ncontent-type: application/json; charset=utf-8\r\n\r\n' +
      '{"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token ' +
      'has expired due to inactivity.","error_codes":[70008]}';
    const result = explainAnswer(
      answer,
      { url: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' },
      kb,
    );
    assert.equal(result.findings.length, 1);
    assert.match(result.findings[0].id, /^entra\./);
    assert.equal(result.findings[0].line, 3);
    assert.match(result.findings[0].serverText ?? '', /AADSTS70008/);
  });

  it('reads a Keycloak unauthorized_client by the path', () => {
    const url = 'https://sso.example/realms/demo/protocol/openid-connect/token';
    assert.deepEqual(ids('HTTP/1.1 400\n\n{"error":"unauthorized_client"}', { url }), [
      'keycloak.token.unauthorized-client',
    ]);
  });

  it('finds Berlin Group tppMessages and a WWW-Authenticate challenge', () => {
    const tpp =
      'HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n' +
      '{"tppMessages":[{"category":"ERROR","code":"CONSENT_EXPIRED","text":"expired"}]}';
    assert.deepEqual(ids(tpp, { url: 'https://xs2a.bank.example/v1/accounts' }), [
      'berlingroup.CONSENT_EXPIRED',
    ]);
    const challenge = 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n\n';
    assert.deepEqual(ids(challenge, { url: 'https://api.example/v1/me' }), ['oauth.bearer.invalid_token']);
  });

  it("gives the Rabobank gateway's bare 401 on an API call its meaning from the URL and status alone", () => {
    const url = 'https://api.rabobank.nl/openapi/payments/account-information/ais/accounts';
    const result = explainAnswer('HTTP/1.1 401 Unauthorized\n', { url }, kb);
    assert.deepEqual(
      result.findings.map((f) => [f.id, f.line]),
      [['rabobank.api.access-token-invalid', 0]],
    );
    const hintOnly = explainAnswer('', { url, status: 401 }, kb);
    assert.deepEqual(
      hintOnly.findings.map((f) => [f.id, f.line]),
      [['rabobank.api.access-token-invalid', undefined]],
    );
    assert.ok(hintOnly.findings[0].actions.length > 0, 'the catalog actions come along');
  });

  it('gives causes ranked for the grant, the fixes, errata and the link from the catalog', () => {
    const result = explainAnswer(
      'HTTP/1.1 400 Bad Request\n\n{"error":"invalid_request"}',
      { url: RABO_TOKEN, grantType: 'code' },
      kb,
    );
    const f = result.findings[0];
    const entry = kb.get(f.id)!;
    assert.equal(f.title, entry.title);
    assert.deepEqual(f.fixes, entry.fixes);
    assert.equal(f.causes.length, entry.causes.length);
    assert.deepEqual(f.link, entry.link);
    assert.deepEqual(
      f.errata.map((e) => e.title),
      kb.errataOf(entry).map((e) => e.title),
    );
  });

  it('reports no pre-flight lints on the request it made up from the hints', () => {
    // A refresh without a refresh_token parameter would be a lint finding in a .http file.
    assert.deepEqual(
      ids('HTTP/1.1 200 OK\n\n{"access_token":"x"}', { url: RABO_TOKEN, grantType: 'refresh_token' }),
      [],
    );
  });

  it('keeps an answer that holds a ### line with its request', () => {
    const answer = 'HTTP/1.1 400 Bad Request\n\n### not a separator\n{"error":"invalid_grant"}';
    assert.deepEqual(ids(answer, { url: RABO_TOKEN, grantType: 'refresh_token' }), [
      'rabobank.token.invalid-refresh-token',
    ]);
  });

  it('rejects hints that could not be one request line, naming the hint', () => {
    assert.throws(
      () => explainAnswer('{}', { url: 'https://a.example/\nPOST https://b.example/' }, kb),
      (e: unknown) => e instanceof InvalidAnswerHintError && e.hint === 'url',
    );
    assert.throws(
      () => explainAnswer('{}', { grantType: 'refresh_token&refresh_token=x' }, kb),
      (e: unknown) => e instanceof InvalidAnswerHintError && e.hint === 'grantType',
    );
    assert.throws(
      () => explainAnswer('{}', { status: 42 }, kb),
      (e: unknown) => e instanceof InvalidAnswerHintError && e.hint === 'status',
    );
  });
});

describe('answerText', () => {
  it('prints the id, the context, causes, fixes and next steps', () => {
    const text = answerText(
      explainAnswer(
        'HTTP/1.1 401 Unauthorized\n\n{"error":"invalid_grant"}',
        { url: RABO_TOKEN, grantType: 'refresh_token' },
        kb,
      ),
    );
    assert.match(text, /^rabobank\.token\.invalid-refresh-token: /);
    assert.match(text, /HTTP 401, token endpoint, rabobank, grant_type=refresh_token; line 3/);
    assert.match(text, /Likely causes:\n {2}1\. /);
    assert.match(text, /How to fix:\n {2}- /);
    assert.doesNotMatch(text, /`/);
  });

  it('says so when nothing is recognised, and how to give more context', () => {
    const text = answerText(explainAnswer('HTTP/1.1 200 OK\n\n{"ok":true}', {}, kb));
    assert.match(text, /^No known OAuth error in this answer \(HTTP 200\)/);
    assert.match(text, /--url/);
  });

  it("prints the server's text on one line without control characters", () => {
    const text = answerText(
      explainAnswer('{"error":"invalid_scope","error_description":"bad\\u001b[31m scope\\nnext"}', {}, kb),
    );
    assert.match(text, /The server said: bad \[31m scope next\n/);
  });
});
