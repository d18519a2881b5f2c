/**
 * The practice server's decisions, without I/O: an authorization server and a sample Account Information API that
 * behave as Rabobank documents them (authorize page, codes, single-use refresh tokens, consents, gateway errors), plus
 * the trouble switches that make each case of the troubleshooting guide happen on demand. The Node layer
 * (`src/node/practice/practiceServer.ts`) only moves bytes.
 *
 * Facts: ../shared/reference/oauth-error-reference.md, Parts 1 and 4.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749
 * @see https://www.rfc-editor.org/rfc/rfc7009
 * @see https://www.rfc-editor.org/rfc/rfc7662
 */
import { parseJsonObject } from '../oauth/endpointResponse';
import { randomUrlSafeString, s256CodeChallenge } from '../oauth/pkce';
import { parseBasicAuthorization } from '../wire/basicAuthentication';
import {
  GATEWAY_FORBIDDEN_BODY,
  GATEWAY_UNAUTHORIZED_BODY,
  json,
  methodNotAllowed,
  notFound,
  oauthError,
  PracticeEvent,
  PracticeRequest,
  PracticeResponse,
  PracticeSummary,
} from './practiceResponses';
import {
  ALWAYS_GRANTED_SCOPE,
  isAccountInformationScope,
  PRACTICE_PATHS,
  PRACTICE_SCOPES,
  practiceEndpoints,
  PracticeEndpoints,
  practiceLifetimes,
  PracticeLifetimes,
  PracticeSettings,
} from './practiceSettings';
import { PRACTICE_TROUBLES, PracticeTroubleId, practiceTroubleOf } from './practiceTroubles';

/** Consent statuses as Rabobank's Consent Details API reports them; only `valid` is usable. */
export type ConsentStatus = 'valid' | 'expired' | 'revokedByPsu' | 'terminatedByTpp';

/** The practice accounts every consent covers. */
export const PRACTICE_ACCOUNTS = [
  { resourceId: 'practice-account-1', iban: 'NL44RABO0123456789', name: 'Practice current account' },
  { resourceId: 'practice-account-2', iban: 'NL18RABO0987654321', name: 'Practice savings account' },
] as const;

/** Thrown for a trouble id the server does not know; the HTTP endpoint answers 400 with the known ids. */
export class UnknownPracticeTroubleError extends Error {
  public readonly code = 'PRACTICE_UNKNOWN_TROUBLE';
  constructor(public readonly troubleId: string) {
    super(
      `There is no trouble switch "${troubleId}". Known: ${PRACTICE_TROUBLES.map((t) => t.id).join(', ')}.`,
    );
    this.name = 'UnknownPracticeTroubleError';
  }
}

interface PendingAuthorization {
  readonly scopes: readonly string[];
  readonly state?: string;
  /** The redirect URI sent on authorize, if any: the token call must then send the same (RFC 6749 §4.1.3). */
  readonly redirectUriSent?: string;
  readonly codeChallenge?: string;
  readonly expiresAtMs: number;
}

interface AuthorizationCode {
  readonly consentId: string;
  readonly redirectUriSent?: string;
  readonly codeChallenge?: string;
  readonly expiresAtMs: number;
  usedAtMs?: number;
}

interface Consent {
  readonly consentId: string;
  readonly scopes: readonly string[];
  readonly createdAtMs: number;
  readonly validUntilMs: number;
  /** Set by a trouble switch; otherwise the status follows `validUntilMs`. */
  forcedStatus?: ConsentStatus;
}

interface AccessToken {
  /** The consent behind it; absent for client-credentials tokens. */
  readonly consentId?: string;
  scopes: readonly string[];
  readonly issuedAtMs: number;
  expiresAtMs: number;
  revoked: boolean;
}

interface RefreshToken {
  readonly consentId: string;
  readonly expiresAtMs: number;
  usedAtMs?: number;
  revoked: boolean;
}

type Form = Map<string, string>;

const MAX_EVENTS = 12;

/** Options of {@link PracticeAuthorizationServer}. */
export interface PracticeAuthorizationServerOptions {
  readonly settings: PracticeSettings;
  /** Where the server listens, e.g. `http://127.0.0.1:8642`; used for the metadata and the home page. */
  readonly baseUrl: string;
  /** Epoch milliseconds; injectable so tests can move time. */
  readonly now?: () => number;
}

