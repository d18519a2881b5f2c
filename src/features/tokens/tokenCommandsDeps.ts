import type { WorkspaceProfileRepository } from '../../platform/workspaceProfileRepository';
import type { ProfileStatusStore } from '../../platform/profileStatusStore';
import type { SecretStorageTokenVault } from '../../platform/secretStorageTokenVault';
import type { OAuthEngine } from '../../platform/oauthEngine';
import type { CommandContext } from '../../platform/runCommand';
import type { ProfilePickerDeps } from '../../platform/resolveProfile';

/** What the token commands may use of the services `activate()` builds, and nothing more. */
export interface TokenCommandsDeps extends CommandContext, ProfilePickerDeps {
  readonly profiles: Pick<WorkspaceProfileRepository, 'get' | 'list' | 'onDidChange'>;
  readonly status: Pick<
    ProfileStatusStore,
    'activeProfileId' | 'recordFailure' | 'problemOf' | 'onDidChange'
  >;
  readonly vault: Pick<SecretStorageTokenVault, 'load' | 'onDidChange'>;
  readonly engine: Pick<OAuthEngine, 'tokenManager'>;
}
