import * as vscode from 'vscode';
import type { ConsentCheckSummary } from '../core/consent/consentSummary';
import { Disposable } from './dispose';

const ACTIVE_PROFILE_KEY = 'oauthWorkbench.activeProfile';

/** The last failure of a profile, in words fit for a tree tooltip (never a secret). */
export interface ProfileFailure {
  readonly message: string;
  readonly catalogId?: string;
  /** Epoch ms. */
  readonly at: number;
}

/**
 * What the window remembers about profiles beyond settings and tokens: the last failure of each (shown as the
 * "error" state in the tree) and which profile is active (the status bar's). Failures live in memory only.
 */
export class ProfileStatusStore extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<string | undefined>());
  /** Fires with the profile id whose status changed, or `undefined` when the active profile changed. */
  readonly onDidChange = this._onDidChange.event;
  private readonly failures = new Map<string, ProfileFailure>();
  private readonly consents = new Map<string, ConsentCheckSummary>();

  constructor(private readonly memento: vscode.Memento) {
    super();
  }

  failureOf(profileId: string): ProfileFailure | undefined {
    return this.failures.get(profileId);
  }

  recordFailure(profileId: string, failure: Omit<ProfileFailure, 'at'>): void {
    this.failures.set(profileId, { ...failure, at: Date.now() });
    this._onDidChange.fire(profileId);
  }

  clearFailure(profileId: string): void {
    if (this.failures.delete(profileId)) {
      this._onDidChange.fire(profileId);
    }
  }

  /** What the last consent check of the profile found (memory only). */
  consentOf(profileId: string): ConsentCheckSummary | undefined {
    return this.consents.get(profileId);
  }

  recordConsent(profileId: string, summary: ConsentCheckSummary): void {
    this.consents.set(profileId, summary);
    this._onDidChange.fire(profileId);
  }

  get activeProfileId(): string | undefined {
    return this.memento.get<string>(ACTIVE_PROFILE_KEY);
  }

  async setActiveProfile(profileId: string): Promise<void> {
    if (this.activeProfileId !== profileId) {
      await this.memento.update(ACTIVE_PROFILE_KEY, profileId);
      this._onDidChange.fire(undefined);
    }
  }
}
