/**
 * The token set the engine keeps per profile: what the token endpoint returned, with absolute expiry times computed
 * from the time of the response. This is also the JSON the CLI prints and the token vault persists, so its fields
 * keep the token response's names (`access_token`, `expires_at`).
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
import { type LocalText, localText } from '../text/localText';
import type { Translate } from '../text/translate';

/** A successful token response turned into absolute times; stored by a {@link TokenVault}. */
export interface TokenSet {
  readonly access_token: string;
  /** Usually `Bearer`. */
  readonly token_type: string;
  /** ISO 8601; absent when the server sent no `expires_in` and the provider documents no lifetime. */
  readonly expires_at?: string;
  readonly refresh_token?: string;
  /** ISO 8601, from `refresh_token_expires_in` (Rabobank sends it) when given. */
  readonly refresh_token_expires_at?: string;
  /** Granted scope, space-separated, as the server returned it (or as requested when it returned none). */
  readonly scope?: string;
  readonly id_token?: string;
  /** Rabobank consent id, parsed from `metadata: "a:consentId <uuid>"`. */
  readonly consent_id?: string;
  /** ISO 8601 time the token response arrived. */
  readonly received_at: string;
  /**
   * ISO 8601 time a refresh with this set's refresh token was sent whose answer was never stored (a timeout, a reset,
   * a garbled 200, the process killed before saving). Saved before the request goes out and gone once the new set is
   * saved, so while it is present the server may already have used up (rotated) the refresh token.
   */
  readonly refresh_attempted_at?: string;
  /** Every other member of the token response (e.g. Rabobank `consented_on`, `metadata`), kept as sent. */
  readonly other: Readonly<Record<string, unknown>>;
}

const KNOWN_FIELDS = new Set([
  'access_token',
  'token_type',
  'expires_in',
  'refresh_token',
  'refresh_token_expires_in',
  'scope',
  'id_token',
]);

/** Options for {@link tokenSetFromResponse}. */
export interface TokenSetFromResponseOptions {
  /** Epoch milliseconds when the response arrived. */
  readonly receivedAtMs: number;
  /** Lifetime to assume when the response has no `expires_in` (a provider's documented value). */
  readonly defaultLifetimeSeconds?: number;
  /** Scope to record when the response omits `scope` (RFC 6749 §5.1: then it equals the requested scope). */
  readonly requestedScope?: string;
}

/**
 * Turns a parsed token-endpoint JSON body into a {@link TokenSet}. Returns `undefined` when the body lacks the
 * required `access_token` / `token_type` strings, so the caller can raise its own typed error.
 */
export function tokenSetFromResponse(
  body: Readonly<Record<string, unknown>>,
  options: TokenSetFromResponseOptions,
): TokenSet | undefined {
  const { access_token, token_type } = body;
  if (typeof access_token !== 'string' || access_token === '' || typeof token_type !== 'string') {
    return undefined;
  }
  const expiresIn = toSeconds(body.expires_in) ?? options.defaultLifetimeSeconds;
  const refreshExpiresIn = toSeconds(body.refresh_token_expires_in);
  const other: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!KNOWN_FIELDS.has(key)) {
      other[key] = value;
    }
  }
  // Out-of-range lifetimes (see tokenLifetimeProblem) count as unknown here, so this never throws a RangeError.
  const at = (seconds: number | undefined) => {
    const ms = seconds === undefined ? NaN : options.receivedAtMs + seconds * 1000;
    return Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : undefined;
  };
  return dropUndefined({
    access_token,
    token_type,
    expires_at: at(expiresIn),
    refresh_token:
      typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : undefined,
    refresh_token_expires_at: at(refreshExpiresIn),
    scope: typeof body.scope === 'string' ? body.scope : options.requestedScope,
    id_token: typeof body.id_token === 'string' ? body.id_token : undefined,
    consent_id: consentIdFromMetadata(body.metadata),
    received_at: new Date(options.receivedAtMs).toISOString(),
    other,
  });
}

/** The latest instant a `Date` can hold (+275760-09-13); a lifetime reaching past it is not a lifetime. */
const MAX_DATE_MS = 8.64e15;

/**
 * Says what is wrong with the lifetimes of a token response (`expires_in`, `refresh_token_expires_in`): text that is
 * not a number, a negative number, or one so large no date can hold it. `undefined` when they are usable or absent.
 * A number written as a string ("3599", as Azure AD v1 sends it) is accepted.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
export function tokenLifetimeProblem(
  body: Readonly<Record<string, unknown>>,
  receivedAtMs: number,
): LocalText | undefined {
  for (const field of ['expires_in', 'refresh_token_expires_in'] as const) {
    const value = body[field];
    if (value === undefined || value === null) {
      continue;
    }
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value).slice(0, 40);
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || Number.isNaN(n)) {
      return localText('{0} is {1}, not a number of seconds', field, shown);
    }
    if (n < 0) {
      return localText('{0} is {1}: a lifetime cannot be negative', field, shown);
    }
    if (!Number.isFinite(n) || receivedAtMs + n * 1000 > MAX_DATE_MS) {
      return localText('{0} is {1} seconds, longer than any date can express', field, shown);
    }
  }
  return undefined;
}

/** True when a refresh with this set's refresh token may have been used up without the answer being stored. */
export function isRefreshTokenPossiblySpent(tokenSet: TokenSet): boolean {
  return tokenSet.refresh_token !== undefined && tokenSet.refresh_attempted_at !== undefined;
}

/**
 * What to tell the user about a refresh token that may be spent (see {@link TokenSet.refresh_attempted_at}): what
 * happened and what to do, in one plain paragraph (through `translate`); `undefined` when there is nothing to say.
 */
export function possiblySpentWarning(tokenSet: TokenSet, translate: Translate): string | undefined {
  if (!isRefreshTokenPossiblySpent(tokenSet)) {
    return undefined;
  }
  return translate(
    'A refresh sent at {0} got no answer that was saved, so the server may have used up the refresh token. Refresh to find out: if the server answers invalid_grant, sign in again.',
    tokenSet.refresh_attempted_at ?? '',
  );
}

/**
 * Rabobank returns the consent id inside `metadata` as `"a:consentId <uuid>"` (authorization_code grant only).
 * @returns the uuid, or `undefined` when the value has another shape.
 */
export function consentIdFromMetadata(metadata: unknown): string | undefined {
  if (typeof metadata !== 'string') {
    return undefined;
  }
  const match = /(?:^|\s)a:consentId\s+([0-9A-Za-z-]+)/.exec(metadata);
  return match?.[1];
}

/** Milliseconds until the access token expires (negative once expired); `undefined` when the expiry is unknown. */
export function msUntilExpiry(tokenSet: TokenSet, nowMs: number): number | undefined {
  return tokenSet.expires_at === undefined ? undefined : Date.parse(tokenSet.expires_at) - nowMs;
}

/** True when the access token has expired or will within `skewMs`; unknown expiry counts as valid. */
export function isAccessTokenExpired(tokenSet: TokenSet, nowMs: number, skewMs = 0): boolean {
  const left = msUntilExpiry(tokenSet, nowMs);
  return left !== undefined && left <= skewMs;
}

/** True when the refresh token is known to have expired. */
export function isRefreshTokenExpired(tokenSet: TokenSet, nowMs: number): boolean {
  return (
    tokenSet.refresh_token_expires_at !== undefined && Date.parse(tokenSet.refresh_token_expires_at) <= nowMs
  );
}

function toSeconds(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
