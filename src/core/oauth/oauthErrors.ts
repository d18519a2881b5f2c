/**
 * Typed errors of the OAuth engine. Callers branch on `code` (stable strings, never message text); messages are plain
 * sentences meant for a user and never contain a secret or a token. Each message and fix is built as a `LocalText`:
 * `message` and `fix` hold its English (the CLI and the log), `text` and `fixText` the sentence a UI renders in the
 * user's language.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
import { asLocalText, type LocalText, renderText, type UserText } from '../text/localText';

/** Codes for transport failures and for responses that are not the JSON an OAuth endpoint should send. */
export type HttpErrorCode =
  | 'HTTP_TIMEOUT'
  | 'HTTP_CONNECTION_REFUSED'
  | 'HTTP_TLS'
  | 'HTTP_PROXY'
  | 'HTTP_NETWORK'
  | 'HTTP_SERVER_ERROR'
  | 'HTTP_GATEWAY_ERROR'
  | 'HTTP_UNEXPECTED_RESPONSE';

/** Codes for the loopback / paste-back part of sign-in. */
export type FlowErrorCode =
  | 'FLOW_TIMEOUT'
  | 'FLOW_CANCELLED'
  | 'PORT_IN_USE'
  | 'LOOPBACK_BIND_FAILED'
  | 'REDIRECT_URI_NOT_SERVABLE'
  | 'STATE_MISMATCH'
  | 'ISSUER_MISMATCH'
  | 'NONCE_MISMATCH'
  | 'CALLBACK_INVALID';

/** Codes for profile, secret and stored-token problems found before any request. */
export type ProfileErrorCode =
  | 'PROFILE_INVALID'
  | 'CLIENT_SECRET_MISSING'
  | 'NOT_SIGNED_IN'
  | 'NO_REFRESH_TOKEN'
  | 'REFRESH_TOKEN_EXPIRED'
  | 'ENDPOINT_MISSING'
  | 'DISCOVERY_FAILED';

/**
 * Every stable code the engine throws; the VS Code layer and the CLI map these to messages and actions.
 * `OAUTH_RESPONSE`: an OAuth error body from an endpoint; `OAUTH_AUTHORIZATION_RESPONSE`: an `error=` redirect;
 * `AUTHORIZATION_CODE_EXPIRED`: a refused code whose lifetime (Rabobank: 5 minutes) had passed;
 * `REFRESH_OUTCOME_UNKNOWN`: a refresh request may have reached the server but no usable answer came back.
 */
export type OAuthErrorCode =
  | 'OAUTH_RESPONSE'
  | 'OAUTH_AUTHORIZATION_RESPONSE'
  | 'AUTHORIZATION_CODE_EXPIRED'
  | 'REFRESH_OUTCOME_UNKNOWN'
  | HttpErrorCode
  | FlowErrorCode
  | ProfileErrorCode;

/** Optional details carried by every engine error so that a boundary can explain it without parsing text. */
export interface OAuthErrorDetails {
  readonly cause?: unknown;
  /** HTTP status of the response that caused the error, when there was one. */
  readonly status?: number;
  /** OAuth `error` value (RFC 6749 §5.2 / §4.1.2.1), or a gateway's `httpMessage`. */
  readonly error?: string;
  /** OAuth `error_description`, or a gateway's `moreInformation`. */
  readonly error_description?: string;
  /** Id of the matching entry in the error knowledge base, e.g. `rabobank.token.invalid-refresh-token`. */
  readonly catalogId?: string;
  /** One plain sentence saying what to do about it. */
  readonly fix?: UserText;
  /** The `WWW-Authenticate` response header, when the server sent one. */
  readonly wwwAuthenticate?: string;
}

/** Base class of every error the engine throws on purpose: has a stable `code`, the original in `cause`. */
export class OAuthWorkbenchError extends Error {
  public readonly status?: number;
  public readonly error?: string;
  public readonly error_description?: string;
  public readonly catalogId?: string;
  /** The fix in English. */
  public readonly fix?: string;
  public readonly wwwAuthenticate?: string;
  /** The message as a sentence to render in the user's language (`message` is its English). */
  public readonly text: LocalText;
  /** The fix as a sentence to render in the user's language (`fix` is its English). */
  public readonly fixText?: LocalText;

