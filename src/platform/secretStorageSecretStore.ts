import * as vscode from 'vscode';
import { SecretStore } from '../core/profiles/secretStore';
import { Disposable } from './dispose';

const PREFIX = 'oauthWorkbench.clientSecret/';

/**
 * The {@link SecretStore} port over VS Code's SecretStorage (the OS keychain). Failures of the keychain propagate:
 * a broken keychain must not look like "no secret set".
 */
export class SecretStorageSecretStore extends Disposable implements SecretStore {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<string>());
  /** Fires with the profile id whose secret changed, also when another window changed it. */
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this._register(
      secrets.onDidChange((e) => {
        if (e.key.startsWith(PREFIX)) {
          this._onDidChange.fire(e.key.slice(PREFIX.length));
        }
      }),
    );
  }

  async getClientSecret(profileId: string): Promise<string | undefined> {
    return (await this.secrets.get(PREFIX + profileId)) || undefined;
  }

  async setClientSecret(profileId: string, secret: string): Promise<void> {
    await this.secrets.store(PREFIX + profileId, secret);
  }

  async deleteClientSecret(profileId: string): Promise<void> {
    await this.secrets.delete(PREFIX + profileId);
  }

  /** The SecretStorage key of a profile's secret; for tests that check what is stored. */
  static keyOf(profileId: string): string {
    return PREFIX + profileId;
  }
}
