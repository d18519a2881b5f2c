import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import { parseConsentDetails } from '../../../../src/core/consent/consentDetails';
import { renderConsentReport } from '../../../../src/features/consent/consentReport';

describe('renderConsentReport', () => {
  it('lists each scope and account in a narrow table and explains each status below it', () => {
    const details = parseConsentDetails({
      consentId: 'c-1',
      access: {
        'ais.balances.read': [
          { iban: 'NL01RABO0123456789', currency: 'EUR', status: 'valid', validUntil: '2027-05-01' },
        ],
        'ais.transactions.read-90days': [{ iban: 'NL01RABO0123456789', status: 'expired' }],
      },
    });
    assert.ok(details);
    const text = renderConsentReport('Rabobank sandbox', 'c-1', details, english);
    assert.match(text, /Usable: no\.\*\* 1 of 2 account entries are not valid/);
    assert.match(text, /\| ais\.balances\.read \| NL01RABO0123456789 \(EUR\) \| valid \| 2027-05-01 \|/);
    assert.match(text, /\| ais\.transactions\.read-90days \| .* \| expired \| — \|$/m);
    assert.match(text, /^- \*\*expired\*\*: The consent ran out/m);
    for (const row of text.split('\n').filter((line) => line.startsWith('|'))) {
      assert.equal(row.split(' | ').length, 4, `four columns: ${row}`);
    }
    assert.match(text, /no such value exists/);
  });

  it('keeps links, images and HTML from the server out of the preview', () => {
    const details = parseConsentDetails({
      access: {
        '![x](https://evil.example/a.png)': [
          { iban: '<img src=https://evil.example/b>', status: '[c](https://e.example) | x' },
        ],
      },
    });
    assert.ok(details);
    const text = renderConsentReport('label', 'c-2', details, english);
    // Escaped, they show as text: no unescaped `<`, `![` or `](` is left.
    assert.ok(!/(?<!\\)<|(?<!\\)\[|(?<!\\)\]\(/.test(text), text);
    const row = text.split('\n').find((line) => line.includes('evil.example/a.png'));
    assert.ok(row);
    assert.equal(row.split(' | ').length, 4, 'a pipe in a value does not open a column');
  });
});
