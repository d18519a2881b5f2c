import type { KnowledgeActionKind } from '../core/knowledge/knowledgeEntry';
import type { ClientProfile } from '../core/profiles/clientProfile';

/** What the user was doing when it failed, for the message and the actions offered. */
export type FailedOperation = 'signIn' | 'refresh' | 'revoke' | 'checkConsent';

/** A failure explained with the error knowledge base: what the notification said, and the entry it came from. */
export interface FailureReport {
  /** The engine's stable error code, e.g. `OAUTH_RESPONSE`. */
  readonly code?: string;
  /** The knowledge-base id, e.g. `oauth.token.invalid_client`. */
  readonly catalogId?: string;
  readonly title?: string;
  readonly cause?: string;
  readonly fix?: string;
  /** The whole notification text (never a secret: built from engine messages and the knowledge base). */
  readonly message: string;
}

/** How the error boundary treats an {@link OperationFailedError} beyond explaining it. */
export interface OperationFailureOptions {
  /** The argument "Retry" runs the same command with; default `{ profileId }`. */
  readonly retryArgs?: unknown;
  /** Actions this operation suggests whatever the error (a failed refresh: sign in again, check the consent). */
  readonly actions?: readonly KnowledgeActionKind[];
  /** What the command resolves to for programmatic callers; default a failed `OperationResult`. */
  readonly resultOf?: (report: FailureReport) => unknown;
}

/**
 * Thrown by a command whose OAuth operation on a profile failed. The error boundary (`runCommand.ts`) explains the
 * cause with the knowledge base, records it on the profile, and offers Retry plus the actions the catalog names.
 */
export class OperationFailedError extends Error {
  readonly code = 'OPERATION_FAILED';

  constructor(
    readonly operation: FailedOperation,
    readonly profile: ClientProfile,
    cause: unknown,
    readonly options: OperationFailureOptions = {},
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'OperationFailedError';
  }
}
