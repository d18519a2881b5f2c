import { redactSecrets } from './redactSecrets';

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
