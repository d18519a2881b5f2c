import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import { consentTooltip, summarizeConsent } from '../../../../src/core/consent/consentSummary';

const time = (ms: number) => `at ${ms}`;
const ID = '0b1e6a4c-0000-4000-8000-000000000001';

describe('consent summary for the tree', () => {
  it('says when no check ran yet, or the last one was for another consent', () => {
    assert.match(consentTooltip(ID, undefined, time, english), /^Consent 0b1e.*\nStatus: not checked yet\./);
    const other = summarizeConsent('another', { entries: [], usable: false }, 1);
    assert.match(consentTooltip(ID, other, time, english), /not checked yet/);
  });

  it('gives the status, the check time and the earliest validity of a usable consent', () => {
    const summary = summarizeConsent(
      ID,
      {
        usable: true,
        entries: [
          { scope: 'ais.balances.read', status: 'valid', validUntil: '2027-05-01' },
          { scope: 'ais.transactions.read-90days', status: 'valid', validUntil: '2027-04-01' },
        ],
      },
      42,
    );
    const tooltip = consentTooltip(ID, summary, time, english);
    assert.match(tooltip, /Status: valid for all 2 account entries \(checked at 42\)\./);
    assert.match(tooltip, /Valid until: 2027-04-01\./);
    assert.doesNotMatch(tooltip, /\\/, 'plain text, no Markdown escapes');
  });

  it('names the entries that make a consent unusable, without account numbers', () => {
    const summary = summarizeConsent(
      ID,
      {
        usable: false,
        entries: [
          { scope: 'ais.balances.read', iban: 'NL00RABO0123456789', status: 'revokedByPsu' },
          { scope: 'ais.transactions.read-90days', status: 'valid' },
        ],
      },
      7,
    );
    const tooltip = consentTooltip(ID, summary, time, english);
    assert.match(tooltip, /cannot be used \(checked at 7\): ais\.balances\.read: revokedByPsu\./);
    assert.match(tooltip, /Valid until: not given by the bank\./);
    assert.match(tooltip, /Sign in again/);
    assert.ok(!tooltip.includes('NL00RABO'));
  });
});
