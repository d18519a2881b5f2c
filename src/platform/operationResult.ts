import type { FailureReport } from './operationFailedError';

/**
 * What the sign-in, refresh and revoke commands resolve to (never a token). Shared by the commands and the features
 * that run them (the authentication provider), and read by tests.
 */
export interface OperationResult {
  readonly ok: boolean;
  readonly profileId: string;
  readonly expiresAt?: string;
  readonly failure?: FailureReport;
}
