import * as assert from 'node:assert/strict';
import { LineIndex, Range } from '../../../../src/core/httpFile/lineIndex';

/** Pieces that reach every branch of the parser and the matchers when shuffled together. */
export const HTTP_DOCUMENT_PIECES = [
  '###',
  '### name',
  '# @name x',
  '// c',
  '# ',
  '@v = 1',
  'GET ',
  'POST https://oauth.rabobank.nl/openapi/oauth2/token',
  'https://api.rabobank.nl/openapi/payments/account-information/ais/accounts',
  '?a=1',
  '&b=2',
  'HTTP/1.1 401 Unauthorized',
  'HTTP/2 403',
  'Content-Type: application/json',
  'Authorization: Basic ',
  'Authorization: Bearer ',
  'eyJhbGciOiJub25lIn0.e30.x',
  'WWW-Authenticate: Bearer error="invalid_token"',
  'Location: http://x/cb?error=access_denied',
  'Date: nope',
  'grant_type=code',
  '&code=',
  'refresh_token=',
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  '"error"',
  '"invalid_grant"',
  '"httpCode"',
  '"tppMessages"',
  '"code"',
  '"CONSENT_EXPIRED"',
  '"access"',
  '"status"',
  'null',
  '{{x}}',
  '}}',
  '{%',
  '%}',
  '> {%',
  '<> f',
  '< f',
  '??',
  '<html>',
  'Redirect URI Mismatch',
  '\\',
  '\\u12',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  '\uFEFF',
  '\u0000',
  '\uD800',
  'é',
];
/** Fails unless the range lies inside the text and does not end before it starts. */
export function assertInside(text: string, range: Range): void {
  const lines = new LineIndex(text);
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.lineCount, `line ${p.line} outside 0..${lines.lineCount - 1}`);
    const length = lines.ends[p.line] - lines.starts[p.line];
    assert.ok(
      p.character >= 0 && p.character <= length,
      `character ${p.character} outside line ${p.line} (${length})`,
    );
  }
  const before =
    range.start.line < range.end.line ||
    (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(before, 'range ends before it starts');
}

/** One edit as the mutation generators make it: at an offset (wrapped to the text's length), remove, then insert. */
export interface TextMutation {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

/** Applies the edits in order, then cuts the text at `truncateAt` (wrapped) when one is given. */
export function mutate(text: string, edits: readonly TextMutation[], truncateAt?: number | null): string {
  let out = text;
  for (const e of edits) {
    const at = e.at % (out.length + 1);
    out = out.slice(0, at) + e.insert + out.slice(at + e.remove);
  }
  return truncateAt === null || truncateAt === undefined ? out : out.slice(0, truncateAt % (out.length + 1));
}
