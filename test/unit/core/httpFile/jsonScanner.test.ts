import * as assert from 'node:assert/strict';
import { JsonObject, JsonString, scanJson, stringMember } from '../../../../src/core/httpFile/jsonScanner';

describe('jsonScanner', () => {
  it('keeps exact offsets of strings, quotes included', () => {
    const text = '  {"error" : "invalid_grant", "n": [1, true, null]}';
    const r = scanJson(text, 0);
    assert.equal(r.complete, true);
    const error = stringMember(r.node as JsonObject, 'error')!;
    assert.equal(text.slice(error.start, error.end), '"invalid_grant"');
    assert.equal(r.end, text.length);
  });

  it('unescapes strings', () => {
    const r = scanJson('{"d": "a\\"b\\u00e9\\n"}', 0);
    assert.equal(stringMember(r.node as JsonObject, 'd')!.value, 'a"bé\n');
  });

  it('reads plain, escaped, empty and unterminated strings to the same ends', () => {
    const cases: [text: string, value: string, end: number, complete: boolean][] = [
      ['"abc"', 'abc', 5, true],
      ['""', '', 2, true],
      ['"a\\"b"', 'a"b', 6, true],
      ['"tab\there"', 'tab\there', 10, true],
      ['"ab\ncd"', 'ab', 4, false],
      ['"ab\rcd"', 'ab', 4, false],
      ['"ab\\', 'ab', 4, false],
      ['"ab', 'ab', 3, false],
    ];
    for (const [text, value, end, complete] of cases) {
      const r = scanJson(text, 0);
      assert.deepEqual([(r.node as JsonString).value, r.end, r.complete], [value, end, complete], text);
    }
  });

  it('returns what it could read from truncated JSON', () => {
    const r = scanJson('{"error": "invalid_grant", "error_description": "The code was', 0);
    assert.equal(r.complete, false);
    assert.equal(stringMember(r.node as JsonObject, 'error')!.value, 'invalid_grant');
  });

  it('reads members without braces as an object, as the Rabobank guide prints them', () => {
    const r = scanJson('  "httpCode": "401",\n  "httpMessage": "Unauthorized"\n', 0);
    const obj = r.node as JsonObject;
    assert.equal(obj.kind, 'object');
    assert.equal(stringMember(obj, 'httpMessage')!.value, 'Unauthorized');
  });

  it('survives nesting deeper than the stack would allow', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const r = scanJson(deep, 0);
    assert.equal(r.end, deep.length);
    const open = '{"a":'.repeat(100_000);
    assert.doesNotThrow(() => scanJson(open, 0));
  });

  it('stops at garbage without throwing', () => {
    for (const text of ['{"a" 1}', '{,}', '[1 2]', '{"a":}', '\u0000\u0001{', '{"a":"b\n"}', '-', '']) {
      assert.doesNotThrow(() => scanJson(text, 0), text);
    }
  });

  it('ends a value cut off by the end of the text at the end, whether or not braces were open', () => {
    const cases: [text: string, end: number, complete: boolean][] = [
      ['"error": "invalid"', 18, true],
      ['"a": 1, "b"', 11, false],
      ['{"a": 1', 7, false],
      ['[1, 2', 5, false],
      ['{"a":', 5, false],
      ['"error": tru', 9, false],
    ];
    for (const [text, end, complete] of cases) {
      const r = scanJson(text, 0);
      assert.deepEqual([r.end, r.complete], [end, complete], text);
    }
  });
});
