import * as vscode from 'vscode';
import { WalkthroughContextKeys } from '../constants';
import { Disposable } from '../platform/dispose';
import type { SecretStorageSecretStore } from '../platform/secretStorageSecretStore';
import type { SecretStorageTokenVault } from '../platform/secretStorageTokenVault';
import type { WorkspaceProfileRepository } from '../platform/workspaceProfileRepository';
import type { PracticeServerController } from './practiceServerController';

export type WalkthroughStep = keyof typeof WalkthroughContextKeys;

/**
 * Ticks the walkthrough's steps from what really happened, not from a command being invoked (a command can fail or
 * be cancelled): a profile saved in settings, a client secret in SecretStorage, a token set in the vault, a practice
 * server running or found. Each fact sets a context key that a step's `completionEvents` names (`onContext:…`).
 * A step once done stays done for the window, as VS Code keeps it ticked anyway.
 */
export class WalkthroughProgress extends Disposable {
  private readonly done = new Set<WalkthroughStep>();
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly parts: {
      readonly profiles: WorkspaceProfileRepository;
      readonly secretStore: SecretStorageSecretStore;
      readonly vault: SecretStorageTokenVault;
      readonly practice: PracticeServerController;
      readonly log: vscode.LogOutputChannel;
    },
  ) {
    super();
    const refresh = (): void => void this.refresh();
    this._register(parts.profiles.onDidChange(refresh));
    this._register(parts.secretStore.onDidChange(refresh));
    this._register(parts.vault.onDidChange(refresh));
    this._register(parts.practice.onDidChange(refresh));
    refresh();
  }

  /** The steps ticked so far (after the checks queued until now have run). */
  async completed(): Promise<readonly WalkthroughStep[]> {
    await this.pending;
    return [...this.done];
  }

  /** Checks every fact again; checks run one after another so a slow keychain cannot reorder them. */
  refresh(): Promise<void> {
    this.pending = this.pending
      .then(() => this.check())
      .catch((err: unknown) => {
        this.parts.log.warn(`Walkthrough progress could not be checked: ${(err as Error).message}`);
      });
    return this.pending;
  }

  private async check(): Promise<void> {
    const { profiles, secretStore, vault, practice } = this.parts;
    const all = profiles.list();
    await this.mark('profileAdded', profiles.ownProfiles().length > 0);
    await this.mark('practiceStarted', practice.endpoints !== undefined);
    await this.mark(
      'secretStored',
      await someAsync(all, async (p) => (await secretStore.getClientSecret(p.id)) !== undefined),
    );
    await this.mark(
      'signedIn',
      await someAsync(all, async (p) => (await vault.load(p.id).catch(() => undefined)) !== undefined),
    );
  }

  private async mark(step: WalkthroughStep, fact: boolean): Promise<void> {
    if (!fact || this.done.has(step)) {
      return;
    }
    this.done.add(step);
    await vscode.commands.executeCommand('setContext', WalkthroughContextKeys[step], true);
  }
}

async function someAsync<T>(items: readonly T[], test: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) {
    if (await test(item)) {
      return true;
    }
  }
  return false;
}
