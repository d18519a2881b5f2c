import * as vscode from 'vscode';
import { SettingKeys } from '../constants';
import { ClientProfile } from '../core/profiles/clientProfile';
import {
  InvalidProfileEntry,
  parseProfileEntries,
  ProfileEntries,
  profileToEntry,
} from '../core/profiles/profileEntries';
import { migrateTlsFiles, parseTlsFiles, TlsFiles, withTlsFiles } from '../core/profiles/tlsFiles';
import { Disposable } from './dispose';
import { vscodeTranslate } from './vscodeTranslate';

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
  private tlsCache: TlsFiles | undefined;

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
        const tls = e.affectsConfiguration(`${SettingKeys.section}.${SettingKeys.tlsFiles}`);
        if (tls || e.affectsConfiguration(`${SettingKeys.section}.${SettingKeys.profiles}`)) {
          this.cache = undefined;
          this.tlsCache = undefined;
          this._onDidChange.fire();
        }
      }),
    );
  }

  /** Every usable profile: the built-in ones first, then the user's in settings order. */
  list(): readonly ClientProfile[] {
    const files = this.tlsFiles();
    const own = this.read().profiles.map((profile) => withTlsFiles(profile, files));
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
    const { tls, ...synced } = profileToEntry(profile);
    const entry = synced;
    await this.writeTlsFiles(profile.id, tls);
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
    await this.writeTlsFiles(profileId, undefined);
    return true;
  }

  /**
   * Moves certificate paths still in `oauthWorkbench.profiles` (which Settings Sync copies to every machine) to the
   * machine-scoped `oauthWorkbench.tlsFiles`, once, and says so in the log. Until it runs, the old place still works.
   */
  async migrateTlsFiles(): Promise<void> {
    const current = this.configuration().inspect<Record<string, unknown>>(SettingKeys.tlsFiles)?.globalValue;
    const result = migrateTlsFiles(this.rawEntries(), current ?? {});
    if (result.moved.length === 0) {
      return;
    }
    await this.configuration().update(SettingKeys.tlsFiles, result.files, vscode.ConfigurationTarget.Global);
    await this.write(result.entries);
    this.log.info(
      `Moved the certificate paths of ${result.moved.map((id) => `"${id}"`).join(', ')} from oauthWorkbench.profiles to oauthWorkbench.tlsFiles: paths are per machine, and Settings Sync no longer copies them.`,
    );
  }

  /** This machine's certificate files per profile id (user settings only: machine scope). */
  private tlsFiles(): TlsFiles {
    if (!this.tlsCache) {
      const raw = this.configuration().inspect<unknown>(SettingKeys.tlsFiles)?.globalValue;
      const { files, problems } = parseTlsFiles(raw);
      problems.forEach((problem) => this.log.warn(problem));
      this.tlsCache = files;
    }
    return this.tlsCache;
  }

  private async writeTlsFiles(profileId: string, tls: unknown): Promise<void> {
    const current =
      this.configuration().inspect<Record<string, unknown>>(SettingKeys.tlsFiles)?.globalValue ?? {};
    if (tls === undefined && !(profileId in current)) {
      return;
    }
    const next = { ...current };
    if (tls === undefined) {
      delete next[profileId];
    } else {
      next[profileId] = tls;
    }
    await this.configuration().update(SettingKeys.tlsFiles, next, vscode.ConfigurationTarget.Global);
    this.tlsCache = undefined;
  }

  private read(): ProfileEntries {
    if (!this.cache) {
      this.cache = parseProfileEntries(
        this.configuration().get<unknown>(SettingKeys.profiles),
        vscodeTranslate,
      );
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
