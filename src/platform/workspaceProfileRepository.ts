import * as vscode from 'vscode';
import { SettingKeys } from '../constants';
import { ClientProfile } from '../core/profiles/clientProfile';
import {
  InvalidProfileEntry,
  parseProfileEntries,
  ProfileEntries,
  profileToEntry,
} from '../core/profiles/profileEntries';
import { Disposable } from './dispose';

/** Profiles the extension provides itself (the practice profile), listed before the user's own ones. */
export interface BuiltInProfiles {
  /** The built-in profiles to show, given the user's (a user profile with the same id replaces a built-in one). */
  list(userProfiles: readonly ClientProfile[]): readonly ClientProfile[];
  readonly onDidChange: vscode.Event<void>;
}

/**
 * Client profiles as stored in the `oauthWorkbench.profiles` user setting. Each entry is validated on its own, so
 * one malformed entry gives one clear message (logged, and shown by the tree) while the others keep working. Never
 * holds a secret: entries with a secret field are refused.
 */
export class WorkspaceProfileRepository extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires when the setting changed (edited by hand, by another window, or through this class). */
  readonly onDidChange = this._onDidChange.event;
  private cache: ProfileEntries | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly builtIns?: BuiltInProfiles,
  ) {
    super();
    if (builtIns) {
      this._register(builtIns.onDidChange(() => this._onDidChange.fire()));
    }
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SettingKeys.section}.${SettingKeys.profiles}`)) {
          this.cache = undefined;
          this._onDidChange.fire();
        }
      }),
    );
  }

  /** Every usable profile: the built-in ones first, then the user's in settings order. */
  list(): readonly ClientProfile[] {
    const own = this.read().profiles;
    return this.builtIns ? [...this.builtIns.list(own), ...own] : own;
  }

  /** The user's own profiles from settings, without the built-in ones. */
  ownProfiles(): readonly ClientProfile[] {
    return this.read().profiles;
  }

  /** The entries that could not be read, each with its message. */
  invalidEntries(): readonly InvalidProfileEntry[] {
    return this.read().invalid;
  }

  get(profileId: string): ClientProfile | undefined {
    return this.list().find((profile) => profile.id === profileId);
  }

  /** Adds the profile, or replaces the entry with the same id; other entries (even malformed ones) stay as written. */
  async save(profile: ClientProfile): Promise<void> {
    const raw = this.rawEntries();
    const entry = profileToEntry(profile);
    const index = raw.findIndex((e) => idOf(e) === profile.id);
    const next = index >= 0 ? raw.map((e, i) => (i === index ? entry : e)) : [...raw, entry];
    await this.write(next);
  }

  /** Removes the entry with this id; true when there was one. */
  async remove(profileId: string): Promise<boolean> {
    const raw = this.rawEntries();
    const next = raw.filter((e) => idOf(e) !== profileId);
    if (next.length === raw.length) {
      return false;
    }
    await this.write(next);
    return true;
  }

  private read(): ProfileEntries {
    if (!this.cache) {
      this.cache = parseProfileEntries(this.configuration().get<unknown>(SettingKeys.profiles));
      for (const entry of this.cache.invalid) {
        this.log.warn(entry.message);
      }
    }
    return this.cache;
  }

  private rawEntries(): unknown[] {
    const raw = this.configuration().get<unknown>(SettingKeys.profiles);
    return Array.isArray(raw) ? [...(raw as unknown[])] : [];
  }

  private async write(entries: unknown[]): Promise<void> {
    // Application scope: profiles live in user settings only, so a cloned repository cannot point a stored
    // secret at another token endpoint through its .vscode/settings.json.
    await this.configuration().update(SettingKeys.profiles, entries, vscode.ConfigurationTarget.Global);
    this.cache = undefined;
  }

  private configuration(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SettingKeys.section);
  }
}

function idOf(entry: unknown): string | undefined {
  return entry !== null && typeof entry === 'object' ? ((entry as { id?: unknown }).id as string) : undefined;
}
