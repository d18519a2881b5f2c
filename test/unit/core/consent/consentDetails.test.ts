import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import {
  buildConsentDetailsRequest,
  explainConsentStatus,
  parseConsentDetails,
} from '../../../../src/core/consent/consentDetails';

describe('consentDetails', () => {
  it('builds a GET with the token in the header, not the URL', () => {
    const request = buildConsentDetailsRequest('https://api/consents/', 'c 1', 'Bearer tok', 'client');
    assert.equal(request.url, 'https://api/consents/c%201');
    assert.equal(request.headers.authorization, 'Bearer tok');
    assert.equal(request.headers['x-ibm-client-id'], 'client');
    assert.ok(!request.url.includes('tok'));
  });

  const cases: [string, Record<string, unknown>, boolean][] = [
    ['all valid', { access: { 'ais.balances.read': [{ iban: 'NL1', status: 'valid' }] } }, true],
    [
      'one expired',
      {
        access: {
          'ais.balances.read': [{ iban: 'NL1', status: 'valid' }],
          'ais.transactions.read-90days': [{ iban: 'NL1', status: 'expired' }],
        },
      },
      false,
    ],
    ['no accounts', { access: {} }, false],
    [
      'a literal "invalid" (the guide\'s erratum) is just not valid',
      { access: { s: [{ status: 'invalid' }] } },
      false,
    ],
  ];
  for (const [name, body, usable] of cases) {
    it(`decides usability: ${name}`, () => {
      assert.equal(parseConsentDetails(body)?.usable, usable);
    });
  }

  it('rejects a body without access', () => {
    assert.equal(parseConsentDetails({ consentId: 'x' }), undefined);
  });

  it('explains every status other than valid as unusable', () => {
    for (const status of ['expired', 'revokedByPsu', 'terminatedByTpp', 'received', 'rejected', 'invalid']) {
      assert.match(explainConsentStatus(status, english), /sign in again/i, status);
    }
    assert.match(explainConsentStatus('valid', english), /covers this account/);
    // The report and the warning show the status beside its meaning: the meaning does not say it again.
    for (const status of ['valid', 'expired', 'rejected', 'invalid']) {
      assert.doesNotMatch(explainConsentStatus(status, english), new RegExp(`^"?${status}`, 'i'), status);
    }
  });
});
