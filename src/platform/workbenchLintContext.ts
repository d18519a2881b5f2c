import * as vscode from 'vscode';
import { KnownToken, LintContext, lintProfileOf } from '../core/httpFile/lintContext';
import { tokenFingerprint } from '../core/tokens/tokenFingerprint';
import { TokenSet } from '../core/tokens/tokenSet';
import { Disposable } from './dispose';
import { SecretStorageSecretStore } from './secretStorageSecretStore';
import { SecretStorageTokenVault } from './secretStorageTokenVault';
import { WorkspaceProfileRepository } from './workspaceProfileRepository';

/**
 * What the `.http` lints may know from the token explorer, kept as a synchronous snapshot (lints run on every edit):
 * the profiles, the access tokens held (to say a pasted token expired, or lacks a scope) and which older tokens they
 * replaced (for the quick fix that puts the profile's token variable in place of an expired token), and each
 * profile's client secret to tell a Basic header with another secret (never shown, never inserted). Loaded from
 * SecretStorage on first use, not at activation.
 */
export class WorkbenchLintContext extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires when profiles or tokens changed, so documents are linted again. */
  readonly onDidChange = this._onDidChange.event;
  private readonly tokenSets = new Map<string, TokenSet>();
  private readonly secrets = new Map<string, string>();
  /** Fingerprint of a replaced access token → the profile that now holds a newer one. */
  private readonly replaced = new Map<string, string>();
  private loading: Promise<void> | undefined;

  constructor(
    private readonly profiles: WorkspaceProfileRepository,
    private readonly vault: SecretStorageTokenVault,
    private readonly secretStore: SecretStorageSecretStore,
  ) {
    super();
    this._register(profiles.onDidChange(() => void this.reload()));
    this._register(vault.onDidChange((id) => void this.reloadOne(id)));
    this._register(secretStore.onDidChange((id) => void this.reloadOne(id)));
  }

  /** The facts as of now; the first call starts loading the tokens and fires `onDidChange` when they are in. */
  current(): LintContext {
    this.loading ??= this.reload();
    const profiles = this.profiles.list();
    return {
      profiles: profiles.map((profile) => lintProfileOf(profile, this.secrets.get(profile.id))),
      findToken: (accessToken) => this.findToken(accessToken),
      // Only a token this window held and replaced names its profile; claims inside a token never do.
      freshTokenProfile: (accessToken) => this.replaced.get(tokenFingerprint(accessToken)),
    };
  }

  private findToken(accessToken: string): KnownToken | undefined {
    for (const [profileId, tokenSet] of this.tokenSets) {
      if (tokenSet.access_token === accessToken) {
        return {
          profileId,
          profileName: this.profiles.get(profileId)?.label ?? profileId,
          expiresAt: tokenSet.expires_at ? Date.parse(tokenSet.expires_at) : undefined,
          scopes: tokenSet.scope?.split(/\s+/).filter(Boolean),
        };
      }
    }
    return undefined;
  }

  private async reload(): Promise<void> {
    const ids = this.profiles.list().map((p) => p.id);
    for (const id of [...this.tokenSets.keys(), ...this.secrets.keys()]) {
      if (!ids.includes(id)) {
        this.tokenSets.delete(id);
        this.secrets.delete(id);
      }
    }
    await Promise.all(ids.map((id) => this.load(id)));
    this._onDidChange.fire();
  }

  private async reloadOne(profileId: string): Promise<void> {
    if (this.loading) {
      await this.load(profileId);
      this._onDidChange.fire();
    }
  }

  private async load(profileId: string): Promise<void> {
    // A keychain that cannot be read only means the lints know less; the tree reports the failure.
    const [next, secret] = await Promise.all([
      this.vault.load(profileId).catch(() => undefined),
      this.secretStore.getClientSecret(profileId).catch(() => undefined),
    ]);
    if (secret) {
      this.secrets.set(profileId, secret);
    } else {
      this.secrets.delete(profileId);
    }
    const previous = this.tokenSets.get(profileId);
    if (previous && next && previous.access_token !== next.access_token) {
      this.replaced.set(tokenFingerprint(previous.access_token), profileId);
    }
    if (next) {
      this.tokenSets.set(profileId, next);
    } else {
      this.tokenSets.delete(profileId);
    }
  }
}
