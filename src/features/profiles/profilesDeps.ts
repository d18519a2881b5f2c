import type { WorkspaceProfileRepository } from '../../platform/workspaceProfileRepository';
import type { ProfileStatusStore } from '../../platform/profileStatusStore';
import type { SecretStorageSecretStore } from '../../platform/secretStorageSecretStore';
import type { OAuthEngine } from '../../platform/oauthEngine';
import type { CommandContext } from '../../platform/runCommand';

/** What the profile commands may use of the services `activate()` builds, and nothing more. */
export interface ProfilesDeps extends CommandContext {
  readonly profiles: Pick<
    WorkspaceProfileRepository,
    'get' | 'list' | 'invalidEntries' | 'save' | 'remove' | 'onDidChange'
  >;
  readonly secretStore: Pick<SecretStorageSecretStore, 'setClientSecret' | 'deleteClientSecret'>;
  readonly status: Pick<
    ProfileStatusStore,
    'activeProfileId' | 'setActiveProfile' | 'clearFailure' | 'recordFailure' | 'noteAnswer'
  >;
  readonly engine: Pick<OAuthEngine, 'httpClientFor' | 'tokenManager'>;
}
