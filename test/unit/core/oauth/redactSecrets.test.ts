import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cutTokenRuns, redactSecrets } from '../../../../src/core/oauth/redactSecrets';

const SECRET = 'Zq9 RT/secret:+value';
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');
const form = (text: string): string => new URLSearchParams({ v: text }).toString().slice(2);
const entities = (text: string): string => [...text].map((c) => `&#${c.codePointAt(0)};`).join('');

describe('redactSecrets: derived forms of a registered secret', () => {
  const forms: [string, string][] = [
    ['verbatim', SECRET],
    ['percent-encoded, lower-case hex', 'Zq9%20RT%2fsecret%3a%2bvalue'],
    ['percent-encoded, upper-case hex', encodeURIComponent(SECRET)],
    ['form-encoded', form(SECRET)],
    ['hex bytes, lower case', hex(SECRET)],
    ['hex bytes, upper case', hex(SECRET).toUpperCase()],
    ['base64', b64(SECRET)],
    ['base64url', b64url(SECRET)],
    ['base64 of id:secret', b64(`my-client:${SECRET}`)],
    ['base64 of form-encoded id:secret (Basic)', b64(`my%20client:${form(SECRET)}`)],
    ['base64url of id:secret at another alignment', b64url(`client-12:${SECRET}`)],
    ['decimal HTML entities', entities(SECRET)],
    ['hex and named HTML entities', 'Zq9&#x20;RT&sol;secret&colon;&plus;value'],
    ['JSON escapes', 'Zq9 RT\\/secret:\\u002bvalue'],
    ['split by a line break', 'Zq9 RT/se\r\ncret:+value'],
    ['split by a zero-width space', 'Zq9 RT/sec\u200bret:+value'],
    ['base64 split over lines', `${b64(SECRET).slice(0, 10)}\n${b64(SECRET).slice(10)}`],
  ];
  for (const [name, derived] of forms) {
    it(`masks it ${name}`, () => {
      const out = redactSecrets(`the server said: ${derived} (try again)`, [SECRET]);
      assert.ok(out.includes('«redacted»'), out);
      assert.ok(!out.includes(derived), out);
      assert.ok(out.startsWith('the server said: ') && out.endsWith(' (try again)'), out);
    });
  }

  it('masks a registered token inside base64 of a larger document', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    const out = redactSecrets(`cookie=${b64(JSON.stringify({ at: token, n: 1 }))}`, [token]);
    assert.ok(out.includes('«redacted»'), out);
  });

  it('leaves text without secrets alone', () => {
    const text =
      'The token endpoint answered 400 invalid_grant: code expired. See https://example.test/a%20b?x=1';
    assert.equal(redactSecrets(text, ['another-secret-value']), text);
  });
});

describe('redactSecrets: short secrets', () => {
  it('masks a 2-character secret where it is a value, in any form', () => {
    for (const text of [
      'client_secret=ab&grant_type=x',
      '{"password": "ab"}',
      'secret: ab, then more',
      `credentials ${b64('client:ab')}`,
      `credentials ${b64('client:a%62')}`,
      'secret=a%62 and more',
      'secret=a\u200bb',
    ]) {
      const out = redactSecrets(text, ['ab']);
      assert.ok(out.includes('«redacted»'), `${text} → ${out}`);
      assert.ok(!/=ab\b|"ab"|: ab\b/.test(out), out);
    }
  });

  it('does not touch ordinary words that contain a short secret', () => {
    const text = 'About a tab: abbreviations abound. Cabbage=ab1 or x=cab.';
    assert.equal(redactSecrets(text, ['ab', 'a', 'b']), text);
  });

  it('masks a 1-character secret only as a value', () => {
    assert.equal(redactSecrets('x marks a box; id=x&y=2', ['x']), 'x marks a box; id=«redacted»&y=2');
  });
});

describe('cutTokenRuns and serverText', () => {
  it('cuts long token-like runs short', () => {
    const jwt = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSIsImV4cCI6MTcwMDAwMDAwMH0.';
    assert.equal(cutTokenRuns(`bad token ${jwt} here`), 'bad token eyJhbG… here');
    assert.equal(redactSecrets(`bad token ${jwt}`, [], { serverText: true }), 'bad token eyJhbG…');
    assert.equal(redactSecrets(`bad token ${jwt}`), `bad token ${jwt}`);
  });

  it('keeps ordinary sentences and short identifiers', () => {
    const text = 'The redirect_uri https://localhost:8080/callback is not registered for client abc-123.';
    assert.equal(cutTokenRuns(text), text);
  });
});

describe('redactSecrets: properties', () => {
  const secretArb = fc
    .string({ minLength: 4, maxLength: 40, unit: 'grapheme' })
    .filter((s) => s.trim().length >= 4);
  const derive = fc.constantFrom(
    (s: string) => s,
    (s: string) => encodeURIComponent(s),
    (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    (s: string) => form(s),
    (s: string) => hex(s),
    (s: string) => hex(s).toUpperCase(),
    (s: string) => b64(s),
    (s: string) => b64url(s),
    (s: string) => b64(`client:${s}`),
    (s: string) => b64(`client:${form(s)}`),
    (s: string) => entities(s),
    (s: string) => [...s].join('\u200b'),
  );

  it('never lets a derived form of a registered secret through', () => {
    fc.assert(
      fc.property(fc.string(), secretArb, derive, fc.string(), (before, secret, derived, after) => {
        const form = derived(secret);
        const out = redactSecrets(`${before} ${form} ${after}`, [secret]);
        assert.ok(!out.includes(form), JSON.stringify({ out, form }));
      }),
      { numRuns: 300 },
    );
  });

  it('is the identity on text without anything secret-like', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z .,!?]{0,200}$/), (text) => {
        assert.equal(redactSecrets(text, ['Q9-long-secret'], { serverText: true }), text);
      }),
    );
  });

  it('stays linear on hostile input', () => {
    const n = 400_000;
    const hostile = [
      'a'.repeat(n),
      '%'.repeat(n),
      '%4'.repeat(n / 2),
      '&#'.repeat(n / 2),
      '&'.repeat(n),
      '\\u00'.repeat(n / 4),
      'ab=ab:'.repeat(n / 6),
      'QUJD'.repeat(n / 4),
      `Bearer${' '.repeat(n)}`,
      '"code"  :'.repeat(n / 9),
    ];
    const secrets = ['a'.repeat(999) + 'b', 'ab', 'a', 'ABC', 'QUJDQUJDx'];
    for (const text of hostile) {
      const started = performance.now();
      redactSecrets(text, secrets, { serverText: true });
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 3000, `${JSON.stringify(text.slice(0, 12))}… took ${Math.round(elapsed)} ms`);
    }
  });
});
