/**
 * The practice server's one state object: pending authorizations, codes, consents, tokens, armed troubles and the
 * recent-activity list, with the small rules every endpoint shares (consent status, live bearer token, revoking a
 * consent's tokens). The endpoint modules read and change only this.
 */
import { localText, type LocalText } from '../text/localText';
import {
  PracticeEndpoints,
  practiceEndpoints,
  PracticeLifetimes,
  practiceLifetimes,
  PracticeSettings,
} from './practiceSettings';
import { PracticeEvent, PracticeSummary } from './practiceResponses';
import { PracticeTroubleId } from './practiceTroubles';

/** Consent statuses as Rabobank's Consent Details API reports them; only `valid` is usable. */
export type ConsentStatus = 'valid' | 'expired' | 'revokedByPsu' | 'terminatedByTpp';

/** An authorize page shown and not answered yet. */
export interface PendingAuthorization {
  readonly scopes: readonly string[];
  readonly state?: string;
  /** The redirect URI sent on authorize, if any: the token call must then send the same (RFC 6749 §4.1.3). */
  readonly redirectUriSent?: string;
  readonly codeChallenge?: string;
  readonly expiresAtMs: number;
}

/** An authorization code; single-use. */
export interface AuthorizationCode {
  readonly consentId: string;
  readonly redirectUriSent?: string;
  readonly codeChallenge?: string;
  readonly expiresAtMs: number;
  usedAtMs?: number;
}

/** A consent the user approved. */
export interface Consent {
  readonly consentId: string;
  readonly scopes: readonly string[];
  readonly createdAtMs: number;
  readonly validUntilMs: number;
  /** Set by a trouble switch; otherwise the status follows `validUntilMs`. */
  forcedStatus?: ConsentStatus;
}

/** An issued access token. */
export interface AccessToken {
  /** The consent behind it; absent for client-credentials tokens. */
  readonly consentId?: string;
  scopes: readonly string[];
  readonly issuedAtMs: number;
  expiresAtMs: number;
  revoked: boolean;
}

/** An issued refresh token; single-use. */
export interface RefreshToken {
  readonly consentId: string;
  readonly expiresAtMs: number;
  usedAtMs?: number;
  revoked: boolean;
}

const MAX_EVENTS = 12;

/**
 * At most this many authorize pages wait for an answer; above it the oldest is forgotten, so a flood of authorize
 * calls cannot grow memory without bound. A person answers one page at a time, so this is far more than enough.
 */
export const MAX_PENDING_AUTHORIZATIONS = 1000;

/** Options of {@link PracticeState}. */
export interface PracticeStateOptions {
  readonly settings: PracticeSettings;
  /** Where the server listens, e.g. `http://127.0.0.1:8642`. */
  readonly baseUrl: string;
  /** Epoch milliseconds; injectable so tests can move time. */
  readonly now?: () => number;
}

/** Everything one running practice server knows. */
export class PracticeState {
  readonly settings: PracticeSettings;
  readonly lifetimes: PracticeLifetimes;
  readonly endpoints: PracticeEndpoints;
  readonly origin: string;
  readonly now: () => number;
  readonly pending = new Map<string, PendingAuthorization>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly consents = new Map<string, Consent>();
  readonly accessTokens = new Map<string, AccessToken>();
  readonly refreshTokens = new Map<string, RefreshToken>();
  readonly armed = new Set<PracticeTroubleId>();
  private events: PracticeEvent[] = [];

  constructor(options: PracticeStateOptions) {
    this.settings = options.settings;
    this.lifetimes = practiceLifetimes(options.settings.speed);
    this.now = options.now ?? (() => Date.now());
    this.endpoints = practiceEndpoints(options.baseUrl, options.settings);
    this.origin = new URL(options.baseUrl).origin;
  }

  /** Keeps a pending authorization; drops expired ones and, at the cap, the oldest (a Map keeps insertion order). */
  addPending(requestId: string, pending: PendingAuthorization): void {
    const now = this.now();
    for (const [id, old] of this.pending) {
      if (old.expiresAtMs <= now) {
        this.pending.delete(id);
      }
    }
    for (const id of this.pending.keys()) {
      if (this.pending.size < MAX_PENDING_AUTHORIZATIONS) {
        break;
      }
      this.pending.delete(id);
    }
    this.pending.set(requestId, pending);
  }

  /** Disarms a `next-request` trouble and says whether it was armed. */
  consume(id: PracticeTroubleId): boolean {
    return this.armed.delete(id);
  }

  consentStatus(consent: Consent): ConsentStatus {
    return consent.forcedStatus ?? (consent.validUntilMs <= this.now() ? 'expired' : 'valid');
  }

  forceConsentStatus(status: ConsentStatus): void {
    for (const consent of this.consents.values()) {
      consent.forcedStatus = status;
    }
  }

  revokeConsentTokens(consentId: string): void {
    for (const token of this.accessTokens.values()) {
      if (token.consentId === consentId) {
        token.revoked = true;
      }
    }
    for (const token of this.refreshTokens.values()) {
      if (token.consentId === consentId) {
        token.revoked = true;
      }
    }
  }

  /** The live access token in `Authorization: Bearer …`, or `undefined` when it is missing, unknown, expired or revoked. */
  bearerToken(authorization: string | undefined): AccessToken | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const token = match ? this.accessTokens.get(match[1]) : undefined;
    return token && !token.revoked && token.expiresAtMs > this.now() ? token : undefined;
  }

  /** Forgets every code, token and consent and disarms every trouble, as a fresh start. */
  reset(): void {
    this.pending.clear();
    this.codes.clear();
    this.consents.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.armed.clear();
    this.events = [];
    this.record(localText('Everything was reset.'));
  }

  summary(): PracticeSummary {
    const now = this.now();
    return {
      activeAccessTokens: [...this.accessTokens.values()].filter((t) => !t.revoked && t.expiresAtMs > now)
        .length,
      activeRefreshTokens: [...this.refreshTokens.values()].filter(
        (t) => !t.revoked && t.usedAtMs === undefined && t.expiresAtMs > now,
      ).length,
      consents: [...this.consents.values()].map((consent) => ({
        consentId: consent.consentId,
        status: this.consentStatus(consent),
        validUntil: new Date(consent.validUntilMs).toISOString(),
      })),
    };
  }

  /** Latest first. */
  recentEvents(): PracticeEvent[] {
    return [...this.events].reverse();
  }

  /** Adds a line to the recent-activity list (plain sentences, never a token or a code). */
  record(text: LocalText): void {
    this.events.push({ atMs: this.now(), text });
    if (this.events.length > MAX_EVENTS) {
      this.events = this.events.slice(-MAX_EVENTS);
    }
  }
}
