import * as assert from 'node:assert/strict';
import { parseConsentDetails } from '../../../../src/core/consent/consentDetails';
import { renderConsentReport } from '../../../../src/features/consent/consentReport';

describe('renderConsentReport', () => {
  it('lists each scope and account and explains what is not valid', () => {
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
    const text = renderConsentReport('Rabobank sandbox', 'c-1', details);
    assert.match(text, /Usable: no\. 1 of 2 account entries are not valid/);
    assert.match(text, /\| ais\.balances\.read \| NL01RABO0123456789 \(EUR\) \| valid \| 2027-05-01 \|/);
    assert.match(text, /\| ais\.transactions\.read-90days \| .* \| expired \| — \| Expired: /);
    assert.match(text, /no such value exists/);
  });
});
