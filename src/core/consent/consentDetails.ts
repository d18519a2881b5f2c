/**
 * Rabobank's Consent Details API: what the troubleshooting guide tells a TPP to call when refresh fails or an API
 * answers 403, to learn whether the user's consent expired or was revoked. A consent is usable only when every
 * account entry says `valid`; the guide's literal `invalid` does not exist (erratum), so anything else is explained.
 *
 * Shape (from public clients, see oauth-error-reference.md RABO-09):
 * `{"consentId": "<uuid>", "access": {"<scope>": [{"iban", "currency", "status", "validUntil"}]}}`.
 */
import { HttpRequest } from '../oauth/httpClient';
import type { Translate } from '../text/translate';

/** One account under one scope of a consent. */
export interface ConsentAccountEntry {
  readonly scope: string;
  readonly iban?: string;
  readonly currency?: string;
  readonly status: string;
  readonly validUntil?: string;
}

/** The parsed consent: its id, each scope's accounts, and whether it can be used at all. */
export interface ConsentDetails {
  readonly consentId?: string;
  readonly entries: readonly ConsentAccountEntry[];
  /** True only when there is at least one entry and every entry is `valid`. */
  readonly usable: boolean;
}

/**
 * The request for a consent's details. `authorization` is `Bearer <access token>`, or the client's own `Basic …`
 * credentials when no usable access token is left (a revoked consent kills its tokens; the Premium API accepts
 * client credentials). Never in the URL.
 */
export function buildConsentDetailsRequest(
  consentDetailsEndpoint: string,
  consentId: string,
  authorization: string,
  clientId: string,
): HttpRequest {
  const base = consentDetailsEndpoint.replace(/\/+$/, '');
  return {
    method: 'GET',
    url: `${base}/${encodeURIComponent(consentId)}`,
    headers: {
      accept: 'application/json',
      authorization,
      // Rabobank's gateway identifies the application by this header on every API call.
      'x-ibm-client-id': clientId,
    },
  };
}

/** Parses the Consent Details response body; `undefined` when it does not have the documented shape. */
export function parseConsentDetails(json: Readonly<Record<string, unknown>>): ConsentDetails | undefined {
  const access = json.access;
  if (access === null || typeof access !== 'object' || Array.isArray(access)) {
    return undefined;
  }
  const entries: ConsentAccountEntry[] = [];
  for (const [scope, accounts] of Object.entries(access as Record<string, unknown>)) {
    const list = Array.isArray(accounts) ? accounts : [accounts];
    for (const account of list) {
      if (account === null || typeof account !== 'object') {
        continue;
      }
      const a = account as Record<string, unknown>;
      entries.push({
        scope,
        iban: text(a.iban),
        currency: text(a.currency),
        status: text(a.status) ?? 'unknown',
        validUntil: text(a.validUntil),
      });
    }
  }
  return {
    consentId: text(json.consentId),
    entries,
    usable: entries.length > 0 && entries.every((entry) => entry.status === 'valid'),
  };
}

/**
 * One sentence for a status (through `translate`), without repeating the status itself: the report and the warning
 * show it beside. Any status other than `valid` says it cannot be used and what to do.
 */
export function explainConsentStatus(status: string, translate: Translate): string {
  switch (status) {
    case 'valid':
      return translate('The consent covers this account.');
    case 'expired':
      return translate(
        'The consent ran out (PSD2 consents last 180 days). The user must consent again: sign in again.',
      );
    case 'revokedByPsu':
      return translate(
        'The account holder revoked it (for example in Rabo Online Banking). The user must consent again: sign in again.',
      );
    case 'terminatedByTpp':
      return translate('Your application (the TPP) ended it. Start a new consent: sign in again.');
    case 'received':
      return translate(
        'Not yet authorised: the user did not finish signing. Sign in again and complete the consent.',
      );
    case 'rejected':
      return translate('The user or the bank declined it. Sign in again to ask for a new consent.');
    default:
      return translate(
        'It is not "valid", so the consent cannot be used for this account. Sign in again to get a new consent.',
      );
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
