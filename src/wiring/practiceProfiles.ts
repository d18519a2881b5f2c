import * as vscode from 'vscode';
import { practiceProfile } from '../core/practice/practiceProfile';
import { ClientProfile } from '../core/profiles/clientProfile';
import { PracticeServerController } from './practiceServerController';

/**
 * The built-in "Practice (local)" profile, listed first once a practice server is running or found, unless the user
 * saved a profile with the same id (then theirs wins). Plugged into the profile repository.
 */
export class PracticeProfiles {
  readonly onDidChange: vscode.Event<void>;

  constructor(private readonly practice: PracticeServerController) {
    this.onDidChange = practice.onDidChange;
  }

  /** The built-in profiles to show before the user's own ones. */
  list(userProfiles: readonly ClientProfile[]): readonly ClientProfile[] {
    const endpoints = this.practice.endpoints;
    if (!endpoints) {
      return [];
    }
    const profile = practiceProfile(endpoints);
    return userProfiles.some((p) => p.id === profile.id) ? [] : [profile];
  }
}
