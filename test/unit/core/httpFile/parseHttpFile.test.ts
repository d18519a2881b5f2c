import * as assert from 'node:assert/strict';
import { LineIndex } from '../../../../src/core/httpFile/lineIndex';
import { resolveVariables } from '../../../../src/core/httpFile/fileVariables';
import { parseHttpFile, urlBracesAt, urlQueryAt } from '../../../../src/core/httpFile/parseHttpFile';

describe('parseHttpFile', () => {
  it('splits blocks on ### and reads names, variables, request line, headers and body', () => {
    const file = parseHttpFile(
      '@host = https://a.example\n\n### first\n# @name login\nPOST {{host}}/token HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=x\n###\nGET https://b.example/\n',
    );
    assert.equal(file.blocks.length, 3);
    const [, login, second] = file.blocks;
    assert.equal(login.name, 'login');
    assert.equal(login.request?.method, 'POST');
    assert.equal(login.request?.url.text, '{{host}}/token');
    assert.equal(login.request?.headers.at(0)?.name, 'Content-Type');
    assert.equal(login.request?.body?.text, 'grant_type=x');
    assert.equal(second.request?.method, 'GET');
    assert.equal(file.variables.get('host'), 'https://a.example');
    assert.equal(resolveVariables('{{host}}/token', file.variables), 'https://a.example/token');
  });

  it('keeps the variable definitions of each block, in order, while the file keeps the last of each', () => {
    const file = parseHttpFile(
      '@a = 1\n###\n@b = 2\n@a = 3\nGET https://x.example/\n###\n# @a = 4\n{"@a": 5}\n',
    );
    assert.deepEqual(
      file.blocks.map((b) => b.variables),
      [
        [['a', '1']],
        [
          ['b', '2'],
          ['a', '3'],
        ],
        [],
      ],
    );
    assert.deepEqual(
      [...file.variables],
      [
        ['a', '3'],
        ['b', '2'],
      ],
    );
  });

  it('reads each method and a URL with or without a protocol version', () => {
    const lines = [
      ['GET https://a.example/x', 'GET', 'https://a.example/x'],
      ['PUT https://a.example/x HTTP/1.1', 'PUT', 'https://a.example/x'],
      ['POST https://a.example/x  HTTP/2  ', 'POST', 'https://a.example/x'],
      ['PATCH https://a.example/a b', 'PATCH', 'https://a.example/a b'],
      ['DELETE /x', 'DELETE', '/x'],
      ['HEAD https://a.example', 'HEAD', 'https://a.example'],
      ['OPTIONS *', 'OPTIONS', '*'],
      ['OPTIONS https://a.example', 'OPTIONS', 'https://a.example'],
      ['PROPFIND https://a.example/dav', 'PROPFIND', 'https://a.example/dav'],
      ['GETS https://a.example', 'GETS', 'https://a.example'],
      ['https://a.example/only-url', 'GET', 'https://a.example/only-url'],
    ];
    for (const [line, method, url] of lines) {
      const request = parseHttpFile(`${line}\nAccept: */*\n`).blocks[0].request;
      assert.deepEqual([request?.method, request?.url.text], [method, url], line);
    }
  });

  it("reads REST Client's methods in small letters before a URL, and leaves prose alone", () => {
    const lines: Array<[string, string | undefined, string | undefined]> = [
      ['post https://a.example/token', 'POST', 'https://a.example/token'],
      ['get {{base}}/accounts HTTP/1.1', 'GET', '{{base}}/accounts'],
      ['Delete /x', 'DELETE', '/x'],
      ['options  HTTPS://a.example', 'OPTIONS', 'HTTPS://a.example'],
      ['trace https://a.example', 'TRACE', 'https://a.example'],
      ['Get the token first', undefined, undefined],
      ['post it to the channel', undefined, undefined],
      ['propfind https://a.example/dav', undefined, undefined],
      ['post', undefined, undefined],
    ];
    for (const [line, method, url] of lines) {
      const request = parseHttpFile(`${line}\nAccept: */*\n`).blocks[0].request;
      assert.deepEqual([request?.method, request?.url.text], [method, url], line);
    }
  });

  it('reads query continuation lines into the URL', () => {
    const file = parseHttpFile(
      'GET https://a.example/authorize\n    ?client_id=x\n    &state=y\nAccept: */*\n',
    );
    assert.equal(file.blocks[0].request?.url.text, 'https://a.example/authorize\n?client_id=x\n&state=y');
    assert.equal(file.blocks[0].request?.headers.length, 1);
  });

  it("finds the URL's query and first variable once the continuation lines are read", () => {
    const request = parseHttpFile('GET https://a.example/{{path}}/x\n    ?client_id={{id}}\n').blocks[0]
      .request!;
    assert.equal(urlQueryAt(request), request.url.text.indexOf('?'));
    assert.equal(urlBracesAt(request), request.url.text.indexOf('{{'));
    const plain = parseHttpFile('GET https://a.example/x\n').blocks[0].request!;
    assert.deepEqual([urlQueryAt(plain), urlBracesAt(plain)], [-1, -1]);
  });

  it('reads a response right after a request body, and a document that is only a response', () => {
    const withRequest = parseHttpFile(
      'POST https://a.example/token\n\nbody=1\n\nHTTP/1.1 400 Bad Request\nX: y\n\n{"error":"x"}\n',
    );
    const block = withRequest.blocks[0];
    assert.equal(block.request?.body?.text, 'body=1');
    assert.equal(block.responses[0].status, 400);
    assert.equal(block.responses[0].body?.text, '{"error":"x"}');
    const only = parseHttpFile('HTTP/2 401\n\n{}');
    assert.equal(only.blocks[0].request, undefined);
    assert.equal(only.blocks[0].responses[0].status, 401);
  });

  it('skips JetBrains handlers, response references and httpYac scripts and assertions', () => {
    const file = parseHttpFile(
      '{{\n  const a = {"error": "x"};\n}}\nGET https://a.example/\n\n> {%\n {"error":"y"}\n%}\n<> previous.json\n?? status == 200\n',
    );
    const block = file.blocks[0];
    assert.equal(block.request?.url.text, 'https://a.example/');
    assert.equal(block.request?.body, undefined);
    assert.equal(block.payloads.length, 0);
    assert.equal(block.comments.length, 0);
  });

  it('skips a JetBrains pre-request script over several lines', () => {
    const file = parseHttpFile(
      '< {%\n  request.variables.set("e", \'{"error": "x"}\');\n%}\nGET https://a.example/\n',
    );
    const block = file.blocks[0];
    assert.equal(block.request?.url.text, 'https://a.example/');
    assert.equal(block.request?.externalBody, false);
    assert.equal(block.payloads.length, 0);
  });

  it('joins comment runs and remembers pasted status lines', () => {
    const file = parseHttpFile('# HTTP/1.1 401 Unauthorized\n# {"error":\n// "x"}\nGET https://a.example/\n');
    const run = file.blocks[0].comments[0];
    assert.equal(run.text.text, ' HTTP/1.1 401 Unauthorized\n {"error":\n "x"}');
    assert.deepEqual(run.statuses, [{ at: 0, status: 401 }]);
  });
});

