/**
 * Port for logging, shaped like VS Code's `LogOutputChannel` so that one can be passed as is. Messages must never
 * carry a secret or a token: the engine logs through {@link RedactingLogger}.
 */
export interface OAuthLogger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that writes nowhere, for callers that do not log. */
export const silentLogger: OAuthLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const MASK = '«redacted»';

// Parameter and JSON member names whose values are secret wherever they show up in a URL, form body or JSON text.
const SECRET_NAMES = [
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'code',
  'code_verifier',
  'client_secret',
  'client_assertion',
  'state',
];
const FORM_SECRET = new RegExp(`([?&#](?:${SECRET_NAMES.join('|')})=)[^&#\\s"']*`, 'g');
const JSON_SECRET = new RegExp(`("(?:${SECRET_NAMES.join('|')})"\\s*:\\s*")[^"]*`, 'g');
const AUTH_HEADER = /\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/g;

/**
 * Removes secrets from a line of text: every value registered with {@link RedactingLogger.addSecret}, plus token-like
 * parameters (`code=`, `"access_token":"…"`) and Basic/Bearer credentials.
 */
export function redactSecrets(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) {
      out = out.split(secret).join(MASK);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) {
        out = out.split(encoded).join(MASK);
      }
    }
  }
  return out
    .replace(FORM_SECRET, `$1${MASK}`)
    .replace(JSON_SECRET, `$1${MASK}`)
    .replace(AUTH_HEADER, `$1 ${MASK}`);
}

/** Wraps a logger so that nothing secret reaches it, even when a caller slips. */
export class RedactingLogger implements OAuthLogger {
  private readonly secrets = new Set<string>();

  constructor(private readonly inner: OAuthLogger = silentLogger) {}

  /** Registers a value (client secret, token, code) to mask from now on. */
  addSecret(value: string | undefined): void {
    if (value) {
      this.secrets.add(value);
    }
  }

  trace(message: string): void {
    this.inner.trace(redactSecrets(message, this.secrets));
  }

  debug(message: string): void {
    this.inner.debug(redactSecrets(message, this.secrets));
  }

  info(message: string): void {
    this.inner.info(redactSecrets(message, this.secrets));
  }

  warn(message: string): void {
    this.inner.warn(redactSecrets(message, this.secrets));
  }

  error(message: string): void {
    this.inner.error(redactSecrets(message, this.secrets));
  }
}
