import * as vscode from 'vscode';
import { SecretStore } from '../core/profiles/secretStore';
import { SecretStorageKeyspace } from './secretStorageKeyspace';

const PREFIX = 'oauthWorkbench.clientSecret/';

/**
 * The {@link SecretStore} port over VS Code's SecretStorage (the OS keychain). Failures of the keychain propagate:
 * a broken keychain must not look like "no secret set".
 */
export class SecretStorageSecretStore extends SecretStorageKeyspace implements SecretStore {
  constructor(secrets: vscode.SecretStorage) {
    super(secrets, PREFIX);
  }

  getClientSecret(profileId: string): Promise<string | undefined> {
    return this.read(profileId);
  }

  setClientSecret(profileId: string, secret: string): Promise<void> {
    return this.write(profileId, secret);
  }

  deleteClientSecret(profileId: string): Promise<void> {
    return this.remove(profileId);
  }

  /** The SecretStorage key of a profile's secret; for tests that check what is stored. */
  static keyOf(profileId: string): string {
    return PREFIX + profileId;
  }
}
