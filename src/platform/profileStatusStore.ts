import * as vscode from 'vscode';
import { nextProblem, ProfileAnswer, ProfileProblem, problemShown } from '../core/profiles/profileProblem';
import type { TokenSet } from '../core/tokens/tokenSet';
import type { ConsentCheckSummary } from '../core/consent/consentSummary';
import { Disposable } from './dispose';

const ACTIVE_PROFILE_KEY = 'oauthWorkbench.activeProfile';

/** The last failure of a profile, in words fit for a tree tooltip (never a secret). */
export interface ProfileFailure {
  readonly message: string;
  readonly catalogId?: string;
  /** What the failed answer proved beyond this failure (kept after the failure is cleared, until a later answer). */
  readonly problem?: ProfileProblem;
  /** Epoch ms. */
  readonly at: number;
}

/**
 * What the window remembers about profiles beyond settings and tokens: the last failure of each (shown as the
 * "error" state in the tree), what the last answers proved (a refused refresh token, an ended consent, a refused
 * client secret: see `core/profiles/profileProblem.ts`), and which profile is active (the status bar's). Failures and
 * problems live in memory only.
 */
export class ProfileStatusStore extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<string | undefined>());
  /** Fires with the profile id whose status changed, or `undefined` when the active profile changed. */
  readonly onDidChange = this._onDidChange.event;
  private readonly failures = new Map<string, ProfileFailure>();
  private readonly problems = new Map<string, ProfileProblem>();
  private readonly consents = new Map<string, ConsentCheckSummary>();

  constructor(private readonly memento: vscode.Memento) {
    super();
  }

  failureOf(profileId: string): ProfileFailure | undefined {
    return this.failures.get(profileId);
  }

  recordFailure(profileId: string, failure: Omit<ProfileFailure, 'at'>): void {
    this.failures.set(profileId, { ...failure, at: Date.now() });
    this.applyAnswer(profileId, { kind: 'failure', problem: failure.problem });
    this._onDidChange.fire(profileId);
  }

  /**
   * The problem the last answers proved that the stored token set has not made stale (tokens received later clear
   * it without an event: see `problemShown`).
   */
  problemOf(profileId: string, tokenSet: TokenSet | undefined): ProfileProblem | undefined {
    return problemShown(this.problems.get(profileId), tokenSet);
  }

  /** Takes an answer that is not a failed command (a consent check, a new secret, a sign-out) into account. */
  noteAnswer(profileId: string, answer: ProfileAnswer): void {
    if (this.applyAnswer(profileId, answer)) {
      this._onDidChange.fire(profileId);
    }
  }

  private applyAnswer(profileId: string, answer: ProfileAnswer): boolean {
    const before = this.problems.get(profileId);
    const after = nextProblem(before, answer);
    if (after) {
      this.problems.set(profileId, after);
    } else {
      this.problems.delete(profileId);
    }
    return before !== after;
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
