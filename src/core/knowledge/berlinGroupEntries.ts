import { KnowledgeEntry, entry } from './knowledgeEntry';

const NEXTGENPSD2 = {
  title: 'Berlin Group NextGenPSD2 implementation guidelines (error codes)',
  url: 'https://www.berlin-group.org/nextgenpsd2-downloads',
};

interface BerlinGroupCode {
  readonly code: string;
  readonly status: readonly number[];
  readonly summary: string;
  readonly fix: string;
  readonly actions?: KnowledgeEntry['actions'];
}

const CERTIFICATE_FIX =
  'Present a valid eIDAS certificate (QWAC for TLS, QSEAL for signatures) registered for this TPP.';

/** NextGenPSD2 `tppMessages[].code` values, after the adorsys XS2A implementation. */
const CODES: readonly BerlinGroupCode[] = [
  {
    code: 'CERTIFICATE_INVALID',
    status: [401],
    summary: 'The TPP certificate is not valid.',
    fix: CERTIFICATE_FIX,
  },
  {
    code: 'CERTIFICATE_EXPIRED',
    status: [401],
    summary: 'The TPP certificate has expired.',
    fix: 'Renew the certificate and present the new one.',
  },
  {
    code: 'CERTIFICATE_BLOCKED',
    status: [401],
    summary: 'The TPP certificate is blocked.',
    fix: CERTIFICATE_FIX,
  },
  {
    code: 'CERTIFICATE_REVOKED',
    status: [401],
    summary: 'The TPP certificate was revoked.',
    fix: CERTIFICATE_FIX,
  },
  {
    code: 'CERTIFICATE_MISSING',
    status: [401],
    summary: 'No TPP certificate came with the request.',
    fix: CERTIFICATE_FIX,
  },
  {
    code: 'ROLE_INVALID',
    status: [401],
    summary:
      'The certificate does not carry the PSD2 role this service needs (e.g. a PIS-only certificate calling AIS).',
    fix: 'Present a QWAC whose PSD2 roles include this service (AIS, PIS or PIIS), or get one issued with that role.',
  },
  {
    code: 'SIGNATURE_INVALID',
    status: [401],
    summary: 'The request signature does not verify.',
    fix: 'Rebuild `Digest` from the exact body and sign the headers listed in `Signature` with the QSEAL key.',
  },
  {
    code: 'SIGNATURE_MISSING',
    status: [401],
    summary: 'The bank requires a signed request and none came.',
    fix: 'Add `Digest`, `Signature` and the signing certificate headers.',
  },
  {
    code: 'CORPORATE_ID_INVALID',
    status: [401],
    summary: 'The `PSU-Corporate-ID` is unknown.',
    fix: 'Send the `PSU-Corporate-ID` the bank registered for the company, or leave the header out for a private user.',
  },
  {
    code: 'PSU_CREDENTIALS_INVALID',
    status: [401],
    summary: 'The PSU id is unknown or blocked, or the password or OTP is wrong.',
    fix: 'Let the user retry with the right credentials.',
  },
  {
    code: 'CONSENT_INVALID',
    status: [401],
    summary:
      'The consent belongs to this TPP but is not valid for this service or resource (also used after the user revoked it).',
    fix: 'Create a new consent covering this service and have the user authorise it.',
    actions: ['checkConsent', 'signIn'],
  },
  {
    code: 'CONSENT_EXPIRED',
    status: [401],
    summary: 'The consent belongs to this TPP but has expired.',
    fix: 'Renew the consent: create a new one and have the user authorise it.',
    actions: ['checkConsent', 'signIn'],
  },
  {
    code: 'TOKEN_UNKNOWN',
    status: [401],
    summary: 'The OAuth token does not belong to this TPP.',
    fix: 'Use a token obtained by this TPP.',
    actions: ['signIn'],
  },
  {
    code: 'TOKEN_INVALID',
    status: [401],
    summary: 'The token belongs to this TPP but is not valid for this service or resource.',
    fix: 'Obtain a token with the scope of this service.',
    actions: ['signIn'],
  },
  {
    code: 'TOKEN_EXPIRED',
    status: [401],
    summary: 'The token belongs to this TPP but has expired.',
    fix: 'Run Refresh Token (or sign in again when there is no refresh token) and repeat the call.',
    actions: ['refreshToken'],
  },
  {
    code: 'CONSENT_UNKNOWN',
    status: [400, 403],
    summary: 'The `Consent-ID` is not known for this TPP.',
    fix: 'Send the id of a consent created by this TPP.',
    actions: ['checkConsent'],
  },
  {
    code: 'SERVICE_BLOCKED',
    status: [403],
    summary: 'The service is blocked for this user.',
    fix: 'Ask the user to contact their bank to unblock the service; retrying will not help.',
  },
  {
    code: 'RESOURCE_UNKNOWN',
    status: [403, 404],
    summary: 'The addressed resource (account, payment) is unknown to this TPP.',
    fix: 'Use a resource id returned for this consent.',
  },
  {
    code: 'RESOURCE_EXPIRED',
    status: [403],
    summary: 'The addressed resource has expired.',
    fix: 'Create the resource again.',
  },
  {
    code: 'FORMAT_ERROR',
    status: [400],
    summary: 'A field of the request does not match the expected format.',
    fix: 'Compare the named `path` with the API specification.',
  },
  {
    code: 'TIMESTAMP_INVALID',
    status: [400],
    summary: 'A timestamp is outside the accepted window.',
    fix: 'Send the current time, and synchronise the clock.',
  },
  {
    code: 'PERIOD_INVALID',
    status: [400],
    summary: 'The requested date range is outside what the consent or API allows.',
    fix: 'Narrow `dateFrom`/`dateTo` to the allowed period.',
  },
  {
    code: 'ACCESS_EXCEEDED',
    status: [429],
    summary: 'The daily number of accesses without the user present was used up.',
    fix: 'Wait for the next day, or call with the user present.',
  },
];

/** Known Berlin Group codes, so the parser can recognise an RFC 7807-style body by its `code` alone. */
export const BERLIN_GROUP_CODES: ReadonlySet<string> = new Set(CODES.map((c) => c.code));

/** Berlin Group NextGenPSD2 `tppMessages` codes as `berlingroup.<CODE>`. */
export function berlinGroupEntries(): KnowledgeEntry[] {
  return CODES.map((c) =>
    entry({
      id: `berlingroup.${c.code}`,
      title: `Berlin Group ${c.code}: ${c.summary.charAt(0).toLowerCase()}${c.summary.slice(1).replace(/\.$/, '')}`,
      place: 'resource-call',
      status: c.status,
      summary: c.summary,
      causes: [c.summary],
      fixes: [c.fix],
      link: NEXTGENPSD2,
      actions: c.actions,
    }),
  );
}
