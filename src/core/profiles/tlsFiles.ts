import type { ClientProfile, ClientTlsSettings } from './clientProfile';

/**
 * Certificate file paths per profile id, kept in the machine-scoped `oauthWorkbench.tlsFiles` setting: paths belong to
 * one machine, and Settings Sync copies the application-scope profiles (with their old `tls` member) everywhere.
 */
export type TlsFiles = ReadonlyMap<string, ClientTlsSettings>;

const FIELDS = ['clientCertificatePath', 'clientKeyPath', 'caBundlePath'] as const;

/** Reads the setting's value; entries that are not objects of non-empty string paths are reported and skipped. */
export function parseTlsFiles(raw: unknown): {
  readonly files: TlsFiles;
  readonly problems: readonly string[];
} {
  const files = new Map<string, ClientTlsSettings>();
  const problems: string[] = [];
  if (raw === undefined || raw === null) {
    return { files, problems };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { files, problems: ['oauthWorkbench.tlsFiles must map profile ids to certificate paths.'] };
  }
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    const settings = tlsSettingsOf(value);
    if (settings) {
      files.set(id, settings);
    } else {
      problems.push(
        `oauthWorkbench.tlsFiles["${id}"] is ignored: it must be an object whose ${FIELDS.join(', ')} are file paths.`,
      );
    }
  }
  return { files, problems };
}

function tlsSettingsOf(value: unknown): ClientTlsSettings | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const settings: Record<string, string> = {};
  for (const key of Object.keys(record)) {
    const field = FIELDS.find((f) => f === key);
    const path = record[key];
    if (!field || typeof path !== 'string' || path.trim() === '') {
      return undefined;
    }
    settings[field] = path;
  }
  return settings;
}

/** The profile with this machine's certificate files; the profile's own `tls` stays as the fallback (older settings). */
export function withTlsFiles(profile: ClientProfile, files: TlsFiles): ClientProfile {
  const own = files.get(profile.id);
  return own ? { ...profile, tls: own } : profile;
}

/**
 * Moves the `tls` member of raw `oauthWorkbench.profiles` entries into the tlsFiles map. An id that already has files
 * in the map keeps them (the machine's own choice wins) and its synced copy is dropped. Entries without an id, or
 * with a `tls` that is not a valid object of paths, stay as written (the profile parser reports them).
 */
export function migrateTlsFiles(
  entries: readonly unknown[],
  files: Readonly<Record<string, unknown>>,
): { entries: unknown[]; files: Record<string, unknown>; moved: string[] } {
  const nextFiles: Record<string, unknown> = { ...files };
  const moved: string[] = [];
  const nextEntries = entries.map((entry) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      return entry;
    }
    const { tls, ...rest } = entry as Record<string, unknown>;
    const id = (entry as { id?: unknown }).id;
    if (tls === undefined || typeof id !== 'string' || !tlsSettingsOf(tls)) {
      return entry;
    }
    if (!(id in nextFiles)) {
      nextFiles[id] = tls;
    }
    moved.push(id);
    return rest;
  });
  return { entries: nextEntries, files: nextFiles, moved };
}