describe('LineIndex', () => {
  it('ends lines at CRLF, CR and LF alike', () => {
    const index = new LineIndex('a\r\nb\rc\nd');
    assert.deepEqual(Array.from(index.starts), [0, 3, 5, 7]);
    assert.deepEqual(Array.from(index.ends), [1, 4, 6, 8]);
    assert.deepEqual(index.positionAt(6), { line: 2, character: 1 });
    assert.deepEqual(index.positionAt(99), { line: 3, character: 1 });
    assert.equal(index.lineText(1), 'b');
  });
});

describe('LineIndex lookups', () => {
  it('finds the line of any offset, whatever order the offsets come in', () => {
    const pieces = ['GET https://a.example/', 'Accept: */*', '', '{"a": 1}', 'HTTP/1.1 200 OK', '# note'];
    const breaks = ['\n', '\r\n', '\r'];
    let text = '';
    for (let i = 0; i < 200; i++) {
      text += pieces[i % pieces.length] + breaks[i % breaks.length];
    }
    const index = new LineIndex(text);
    const expected: number[] = [];
    let line = 0;
    for (let p = 0; p <= text.length; p++) {
      expected.push(line);
      const c = text[p];
      if (c === '\n' || (c === '\r' && text[p + 1] !== '\n')) {
        line++;
      }
    }
    assert.equal(index.lineCount, 201);
    // Forwards, backwards and jumping about: lookups start from the previous answer, so the order must not matter.
    const order = [...expected.keys()];
    for (const offsets of [order, [...order].reverse(), order.map((_, i) => (i * 7919) % order.length)]) {
      for (const p of offsets) {
        assert.equal(index.lineAt(p), expected[p], `offset ${p}`);
      }
    }
  });
});

describe('HttpHeader', () => {
  it('matches names without case and reads name and value from the document', () => {
    const file = parseHttpFile('GET https://a.example/\nCONTENT-type :  text/plain  \nX-Other: 1\n');
    const headers = file.blocks[0].request!.headers;
    assert.equal(headers.length, 2);
    const h = headers.find('Content-Type')!;
    assert.equal(h.name, 'CONTENT-type');
    assert.equal(h.value, 'text/plain');
    assert.ok(h.isNamed('content-type'));
    assert.ok(!h.isNamed('content-typ'));
    assert.ok(!headers.at(1)!.isNamed('x-othe~'));
  });

  it('keeps each section to its own headers, in order, across requests, responses and blocks', () => {
    const file = parseHttpFile(
      [
        'POST https://a.example/token',
        'Content-Type: application/x-www-form-urlencoded',
        '# a comment between headers',
        'Authorization: Basic abc',
        '',
        'grant_type=x',
        '',
        'HTTP/1.1 401 Unauthorized',
        'WWW-Authenticate: Bearer error="invalid_token"',
        '',
        '###',
        'GET https://a.example/none',
        '',
        '###',
        'GET https://a.example/one',
        'Accept: */*',
      ].join('\n'),
    );
    const names = (headers: Iterable<{ name: string }>) => [...headers].map((h) => h.name);
    const [first, second, third] = file.blocks;
    assert.deepEqual(names(first.request!.headers), ['Content-Type', 'Authorization']);
    assert.deepEqual(names(first.responses[0].headers), ['WWW-Authenticate']);
    assert.equal(first.responses[0].headers.at(0)?.value, 'Bearer error="invalid_token"');
    assert.equal(first.responses[0].headers.at(1), undefined);
    assert.equal(second.request!.headers.length, 0);
    assert.deepEqual(names(third.request!.headers), ['Accept']);
    assert.equal(first.request!.headers.find('AUTHORIZATION')?.value, 'Basic abc');
    assert.equal(first.request!.headers.valueOf('content-TYPE'), 'application/x-www-form-urlencoded');
    assert.equal(first.responses[0].headers.find('authorization'), undefined);
    assert.equal(first.responses[0].headers.valueOf('authorization'), undefined);
  });
});
