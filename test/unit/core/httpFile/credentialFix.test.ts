import * as assert from 'node:assert/strict';
import { isCredentialFix } from '../../../../src/core/httpFile/credentialFix';
import { QuickFix } from '../../../../src/core/httpFile/httpDiagnostic';

const fix = (...texts: string[]): QuickFix => ({
  title: 'fix',
  edits: texts.map((newText) => ({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    newText,
  })),
});

describe('isCredentialFix', () => {
  it('recognizes fixes that carry credentials or credential variables', () => {
    for (const text of [
      'Authorization: Basic {{$auth.basic("rabo")}}',
      'Authorization: Bearer {{$auth.token("rabo")}}',
      '{{ $auth.clientSecret("rabo") }}',
      '&client_secret=s3cr3t',
      'refresh_token=abc',
    ]) {
      assert.equal(isCredentialFix(fix('x', text)), true, text);
    }
  });

  it('lets the other fixes through', () => {
    for (const text of [
      'grant_type=authorization_code',
      '&state={{state}}',
      'Content-Type: application/json',
    ]) {
      assert.equal(isCredentialFix(fix(text)), false, text);
    }
  });
});
