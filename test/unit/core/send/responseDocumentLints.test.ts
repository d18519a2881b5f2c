import * as assert from 'node:assert/strict';
import { lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { lintProfileOf } from '../../../../src/core/httpFile/lintContext';
import { parseHttpFile } from '../../../../src/core/httpFile/parseHttpFile';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { practiceProfile } from '../../../../src/core/practice/practiceProfile';
import { responseDocumentText } from '../../../../src/core/send/responseDocument';
import { prepareSendRequest } from '../../../../src/core/send/sendRequest';

const kb = KnowledgeBase.create();
const env = { processEnv: () => undefined, dotenv: () => undefined, now: () => 0, guid: () => 'g' };
const profile = practiceProfile();
const lint = { profiles: [lintProfileOf(profile)] };

function answered(request: string, status: number, body: string): string[] {
  const file = parseHttpFile(request);
  const prepared = prepareSendRequest(file, file.blocks[0], env);
  const text = responseDocumentText({
    request: prepared,
    status,
    headers: { 'content-type': 'application/json' },
    body,
    elapsedMs: 5,
    sentAt: 0,
    secrets: [],
  });
  return lintHttpFile(text, kb, lint).map((d) => d.code);
}

describe('a response document, linted with its request', () => {
  const token = `POST ${profile.token_endpoint}\nContent-Type: application/x-www-form-urlencoded\nAuthorization: Basic {{$auth.basic("${profile.id}")}}\n\n`;

  it('explains 400 invalid_grant after a code exchange as a refused code', () => {
    const codes = answered(
      `${token}grant_type=authorization_code&code=abc&redirect_uri=${profile.redirect_uri}`,
      400,
      '{"error":"invalid_grant"}',
    );
    assert.ok(codes.includes('rabobank.token.invalid-code'), codes.join(', '));
  });

  it('explains 401 invalid_grant after a refresh as a spent refresh token', () => {
    const codes = answered(
      `${token}grant_type=refresh_token&refresh_token=r-secret`,
      401,
      '{"error":"invalid_grant"}',
    );
    assert.ok(codes.includes('rabobank.token.invalid-refresh-token'), codes.join(', '));
  });
});