/** The practice server's state machine; one instance per running server. */
export class PracticeAuthorizationServer {
  readonly endpoints: PracticeEndpoints;
  private readonly settings: PracticeSettings;
  private readonly lifetimes: PracticeLifetimes;
  private readonly now: () => number;
  private readonly origin: string;
  private readonly pending = new Map<string, PendingAuthorization>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly consents = new Map<string, Consent>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  private readonly armed = new Set<PracticeTroubleId>();
  private events: PracticeEvent[] = [];

  constructor(options: PracticeAuthorizationServerOptions) {
    this.settings = options.settings;
    this.lifetimes = practiceLifetimes(options.settings.speed);
    this.now = options.now ?? (() => Date.now());
    this.endpoints = practiceEndpoints(options.baseUrl, options.settings);
    this.origin = new URL(options.baseUrl).origin;
  }

  /** Answers one request. Never throws for bad input: every problem becomes the answer Rabobank would give. */
  async handle(request: PracticeRequest): Promise<PracticeResponse> {
    const { path, method } = request;
    const consentPrefix = `${PRACTICE_PATHS.consents}/`;
    switch (path) {
      case PRACTICE_PATHS.home:
        return method === 'GET' ? this.home() : methodNotAllowed('GET');
      case PRACTICE_PATHS.authorize:
        return method === 'GET' ? this.authorize(request.query) : methodNotAllowed('GET');
      case PRACTICE_PATHS.decision:
        return method === 'POST' ? this.decide(request) : methodNotAllowed('POST');
      case PRACTICE_PATHS.token:
        return method === 'POST' ? this.token(request) : methodNotAllowed('POST');
      case PRACTICE_PATHS.revoke:
        return method === 'POST' ? this.revoke(request) : methodNotAllowed('POST');
      case PRACTICE_PATHS.introspect:
        return method === 'POST' ? this.introspect(request) : methodNotAllowed('POST');
      case PRACTICE_PATHS.accounts:
        return method === 'GET' ? this.accounts(request) : methodNotAllowed('GET');
      case PRACTICE_PATHS.metadata:
        return method === 'GET' ? this.metadata() : methodNotAllowed('GET');
      case PRACTICE_PATHS.trouble:
        return method === 'GET'
          ? json(200, this.troubleState())
          : method === 'POST'
            ? this.troubleRequest(request)
            : methodNotAllowed('POST');
      case PRACTICE_PATHS.reset:
        return method === 'POST' ? this.resetRequest(request) : methodNotAllowed('POST');
    }
    if (path.startsWith(consentPrefix) && path.length > consentPrefix.length) {
      const consentId = safeDecode(path.slice(consentPrefix.length));
      if (consentId === undefined) {
        return notFound();
      }
      return method === 'GET' ? this.consentDetails(request, consentId) : methodNotAllowed('GET');
    }
    return notFound();
  }

  /**
   * Turns a trouble switch on: a `next-request` one is armed until the next matching request, a `state` one changes
   * tokens or consents at once. Throws {@link UnknownPracticeTroubleError} for an unknown id.
   */
  setTrouble(id: string): void {
    const trouble = practiceTroubleOf(id);
    if (!trouble) {
      throw new UnknownPracticeTroubleError(id);
    }
    const now = this.now();
    switch (trouble.id) {
      case 'spend-refresh-token':
        for (const token of this.refreshTokens.values()) {
          token.usedAtMs ??= now;
        }
        break;
      case 'expire-access-token':
        for (const token of this.accessTokens.values()) {
          token.expiresAtMs = Math.min(token.expiresAtMs, now);
        }
        break;
      case 'expire-consent':
        this.forceConsentStatus('expired');
        break;
      case 'revoke-consent':
        this.forceConsentStatus('revokedByPsu');
        break;
      case 'drop-scope':
        for (const token of this.accessTokens.values()) {
          token.scopes = token.scopes.filter((scope) => !isAccountInformationScope(scope));
        }
        break;
      default:
        this.armed.add(trouble.id);
    }
    this.record(`Trouble switched on: ${trouble.label}.`);
  }

  /** Disarms every pending `next-request` trouble (state changes already made stay). */
  clearTroubles(): void {
    this.armed.clear();
    this.record('Pending troubles cleared.');
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
    this.record('Everything was reset.');
  }

