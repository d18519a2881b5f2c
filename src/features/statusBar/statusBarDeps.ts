import type { WorkspaceProfileRepository } from '../../platform/workspaceProfileRepository';
import type { ProfileStatusStore } from '../../platform/profileStatusStore';
import type { SecretStorageTokenVault } from '../../platform/secretStorageTokenVault';
import type { CommandContext } from '../../platform/runCommand';

/** What the status bar item may use of the services `activate()` builds, and nothing more. */
export interface StatusBarDeps extends CommandContext {
  readonly profiles: Pick<WorkspaceProfileRepository, 'list' | 'onDidChange'>;
  readonly status: Pick<
    ProfileStatusStore,
    'activeProfileId' | 'setActiveProfile' | 'onDidChange' | 'recordFailure' | 'problemOf'
  >;
  readonly vault: Pick<SecretStorageTokenVault, 'load' | 'onDidChange'>;
}
