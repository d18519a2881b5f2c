import { Erratum, ErratumId } from './knowledgeEntry';

/** Corrections to Rabobank's troubleshooting guide; hovers repeat them so nobody copies the guide's mistakes. */
export const ERRATA: Readonly<Record<ErratumId, Erratum>> = {
  'grant-type-value': {
    id: 'grant-type-value',
    title: 'Guide erratum: the grant type for a code exchange',
    text:
      'The guide describes `grant_type` as a query parameter whose value is `code` when exchanging an authorization ' +
      'code. Rabobank’s token reference (and RFC 6749 §4.1.3) expect `grant_type=authorization_code`, sent in the ' +
      '`application/x-www-form-urlencoded` POST body.',
  },
  'missing-scope-name': {
    id: 'missing-scope-name',
    title: 'Guide erratum: the scope name is missing from the 403 example',
    text:
      'The guide’s 403 example leaves the required scope blank. The Account Information API needs one of ' +
      '`ais.balances.read`, `ais.transactions.read-90days` or `ais.transactions.read-history`.',
  },
  'payment-request-scope': {
    id: 'payment-request-scope',
    title: 'Guide erratum: `paymentRequest` is not a current scope name',
    text:
      'The guide’s example token carries a scope called `paymentRequest`. Rabobank’s current documentation names ' +
      'the Payment Request scope `prs.paymentrequest.read-write`.',
  },
  'consent-status-invalid': {
    id: 'consent-status-invalid',
    title: 'Guide erratum: there is no consent status `invalid`',
    text:
      'The guide says a consent with status `invalid` cannot be used, but the Consent Details API never returns that ' +
      'literal. Statuses seen are `valid`, `expired`, `revokedByPsu`, `terminatedByTpp`, `received` and `rejected`: ' +
      'treat every status other than `valid` as unusable.',
  },
};
