import type { WorkspaceProfileRepository } from '../../platform/workspaceProfileRepository';
import type { ProfileStatusStore } from '../../platform/profileStatusStore';
import type { SecretStorageSecretStore } from '../../platform/secretStorageSecretStore';
import type { SecretStorageTokenVault } from '../../platform/secretStorageTokenVault';
import type { CommandContext } from '../../platform/runCommand';

/** What the tokens view may use of the services `activate()` builds, and nothing more. */
export interface TokensViewDeps extends CommandContext {
  readonly profiles: Pick<WorkspaceProfileRepository, 'get' | 'list' | 'invalidEntries' | 'onDidChange'>;
  readonly secretStore: Pick<SecretStorageSecretStore, 'getClientSecret' | 'onDidChange'>;
  readonly status: Pick<
    ProfileStatusStore,
    'failureOf' | 'problemOf' | 'onDidChange' | 'recordFailure' | 'consentOf'
  >;
  readonly vault: Pick<SecretStorageTokenVault, 'load' | 'onDidChange'>;
}