  /** The trouble switches and which `next-request` ones are armed: what `GET /practice/trouble` returns. */
  troubleState(): {
    troubles: {
      id: string;
      kind: string;
      label: string;
      description: string;
      catalogId: string;
      armed: boolean;
    }[];
  } {
    return {
      troubles: PRACTICE_TROUBLES.map((trouble) => ({ ...trouble, armed: this.armed.has(trouble.id) })),
    };
  }

  // ---- authorize ------------------------------------------------------------------------------------------------

  private authorize(query: URLSearchParams): PracticeResponse {
    if (this.consume('unknown-client-id') || query.get('client_id') !== this.settings.client_id) {
      this.record('Authorize: 401 "invalid client id or secret" (unknown client id).');
      return { kind: 'page', status: 401, page: { name: 'invalid-client' } };
    }
    const redirectUri = query.get('redirect_uri') ?? undefined;
    if (
      this.consume('redirect-uri-mismatch') ||
      (redirectUri !== undefined && redirectUri !== this.settings.redirect_uri)
    ) {
      // Rabobank shows an error page with HTTP 200 and never redirects to an unverified URI (RFC 6749 §4.1.2.1).
      this.record('Authorize: "Redirect URI Mismatch" page.');
      return { kind: 'page', status: 200, page: { name: 'redirect-uri-mismatch' } };
    }
    const state = query.get('state') ?? undefined;
    const fail = (error: string, description: string) => {
      this.record(`Authorize: redirected back with error=${error}.`);
      return this.redirectBack({ error, error_description: description, state });
    };
    if (query.get('response_type') !== 'code') {
      return fail('unsupported_response_type', 'Only response_type=code is supported.');
    }
    const requested = (query.get('scope') ?? '').split(' ').filter((scope) => scope !== '');
    if (requested.length === 0) {
      return fail('invalid_request', 'The scope parameter is required.');
    }
    if (requested.some((scope) => PRACTICE_SCOPES[scope] === undefined)) {
      return fail('invalid_scope', 'A requested scope is not offered by this server.');
    }
    const codeChallenge = query.get('code_challenge') ?? undefined;
    if (codeChallenge !== undefined && query.get('code_challenge_method') !== 'S256') {
      return fail('invalid_request', 'Only the S256 code challenge method is supported.');
    }
    const scopes = unique([...requested, ALWAYS_GRANTED_SCOPE]);
    // Pages nobody answered would pile up otherwise.
    for (const [id, old] of this.pending) {
      if (old.expiresAtMs <= this.now()) {
        this.pending.delete(id);
      }
    }
    const requestId = randomUrlSafeString(24);
    this.pending.set(requestId, {
      scopes,
      state,
      redirectUriSent: redirectUri,
      codeChallenge,
      expiresAtMs: this.now() + this.lifetimes.pendingAuthorizationS * 1000,
    });
    return {
      kind: 'page',
      status: 200,
      page: {
        name: 'authorize',
        requestId,
        scopes: scopes.map((scope) => ({ scope, description: PRACTICE_SCOPES[scope] })),
      },
    };
  }

  private decide(request: PracticeRequest): PracticeResponse {
    // No Origin check here: the page may be shown through a proxy (code-server's /proxy/PORT/), and the request id,
    // random and single-use, already ties the answer to the page this server showed.
    const form = parseForm(request);
    const id = form?.get('request');
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (id !== undefined) {
      this.pending.delete(id);
    }
    if (!pending || pending.expiresAtMs <= this.now()) {
      return {
        kind: 'page',
        status: 400,
        page: {
          name: 'message',
          title: 'This sign-in page has expired',
          text: 'Each sign-in page can be answered once. Start the sign-in again from OAuth Workbench.',
        },
      };
    }
    if (form?.get('decision') !== 'approve') {
      this.record('Authorize: the user denied the consent (error=access_denied).');
      return this.redirectBack({ error: 'access_denied', state: pending.state });
    }
    const now = this.now();
    const consentId = globalThis.crypto.randomUUID();
    this.consents.set(consentId, {
      consentId,
      scopes: pending.scopes,
      createdAtMs: now,
      validUntilMs: now + this.lifetimes.consentS * 1000,
    });
    const code = randomUrlSafeString(32);
    this.codes.set(code, {
      consentId,
      redirectUriSent: pending.redirectUriSent,
      codeChallenge: pending.codeChallenge,
      expiresAtMs: now + this.lifetimes.authorizationCodeS * 1000,
    });
    this.record(
      `Authorize: consent ${consentId} approved; code issued (valid ${this.lifetimes.authorizationCodeS} s).`,
    );
    return this.redirectBack({ code, state: pending.state });
  }

