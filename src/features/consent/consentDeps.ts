import type { ProfileStatusStore } from '../../platform/profileStatusStore';
import type { SecretStorageSecretStore } from '../../platform/secretStorageSecretStore';
import type { SecretStorageTokenVault } from '../../platform/secretStorageTokenVault';
import type { OAuthEngine } from '../../platform/oauthEngine';
import type { CommandContext } from '../../platform/runCommand';
import type { ProfilePickerDeps } from '../../platform/resolveProfile';

/** What the consent check may use of the services `activate()` builds, and nothing more. */
export interface ConsentDeps extends CommandContext, ProfilePickerDeps {
  readonly secretStore: Pick<SecretStorageSecretStore, 'getClientSecret'>;
  readonly vault: Pick<SecretStorageTokenVault, 'load'>;
  readonly status: Pick<
    ProfileStatusStore,
    'activeProfileId' | 'recordFailure' | 'noteAnswer' | 'recordConsent'
  >;
  readonly engine: Pick<OAuthEngine, 'httpClientFor' | 'tokenManager'>;
}