  constructor(
    public readonly code: OAuthErrorCode,
    message: UserText,
    details: OAuthErrorDetails = {},
  ) {
    const text = asLocalText(message);
    super(renderText(text), details.cause === undefined ? undefined : { cause: details.cause });
    this.text = text;
    this.fixText = details.fix === undefined ? undefined : asLocalText(details.fix);
    this.name = 'OAuthWorkbenchError';
    this.status = details.status;
    this.error = details.error;
    this.error_description = details.error_description;
    this.catalogId = details.catalogId;
    this.fix = this.fixText && renderText(this.fixText);
    this.wwwAuthenticate = details.wwwAuthenticate;
  }
}

/** An OAuth error body from the token, revocation or introspection endpoint. @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2 */
export class OAuthResponseError extends OAuthWorkbenchError {
  constructor(
    message: UserText,
    details: OAuthErrorDetails,
    code: 'OAUTH_RESPONSE' | 'AUTHORIZATION_CODE_EXPIRED' = 'OAUTH_RESPONSE',
  ) {
    super(code, message, details);
    this.name = 'OAuthResponseError';
  }
}

/**
 * The same OAuth error told with more context and another fix, keeping its status, OAuth fields and catalog id; the
 * original becomes `cause`.
 */
export function retoldOAuthError(
  err: OAuthResponseError,
  message: UserText,
  fix: UserText,
  code: 'OAUTH_RESPONSE' | 'AUTHORIZATION_CODE_EXPIRED' = 'OAUTH_RESPONSE',
): OAuthResponseError {
  return new OAuthResponseError(
    message,
    {
      cause: err,
      status: err.status,
      error: err.error,
      error_description: err.error_description,
      catalogId: err.catalogId,
      wwwAuthenticate: err.wwwAuthenticate,
      fix,
    },
    code,
  );
}

/** The authorization server sent the browser back with `error=`. @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1 */
export class AuthorizationResponseError extends OAuthWorkbenchError {
  constructor(message: UserText, details: OAuthErrorDetails) {
    super('OAUTH_AUTHORIZATION_RESPONSE', message, details);
    this.name = 'AuthorizationResponseError';
  }
}

/** A transport failure or a response that is not the JSON an OAuth endpoint should send (HTML, 5xx, gateway body). */
export class HttpRequestError extends OAuthWorkbenchError {
  constructor(code: HttpErrorCode, message: UserText, details: OAuthErrorDetails = {}) {
    super(code, message, details);
    this.name = 'HttpRequestError';
  }
}

/** The interactive part of sign-in failed: timeout, cancellation, a busy port, a forged or foreign callback. */
export class AuthorizationFlowError extends OAuthWorkbenchError {
  constructor(code: FlowErrorCode, message: UserText, details: OAuthErrorDetails = {}) {
    super(code, message, details);
    this.name = 'AuthorizationFlowError';
  }
}

/**
 * A refresh whose outcome is unknown: the request may have reached the token endpoint (a timeout, a connection reset,
 * a 5xx from a gateway, a garbled 200), so a server with single-use refresh tokens may have used it up. The stored
 * refresh token is kept and marked as possibly spent (`TokenSet.refresh_attempted_at`); the transport error is `cause`.
 */
export class RefreshOutcomeUnknownError extends OAuthWorkbenchError {
  constructor(message: UserText, details: OAuthErrorDetails) {
    super('REFRESH_OUTCOME_UNKNOWN', message, details);
    this.name = 'RefreshOutcomeUnknownError';
  }
}

/** A problem with the profile, its secret or its stored tokens that stops an operation before any request. */
export class ProfileStateError extends OAuthWorkbenchError {
  constructor(code: ProfileErrorCode, message: UserText, details: OAuthErrorDetails = {}) {
    super(code, message, details);
    this.name = 'ProfileStateError';
  }
}

/** Type guard for engine errors, optionally narrowed to one code, so callers branch on `code`, not on text. */
export function isOAuthWorkbenchError(err: unknown, code?: OAuthErrorCode): err is OAuthWorkbenchError {
  return err instanceof OAuthWorkbenchError && (code === undefined || err.code === code);
}

/** True for the errors that mean "the user or the caller stopped it", which a UI should not report as failures. */
export function isCancellation(err: unknown): boolean {
  return isOAuthWorkbenchError(err, 'FLOW_CANCELLED');
}
