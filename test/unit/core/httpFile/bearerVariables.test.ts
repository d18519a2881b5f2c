import * as assert from 'node:assert/strict';
import {
  BearerVariableUse,
  authorizationVariable,
  bearerVariableName,
} from '../../../../src/core/httpFile/bearerVariables';
import { diagnoseParsedFile, lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { parseHttpFile } from '../../../../src/core/httpFile/parseHttpFile';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';

const kb = KnowledgeBase.create();

describe('bearer tokens taken from file variables', () => {
  it('reads the name of a `Bearer {{name}}` value, and nothing else', () => {
    const cases: Array<[string, string | undefined]> = [
      ['Bearer {{token}}', 'token'],
      ['bearer\t{{ token }}', 'token'],
      ['BEARER  {{api.token-2}}', 'api.token-2'],
      ['Bearer {{$auth.token("rabo")}}', undefined],
      ['Bearer {{ $dotenv API_TOKEN }}', undefined],
      ['Basic {{credentials}}', undefined],
      ['Bearer{{token}}', undefined],
      ['Bearer {{}}', undefined],
      ['Bearer {{  }}', undefined],
      ['Bearer {{token}} x', undefined],
      ['Bearer {{a b}}', undefined],
      ['Bearer {{a}b}}', undefined],
      ['Bearer abc{{token}}', undefined],
      ['Bearers {{token}}', undefined],
      ['{{token}}', undefined],
    ];
    for (const [value, name] of cases) {
      assert.equal(bearerVariableName(value), name, value);
    }
  });

  it('finds the variable of the first Authorization header, in any case, read in place', () => {
    const request = (headers: string) =>
      parseHttpFile(`GET https://api.example/x\n${headers}\n`).blocks[0].request!;
    assert.equal(authorizationVariable(request('Accept: */*\nauthorization: Bearer {{ t }}')), 't');
    assert.equal(
      authorizationVariable(request('Authorization: Bearer x\nAuthorization: Bearer {{t}}')),
      undefined,
    );
    assert.equal(authorizationVariable(request('X-Authorization: Bearer {{t}}')), undefined);
  });

  it('notes the names blocks linted early use, and tells which of them the file writes a value for', () => {
    const file = parseHttpFile(
      'GET https://a.example/\nAuthorization: Bearer {{early}}\n###\n@early = x\n@other = y\n' +
        '@fromLogin = {{login.response.body.token}}\n###\n' +
        'GET https://a.example/\nAuthorization: Bearer {{fromLogin}}\n###\n' +
        'GET {{host}}/\nAuthorization: Bearer {{other}}\n',
    );
    const use = new BearerVariableUse();
    const early = use.early(file);
    assert.equal(early.variables.size, 0);
    for (const value of [
      'Bearer {{early}}',
      'Bearer {{ fromLogin }}',
      'Basic {{other}}',
      'Bearer {{$auth.token("x")}}',
    ]) {
      early.noteBearer!(value);
    }
    // `other` is only in a Basic header, `fromLogin` is a request variable's: neither is judged again.
    assert.deepEqual(use.definedAndUsed(file.variables), ['early']);
    // The block with a variable in its URL waited for the end: it was not linted early.
    assert.deepEqual(
      file.blocks.map((block) => BearerVariableUse.missed(block, ['early', 'other'])),
      [true, false, false, false],
    );
  });

  it('gives what diagnosing the whole parsed document gives, wherever the definitions stand', () => {
    // Uses and definitions of a few names in random places, in files long enough for several batches of blocks.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const values = ['YOUR_TOKEN', '8f14e45fceea167a5a36dedd4bea2543', '<token>', '{{other}}', ''];
    for (let n = 0; n < 40; n++) {
      const blocks: string[] = [];
      const count = 20 + Math.floor(random() * 200);
      for (let i = 0; i < count; i++) {
        const name = `t${Math.floor(random() * 4)}`;
        const r = random();
        if (r < 0.15) {
          blocks.push(`@${name} = ${values[Math.floor(random() * values.length)]}\n`);
        } else if (r < 0.6) {
          blocks.push(`GET https://api.example.com/${i}\nAuthorization: Bearer {{${name}}}\n`);
        } else if (r < 0.7) {
          blocks.push(`GET {{host}}/${i}\nAuthorization: Bearer {{${name}}}\n`);
        } else {
          blocks.push(`GET https://api.example.com/${i}\nAccept: */*\n`);
        }
      }
      const text = blocks.join('###\n');
      const file = parseHttpFile(text);
      assert.deepStrictEqual(lintHttpFile(text, kb), diagnoseParsedFile(file, kb, { profiles: [] }), text);
    }
  });
});
