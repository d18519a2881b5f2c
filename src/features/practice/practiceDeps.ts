import type { SecretStorageSecretStore } from '../../platform/secretStorageSecretStore';
import type { CommandContext } from '../../platform/runCommand';

/** What practice mode may use of the services `activate()` builds, and nothing more. */
export interface PracticeDeps extends CommandContext {
  readonly secretStore: Pick<SecretStorageSecretStore, 'getClientSecret' | 'setClientSecret'>;
}
