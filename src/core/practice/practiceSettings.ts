/**
 * What the practice server is configured with: its one registered client, its paths, its lifetimes (Rabobank's, sped
 * up on request) and the scopes it knows. Kept apart from the state machine so the CLI, `npm start` and the built-in
 * VS Code profile agree on the same defaults.
 *
 * Facts: ../shared/reference/oauth-error-reference.md, Part 4 (lifetimes, scopes, token response fields).
 */
import { localText, type LocalText } from '../text/localText';

/** The client the practice server has "registered", and how fast its clock runs. */
export interface PracticeSettings {
  readonly client_id: string;
  readonly client_secret: string;
  /** The one registered redirect URI; any other one gets the "Redirect URI Mismatch" page. */
  readonly redirect_uri: string;
  /** Lifetimes are divided by this: 60 makes a 1-hour access token last a minute. At least 1. */
  readonly speed: number;
}

/** The port `oauth-workbench practice`, `npm start` and the built-in profile use unless told otherwise. */
export const PRACTICE_DEFAULT_PORT = 8642;

/**
 * Defaults shared by every way of starting the practice server. The secret is a practice value, not a credential. It
 * holds a `/` and a `:`, which come out the same whether or not a client form-encodes them before Basic (RFC 6749
 * §2.3.1), so hand-written `.http` requests work too; the server itself decodes strictly per §2.3.1.
 */
export const PRACTICE_DEFAULT_SETTINGS: PracticeSettings = {
  client_id: 'practice-client',
  client_secret: 'practice/secret:8642',
  redirect_uri: 'http://127.0.0.1:8765/callback',
  speed: 1,
};

/** Paths of the practice server, shaped like Rabobank's (without the `/openapi/sandbox` prefix). */
export const PRACTICE_PATHS = {
  home: '/',
  authorize: '/oauth2/authorize',
  decision: '/oauth2/authorize/decision',
  token: '/oauth2/token',
  revoke: '/oauth2/revoke',
  introspect: '/oauth2/introspect',
  consents: '/oauth2/consents',
  accounts: '/payments/account-information/ais/accounts',
  metadata: '/.well-known/oauth-authorization-server',
  trouble: '/practice/trouble',
  reset: '/practice/reset',
} as const;

/** The endpoints and client of a running practice server: what `oauth-workbench practice` prints as JSON. */
export interface PracticeEndpoints {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly revocation_endpoint: string;
  readonly introspection_endpoint: string;
  /** Append `/{consentId}`. */
  readonly consent_endpoint: string;
  readonly accounts_endpoint: string;
  readonly trouble_endpoint: string;
  readonly client_id: string;
  readonly client_secret: string;
  readonly redirect_uri: string;
  readonly speed: number;
}

/** The endpoints of a practice server listening at `baseUrl` (e.g. `http://127.0.0.1:8642`). */
export function practiceEndpoints(baseUrl: string, settings: PracticeSettings): PracticeEndpoints {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    issuer: base,
    authorization_endpoint: `${base}${PRACTICE_PATHS.authorize}`,
    token_endpoint: `${base}${PRACTICE_PATHS.token}`,
    revocation_endpoint: `${base}${PRACTICE_PATHS.revoke}`,
    introspection_endpoint: `${base}${PRACTICE_PATHS.introspect}`,
    consent_endpoint: `${base}${PRACTICE_PATHS.consents}`,
    accounts_endpoint: `${base}${PRACTICE_PATHS.accounts}`,
    trouble_endpoint: `${base}${PRACTICE_PATHS.trouble}`,
    client_id: settings.client_id,
    client_secret: settings.client_secret,
    redirect_uri: settings.redirect_uri,
    speed: settings.speed,
  };
}

/** Lifetimes in seconds after the speed factor; never below one second. */
export interface PracticeLifetimes {
  readonly accessTokenS: number;
  readonly authorizationCodeS: number;
  readonly refreshTokenS: number;
  readonly consentS: number;
  /** How long an authorize page may wait for Approve or Deny. */
  readonly pendingAuthorizationS: number;
}

/** Rabobank's lifetimes: 1 h access token, 5 min code, 30 days refresh token, 180 days PSD2 consent. */
export const RABOBANK_LIFETIMES: PracticeLifetimes = {
  accessTokenS: 3600,
  authorizationCodeS: 300,
  refreshTokenS: 30 * 24 * 3600,
  consentS: 180 * 24 * 3600,
  pendingAuthorizationS: 600,
};

/**
 * A sped-up code still outlives Rabobank's advised 1000 ms exchange delay with room to spare, so a sign-in works at
 * any speed.
 */
export const MIN_AUTHORIZATION_CODE_S = 10;

/**
 * Rabobank's lifetimes divided by `speed`. The authorize page's wait is not sped up (a person is reading it), and a
 * code lives at least {@link MIN_AUTHORIZATION_CODE_S}.
 */
export function practiceLifetimes(speed: number): PracticeLifetimes {
  const scaled = (seconds: number) => Math.max(1, Math.round(seconds / speed));
  return {
    accessTokenS: scaled(RABOBANK_LIFETIMES.accessTokenS),
    authorizationCodeS: Math.max(MIN_AUTHORIZATION_CODE_S, scaled(RABOBANK_LIFETIMES.authorizationCodeS)),
    refreshTokenS: scaled(RABOBANK_LIFETIMES.refreshTokenS),
    consentS: scaled(RABOBANK_LIFETIMES.consentS),
    pendingAuthorizationS: RABOBANK_LIFETIMES.pendingAuthorizationS,
  };
}

/** Checks a speed factor from a command line or a setting; returns a sentence when it is not usable. */
export function speedProblem(speed: number): string | undefined {
  return Number.isFinite(speed) && speed >= 1 && speed <= 86_400
    ? undefined
    : 'The speed factor must be a number from 1 (real time) to 86400 (a day per second).';
}

/**
 * Scopes the practice server grants, with the words its consent page shows. The page lists only these texts, never
 * what the request carried; an unknown scope ends the request with `invalid_scope`.
 */
export const PRACTICE_SCOPES: Readonly<Record<string, LocalText>> = {
  'ais.balances.read': localText('See the balances of your accounts'),
  'ais.transactions.read-90days': localText(
    'See the transactions of the last 90 days, for as long as the consent lasts',
  ),
  'ais.transactions.read-history': localText('See the full transaction history, once'),
  'caf.fundsconfirmation.read': localText('Confirm whether funds are available'),
  'pi.bulk.read-write': localText('Initiate bulk payments'),
  'prs.paymentrequest.read-write': localText('Create payment requests'),
  'oauth2.consents.read': localText('Read the details of this consent (always granted)'),
};

/** Rabobank grants `oauth2.consents.read` with every consent. */
export const ALWAYS_GRANTED_SCOPE = 'oauth2.consents.read';

/** True for the Account Information scopes the sample accounts endpoint needs one of. */
export function isAccountInformationScope(scope: string): boolean {
  return scope.startsWith('ais.');
}