  private redirectBack(params: Record<string, string | undefined>): PracticeResponse {
    const url = new URL(this.settings.redirect_uri);
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined) {
        url.searchParams.set(name, value);
      }
    }
    return { kind: 'redirect', status: 302, location: url.toString() };
  }

  // ---- token endpoint -------------------------------------------------------------------------------------------

  private async token(request: PracticeRequest): Promise<PracticeResponse> {
    const clientError = this.authenticateClient(request, 'Token');
    if (clientError) {
      return clientError;
    }
    const form = parseForm(request);
    if (!form) {
      this.record('Token: 400 invalid_request (the body is not a form with unique parameters).');
      return oauthError(400, 'invalid_request');
    }
    if (this.consume('grant-type-mismatch')) {
      this.record('Token: 400 invalid_request (trouble: grant type mismatch).');
      return oauthError(400, 'invalid_request');
    }
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code' && form.has('code')) {
      return this.codeGrant(form);
    }
    if (grantType === 'refresh_token' && form.has('refresh_token')) {
      return this.refreshGrant(form);
    }
    if (grantType === 'client_credentials') {
      return this.clientCredentialsGrant(form);
    }
    // Rabobank answers a missing, unknown or mismatched grant type (e.g. "code") with invalid_request, where RFC 6749
    // would use unsupported_grant_type.
    this.record(
      `Token: 400 invalid_request (grant_type ${grantType === undefined ? 'missing' : 'does not fit'}).`,
    );
    return oauthError(400, 'invalid_request');
  }

  private async codeGrant(form: Form): Promise<PracticeResponse> {
    const now = this.now();
    const code = form.get('code') ?? '';
    const entry = this.codes.get(code);
    const invalid = (why: string) => {
      this.record(`Token: 400 invalid_grant (authorization code ${why}).`);
      return oauthError(400, 'invalid_grant');
    };
    if (!entry) {
      return invalid('unknown');
    }
    if (this.consume('expire-code')) {
      entry.usedAtMs ??= now;
      return invalid('expired (trouble switch)');
    }
    if (entry.usedAtMs !== undefined) {
      // A reused code may mean it was stolen: revoke what it gave (RFC 6749 §4.1.2).
      this.revokeConsentTokens(entry.consentId);
      return invalid('already used; its tokens were revoked');
    }
    entry.usedAtMs = now;
    if (entry.expiresAtMs <= now) {
      return invalid(`expired (codes live ${this.lifetimes.authorizationCodeS} s)`);
    }
    const redirectUri = form.get('redirect_uri');
    if (
      (entry.redirectUriSent !== undefined && redirectUri !== entry.redirectUriSent) ||
      (redirectUri !== undefined && redirectUri !== this.settings.redirect_uri)
    ) {
      return invalid('sent with another redirect_uri');
    }
    if (entry.codeChallenge !== undefined) {
      const verifier = form.get('code_verifier');
      if (verifier === undefined || (await s256CodeChallenge(verifier)) !== entry.codeChallenge) {
        return invalid('sent without the matching PKCE code_verifier');
      }
    }
    const consent = this.consents.get(entry.consentId);
    if (!consent || this.consentStatus(consent) !== 'valid') {
      return invalid('for a consent that is no longer valid');
    }
    this.record('Token: 200, tokens issued for an authorization code.');
    return json(200, {
      ...this.issueTokens(consent),
      metadata: `a:consentId ${consent.consentId}`,
    });
  }

  private refreshGrant(form: Form): PracticeResponse {
    const now = this.now();
    const entry = this.refreshTokens.get(form.get('refresh_token') ?? '');
    const consent = entry ? this.consents.get(entry.consentId) : undefined;
    // Rabobank answers every refresh-token problem with 401 (RFC 6749 §5.2 would say 400).
    const invalid = (why: string) => {
      this.record(`Token: 401 invalid_grant (refresh token ${why}).`);
      return oauthError(401, 'invalid_grant');
    };
    if (!entry || !consent) {
      return invalid('unknown');
    }
    if (entry.revoked) {
      return invalid('revoked');
    }
    if (entry.usedAtMs !== undefined) {
      return invalid('already used: refresh tokens are single-use');
    }
    if (entry.expiresAtMs <= now) {
      return invalid('expired');
    }
    const status = this.consentStatus(consent);
    if (status !== 'valid') {
      return invalid(`of a consent whose status is ${status}`);
    }
    entry.usedAtMs = now;
    this.record('Token: 200, tokens refreshed; the old refresh token is spent.');
    return json(200, this.issueTokens(consent));
  }

  private clientCredentialsGrant(form: Form): PracticeResponse {
    const scopes = (form.get('scope') ?? '').split(' ').filter((scope) => scope !== '');
    if (scopes.some((scope) => PRACTICE_SCOPES[scope] === undefined)) {
      this.record('Token: 400 invalid_scope (client credentials with an unknown scope).');
      return oauthError(400, 'invalid_scope');
    }
    const now = this.now();
    const accessToken = randomUrlSafeString(32);
    this.accessTokens.set(accessToken, {
      scopes,
      issuedAtMs: now,
      expiresAtMs: now + this.lifetimes.accessTokenS * 1000,
      revoked: false,
    });
    this.record('Token: 200, client-credentials token issued (no consent, no refresh token).');
    return json(200, {
      token_type: 'Bearer',
      access_token: accessToken,
      expires_in: this.lifetimes.accessTokenS,
      ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
    });
  }

  /** Issues an access token and a fresh single-use refresh token for a consent (Rabobank's response fields). */
  private issueTokens(consent: Consent): Record<string, unknown> {
    const now = this.now();
    const accessToken = randomUrlSafeString(32);
    const refreshToken = randomUrlSafeString(32);
    this.accessTokens.set(accessToken, {
      consentId: consent.consentId,
      scopes: consent.scopes,
      issuedAtMs: now,
      expiresAtMs: now + this.lifetimes.accessTokenS * 1000,
      revoked: false,
    });
    this.refreshTokens.set(refreshToken, {
      consentId: consent.consentId,
      expiresAtMs: now + this.lifetimes.refreshTokenS * 1000,
      revoked: false,
    });
    return {
      token_type: 'Bearer',
      access_token: accessToken,
      expires_in: this.lifetimes.accessTokenS,
      consented_on: Math.floor(consent.createdAtMs / 1000),
      scope: consent.scopes.join(' '),
      refresh_token: refreshToken,
      refresh_token_expires_in: this.lifetimes.refreshTokenS,
    };
  }

  // ---- revocation and introspection -----------------------------------------------------------------------------

  private revoke(request: PracticeRequest): PracticeResponse {
    const clientError = this.authenticateClient(request, 'Revocation');
    if (clientError) {
      return clientError;
    }
    const token = parseForm(request)?.get('token');
    if (!token) {
      this.record('Revocation: 400 invalid_request (no token parameter).');
      return oauthError(400, 'invalid_request');
    }
    const access = this.accessTokens.get(token);
    const refresh = this.refreshTokens.get(token);
    if (access) {
      access.revoked = true;
    }
    if (refresh) {
      // Revoking a refresh token ends the access tokens of the same grant too (RFC 7009 §2.1 allows it).
      refresh.revoked = true;
      this.revokeConsentTokens(refresh.consentId);
    }
    this.record(
      `Revocation: 200 (${access ? 'access token' : refresh ? 'refresh token' : 'unknown token, nothing to do'}).`,
    );
    return { kind: 'empty', status: 200 };
  }

  private introspect(request: PracticeRequest): PracticeResponse {
    const clientError = this.authenticateClient(request, 'Introspection');
    if (clientError) {
      return clientError;
    }
    const token = parseForm(request)?.get('token');
    if (!token) {
      return oauthError(400, 'invalid_request');
    }
    const now = this.now();
    const access = this.accessTokens.get(token);
    if (access && !access.revoked && access.expiresAtMs > now) {
      return json(200, {
        active: true,
        token_type: 'Bearer',
        client_id: this.settings.client_id,
        scope: access.scopes.join(' '),
        iat: Math.floor(access.issuedAtMs / 1000),
        exp: Math.floor(access.expiresAtMs / 1000),
        ...(access.consentId ? { consent_id: access.consentId } : {}),
      });
    }
    const refresh = this.refreshTokens.get(token);
    if (refresh && !refresh.revoked && refresh.usedAtMs === undefined && refresh.expiresAtMs > now) {
      return json(200, {
        active: true,
        token_type: 'refresh_token',
        client_id: this.settings.client_id,
        exp: Math.floor(refresh.expiresAtMs / 1000),
        consent_id: refresh.consentId,
      });
    }
    return json(200, { active: false });
  }

  // ---- consent details and the sample API -----------------------------------------------------------------------

  private consentDetails(request: PracticeRequest, consentId: string): PracticeResponse {
    // The Consent Details API is read with an access token of the consent's client, or with the client's own
    // credentials (as the Premium client does), so a consent can be checked after its tokens died.
    const bearer = this.bearerToken(request);
    const clientOk = bearer === undefined && this.clientCredentialsValid(request);
    if (!clientOk && !bearer) {
      this.record('Consent details: 401 gateway body (no valid access token or client credentials).');
      return json(401, GATEWAY_UNAUTHORIZED_BODY);
    }
    const consent = this.consents.get(consentId);
    if (!consent) {
      this.record('Consent details: 404 (unknown consent id).');
      return json(404, { httpCode: '404', httpMessage: 'Not Found', moreInformation: 'Consent not found' });
    }
    const status = this.consentStatus(consent);
    const validUntil = new Date(consent.validUntilMs).toISOString().slice(0, 10);
    const access: Record<string, unknown[]> = {};
    for (const scope of consent.scopes.filter((s) => s !== ALWAYS_GRANTED_SCOPE)) {
      access[scope] = PRACTICE_ACCOUNTS.map((account) => ({
        iban: account.iban,
        currency: 'EUR',
        status,
        validUntil,
      }));
    }
    this.record(`Consent details: 200, consent ${consentId} is ${status}.`);
    return json(200, { consentId, access });
  }

  private accounts(request: PracticeRequest): PracticeResponse {
    const bearer = this.bearerToken(request);
    if (!bearer) {
      this.record('Accounts: 401 gateway body (missing, invalid or expired access token).');
      return json(401, GATEWAY_UNAUTHORIZED_BODY);
    }
    const consent = bearer.consentId === undefined ? undefined : this.consents.get(bearer.consentId);
    if (!consent || this.consentStatus(consent) !== 'valid') {
      this.record(
        `Accounts: 403 Forbidden (${consent ? `consent is ${this.consentStatus(consent)}` : 'no consent behind the token'}).`,
      );
      return json(403, GATEWAY_FORBIDDEN_BODY);
    }
    if (!bearer.scopes.some(isAccountInformationScope)) {
      this.record('Accounts: 403 Forbidden (the token has no ais.* scope).');
      return json(403, GATEWAY_FORBIDDEN_BODY);
    }
    this.record('Accounts: 200.');
    return json(200, {
      accounts: PRACTICE_ACCOUNTS.map((account) => ({ ...account, currency: 'EUR', status: 'enabled' })),
    });
  }

  // ---- the server's own page and endpoints ----------------------------------------------------------------------

  private home(): PracticeResponse {
    return {
      kind: 'page',
      status: 200,
      page: {
        name: 'home',
        endpoints: this.endpoints,
        troubles: PRACTICE_TROUBLES.map((trouble) => ({ trouble, armed: this.armed.has(trouble.id) })),
        summary: this.summary(),
        events: [...this.events].reverse(),
      },
    };
  }

  private metadata(): PracticeResponse {
    const e = this.endpoints;
    // RFC 8414 metadata, so generic OAuth clients can discover the practice server.
    return json(200, {
      issuer: e.issuer,
      authorization_endpoint: e.authorization_endpoint,
      token_endpoint: e.token_endpoint,
      revocation_endpoint: e.revocation_endpoint,
      introspection_endpoint: e.introspection_endpoint,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: Object.keys(PRACTICE_SCOPES),
    });
  }

  private troubleRequest(request: PracticeRequest): PracticeResponse {
    if (!this.sameOrigin(request)) {
      return forbiddenPage();
    }
    const fromForm = isFormRequest(request);
    let id: string | undefined;
    let clear: boolean;
    if (fromForm) {
      const form = parseForm(request);
      id = form?.get('trouble');
      clear = form?.get('clear') !== undefined;
    } else {
      const body = parseJsonObject(request.body);
      id = typeof body?.trouble === 'string' ? body.trouble : undefined;
      clear = body?.clear === true;
    }
    if (clear) {
      this.clearTroubles();
    } else {
      try {
        this.setTrouble(id ?? '');
      } catch (err) {
        if (err instanceof UnknownPracticeTroubleError) {
          return json(400, { error: 'unknown_trouble', known: PRACTICE_TROUBLES.map((t) => t.id) });
        }
        throw err;
      }
    }
    return fromForm
      ? { kind: 'redirect', status: 303, location: PRACTICE_PATHS.home }
      : json(200, this.troubleState());
  }

  private resetRequest(request: PracticeRequest): PracticeResponse {
    if (!this.sameOrigin(request)) {
      return forbiddenPage();
    }
    this.reset();
    return isFormRequest(request)
      ? { kind: 'redirect', status: 303, location: PRACTICE_PATHS.home }
      : json(200, this.troubleState());
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  /**
   * Client authentication with HTTP Basic, each part form-urlencoded before base64 (RFC 6749 §2.3.1). Returns the
   * 401 invalid_client answer when it fails or the `wrong-client` trouble is armed.
   */
  private authenticateClient(request: PracticeRequest, where: string): PracticeResponse | undefined {
    if (!this.clientCredentialsValid(request)) {
      this.record(`${where}: 401 invalid_client (missing or wrong Basic client credentials).`);
      return oauthError(401, 'invalid_client');
    }
    if (this.consume('wrong-client')) {
      this.record(`${where}: 401 invalid_client (trouble: wrong client secret).`);
      return oauthError(401, 'invalid_client');
    }
    return undefined;
  }

  private clientCredentialsValid(request: PracticeRequest): boolean {
    const credentials = parseBasicAuthorization(request.headers.authorization);
    return (
      credentials !== undefined &&
      credentials.id === this.settings.client_id &&
      credentials.secret === this.settings.client_secret
    );
  }

  /** The live access token in `Authorization: Bearer …`, or `undefined` when it is missing, unknown, expired or revoked. */
  private bearerToken(request: PracticeRequest): AccessToken | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const token = match ? this.accessTokens.get(match[1]) : undefined;
    return token && !token.revoked && token.expiresAtMs > this.now() ? token : undefined;
  }

  private consentStatus(consent: Consent): ConsentStatus {
    return consent.forcedStatus ?? (consent.validUntilMs <= this.now() ? 'expired' : 'valid');
  }

  private forceConsentStatus(status: ConsentStatus): void {
    for (const consent of this.consents.values()) {
      consent.forcedStatus = status;
    }
  }

  private revokeConsentTokens(consentId: string): void {
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

  private consume(id: PracticeTroubleId): boolean {
    return this.armed.delete(id);
  }

  /** A browser sends `Origin` on form posts; refuse posts from other sites so a web page cannot flip switches. */
  private sameOrigin(request: PracticeRequest): boolean {
    const origin = request.headers.origin;
    return origin === undefined || origin === this.origin;
  }

  private summary(): PracticeSummary {
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

  private record(text: string): void {
    this.events.push({ atMs: this.now(), text });
    if (this.events.length > MAX_EVENTS) {
      this.events = this.events.slice(-MAX_EVENTS);
    }
  }
}

function forbiddenPage(): PracticeResponse {
  return {
    kind: 'page',
    status: 403,
    page: {
      name: 'message',
      title: 'Refused',
      text: 'The practice server accepts this form only from its own pages.',
    },
  };
}

function isFormRequest(request: PracticeRequest): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '');
}

/** The form body, or `undefined` when the body is not a form or repeats a parameter (RFC 6749 §3.2). */
function parseForm(request: PracticeRequest): Form | undefined {
  if (!isFormRequest(request)) {
    return undefined;
  }
  const form: Form = new Map();
  for (const [name, value] of new URLSearchParams(request.body)) {
    if (form.has(name)) {
      return undefined;
    }
    form.set(name, value);
  }
  return form;
}

/** Decodes `Basic base64(urlencode(id):urlencode(secret))`; `undefined` for anything else. */
export function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) {
    return undefined;
  }
  let decoded: string;
  try {
    decoded = atob(match[1]);
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return undefined;
  }
  const formDecode = (value: string) => {
    try {
      return decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  };
  const id = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  return id === undefined || secret === undefined ? undefined : { id, secret };
}

/** `decodeURIComponent`, or `undefined` for a malformed escape (which would otherwise throw). */
function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
