import * as assert from 'node:assert/strict';
import { looksLikeAnswer } from '../../../../src/core/httpFile/answerShape';
import {
  findResponseReferences,
  statusFromReferenceName,
} from '../../../../src/core/httpFile/responseReferences';

describe('findResponseReferences', () => {
  it('finds <> lines under a request, with the hints of that request', () => {
    const text = [
      '@token = https://oauth.rabobank.nl/openapi/oauth2/token',
      '### refresh',
      'POST {{token}}',
      'Content-Type: application/x-www-form-urlencoded',
      '',
      'grant_type=refresh_token&refresh_token={{rt}}',
      '',
      '> {% client.global.set("x", response.body.x); %}',
      '<> 2025-01-01T101010.401.json',
      '<> ./2025-01-02T090000.200.json  ',
      '',
      '### no request here',
      '<> orphan.401.json',
    ].join('\n');
    const refs = findResponseReferences(text);
    assert.deepEqual(
      refs.map((r) => [r.line, r.start, r.end, r.path]),
      [
        [8, 3, 29, '2025-01-01T101010.401.json'],
        [9, 3, 31, './2025-01-02T090000.200.json'],
      ],
    );
    assert.deepEqual(refs[0].hints, {
      url: 'https://oauth.rabobank.nl/openapi/oauth2/token',
      grantType: 'refresh_token',
      method: 'POST',
    });
  });

  it('leaves out a URL that still holds a variable', () => {
    const [ref] = findResponseReferences('GET {{base}}/accounts\n\n<> a.401.json\n');
    assert.equal(ref.hints.url, undefined);
    assert.equal(ref.hints.method, 'GET');
  });

  it('finds nothing in a file without references', () => {
    assert.deepEqual(findResponseReferences('GET https://a.example/\n< ./body.json\n'), []);
  });
});

describe('statusFromReferenceName', () => {
  it('reads the status JetBrains puts in the name, with or without a counter', () => {
    assert.equal(statusFromReferenceName('2025-01-01T101010.401.json'), 401);
    assert.equal(statusFromReferenceName('./out/2025-01-01T101010.400[2].json'), 400);
    assert.equal(statusFromReferenceName('answer.json'), undefined);
    assert.equal(statusFromReferenceName('v1.999.json'), undefined);
  });
});

describe('looksLikeAnswer', () => {
  it('accepts a document that starts with a status line, or is one JSON object', () => {
    assert.ok(
      looksLikeAnswer(
        'HTTP/1.1 400 Bad Request\ncontent-type: application/json\n\n{"error":"invalid_grant"}',
      ),
    );
    assert.ok(looksLikeAnswer('\n{\n  "error": "invalid_grant"\n}\n'));
  });

  it('rejects anything else', () => {
    for (const text of [
      '',
      'POST https://a.example/token',
      '{"error":"x"} trailing',
      '{"error": ',
      '[1,2]',
      'hello',
    ]) {
      assert.equal(looksLikeAnswer(text), false, JSON.stringify(text));
    }
  });
});
