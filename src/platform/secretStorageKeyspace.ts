import * as vscode from 'vscode';
import { Disposable } from './dispose';

/**
 * One family of SecretStorage entries, one per profile, under a key prefix (`oauthWorkbench.tokens/<profileId>`):
 * the shared part of the secret store and the token vault. Failures of the keychain propagate to the caller.
 */
export abstract class SecretStorageKeyspace extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<string>());
  /** Fires with the profile id whose entry changed, also when another window changed it. */
  readonly onDidChange = this._onDidChange.event;

  constructor(
    protected readonly secrets: vscode.SecretStorage,
    private readonly prefix: string,
  ) {
    super();
    this._register(
      secrets.onDidChange((e) => {
        if (e.key.startsWith(prefix)) {
          this._onDidChange.fire(e.key.slice(prefix.length));
        }
      }),
    );
  }

  protected async read(profileId: string): Promise<string | undefined> {
    return (await this.secrets.get(this.prefix + profileId)) || undefined;
  }

  protected async write(profileId: string, value: string): Promise<void> {
    await this.secrets.store(this.prefix + profileId, value);
  }

  protected async remove(profileId: string): Promise<void> {
    await this.secrets.delete(this.prefix + profileId);
  }
}
