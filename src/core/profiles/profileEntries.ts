/**
 * Reads client profiles from untrusted JSON (the `oauthWorkbench.profiles` setting, hand-edited), one entry at a time:
 * a malformed entry yields one clear message naming it, and every other entry keeps working.
 */
import { ClientProfile, ProfilePresetId, validateClientProfile } from './clientProfile';
import { english, type Translate } from '../text/translate';
import { createProfileFromPreset, PROFILE_PRESETS } from './profilePresets';

/** An entry that could not become a profile, with the one message that says why. */
export interface InvalidProfileEntry {
  /** Position in the settings array (0-based). */
  readonly index: number;
  /** The entry's id and label when it had readable ones, so the UI can name it. */
  readonly id?: string;
  readonly label?: string;
  readonly message: string;
}

/** The outcome of reading the whole setting. */
export interface ProfileEntries {
  readonly profiles: readonly ClientProfile[];
  readonly invalid: readonly InvalidProfileEntry[];
}

const STRING_FIELDS = [
  'id',
  'label',
  'issuer',
  'authorization_endpoint',
  'token_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'device_authorization_endpoint',
  'consentDetailsEndpoint',
  'client_id',
  'token_endpoint_auth_method',
  'redirect_uri',
  'proxy',
] as const;

const TLS_FIELDS = ['clientCertificatePath', 'clientKeyPath', 'caBundlePath'] as const;

/** Fields that would put a secret in settings; refused so that nobody keeps one there by mistake. */
const SECRET_FIELDS = ['client_secret', 'clientSecret', 'access_token', 'refresh_token', 'secret'];

/**
 * Reads every entry of the setting; never throws, whatever the JSON holds. The messages go through `translate`
 * (English where no translation is at hand: the CLI).
 */
export function parseProfileEntries(raw: unknown, translate: Translate = english): ProfileEntries {
  if (raw === undefined || raw === null) {
    return { profiles: [], invalid: [] };
  }
  if (!Array.isArray(raw)) {
    return {
      profiles: [],
      invalid: [
        { index: 0, message: translate('oauthWorkbench.profiles must be a list of profiles ([ … ]).') },
      ],
    };
  }
  const profiles: ClientProfile[] = [];
  const invalid: InvalidProfileEntry[] = [];
  const seen = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const result = parseProfileEntry(entry, index, translate);
    if ('message' in result) {
      invalid.push(result);
    } else if (seen.has(result.id)) {
      invalid.push({
        index,
        id: result.id,
        label: result.label,
        message: translate(
          '{0}: another profile already uses the id "{1}"; give each profile its own id.',
          describeEntry(translate, index, result.id),
          result.id,
        ),
      });
    } else {
      seen.add(result.id);
      profiles.push(result);
    }
  });
  return { profiles, invalid };
}

/** Reads one entry: a profile, or the reason it is not one (all problems of the entry in one message). */
export function parseProfileEntry(
  entry: unknown,
  index: number,
  translate: Translate = english,
): ClientProfile | InvalidProfileEntry {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    return {
      index,
      message: translate(
        '{0} is not an object; each profile is {1}.',
        describeEntry(translate, index),
        '{ "id": …, … }',
      ),
    };
  }
  const record = entry as Record<string, unknown>;
  const id = typeof record.id === 'string' && record.id.trim() !== '' ? record.id : undefined;
  const label = typeof record.label === 'string' ? record.label : undefined;
  const fail = (problems: string[]): InvalidProfileEntry => ({
    index,
    id,
    label,
    message: `${describeEntry(translate, index, id, label)}: ${problems.join(' ')}`,
  });

  const problems: string[] = [];
  for (const name of SECRET_FIELDS) {
    if (name in record) {
      problems.push(
        translate(
          '"{0}" does not belong in settings; remove it and use "OAuth Workbench: Set Client Secret" (stored in the OS keychain).',
          name,
        ),
      );
    }
  }
  const presetId = record.preset ?? 'generic-oauth2';
  if (typeof presetId !== 'string' || !PROFILE_PRESETS.some((preset) => preset.id === presetId)) {
    problems.push(
      translate(
        'preset: {0} is not a known preset (use one of {1}).',
        typeof presetId === 'string' ? `"${presetId}"` : shown(presetId),
        PROFILE_PRESETS.map((p) => p.id).join(', '),
      ),
    );
  }
  for (const field of STRING_FIELDS) {
    if (record[field] !== undefined && typeof record[field] !== 'string') {
      problems.push(translate('{0}: must be text.', field));
    }
  }
  let scopes: string[] | undefined;
  if (typeof record.scopes === 'string') {
    scopes = record.scopes.split(/\s+/).filter(Boolean);
  } else if (Array.isArray(record.scopes) && record.scopes.every((s) => typeof s === 'string')) {
    scopes = record.scopes as string[];
  } else if (record.scopes !== undefined) {
    problems.push(translate('scopes: must be a list of scope names, e.g. ["ais.balances.read"].'));
  }
  if (record.pkce !== undefined && typeof record.pkce !== 'boolean') {
    problems.push(translate('pkce: must be true or false.'));
  }
  if (record.exchangeDelayMs !== undefined && typeof record.exchangeDelayMs !== 'number') {
    problems.push(translate('exchangeDelayMs: must be a number of milliseconds.'));
  }
  if (record.extraAuthorizeParams !== undefined && !isStringRecord(record.extraAuthorizeParams)) {
    problems.push(
      translate(
        'extraAuthorizeParams: must be an object of text values, e.g. {0}.',
        '{ "prompt": "consent" }',
      ),
    );
  }
  if (
    record.apiHosts !== undefined &&
    !(Array.isArray(record.apiHosts) && record.apiHosts.every((h) => typeof h === 'string'))
  ) {
    problems.push(translate('apiHosts: must be a list of host names, e.g. ["api-sandbox.rabobank.nl"].'));
  }
  if (record.tls !== undefined) {
    if (record.tls === null || typeof record.tls !== 'object' || Array.isArray(record.tls)) {
      problems.push(translate('tls: must be an object with certificate paths.'));
    } else {
      for (const field of TLS_FIELDS) {
        const value = (record.tls as Record<string, unknown>)[field];
        if (value !== undefined && typeof value !== 'string') {
          problems.push(translate('tls.{0}: must be a file path.', field));
        }
      }
    }
  }
  if (problems.length > 0) {
    return fail(problems);
  }

  const known: Record<string, unknown> = {};
  for (const field of [
    ...STRING_FIELDS,
    'pkce',
    'exchangeDelayMs',
    'extraAuthorizeParams',
    'tls',
    'apiHosts',
  ]) {
    if (record[field] !== undefined) {
      known[field] = record[field];
    }
  }
  const profile = createProfileFromPreset(presetId as ProfilePresetId, {
    ...(known as Partial<ClientProfile>),
    id: id ?? '',
    label: label ?? id ?? '',
    client_id: typeof record.client_id === 'string' ? record.client_id : '',
    redirect_uri: typeof record.redirect_uri === 'string' ? record.redirect_uri : '',
    scopes: scopes ?? [],
  });
  const errors = validateClientProfile(profile, translate).filter((problem) => problem.severity === 'error');
  return errors.length > 0 ? fail(errors.map((problem) => `${problem.field}: ${problem.message}`)) : profile;
}

/** The JSON a profile is stored as: its fields without `undefined` members (never a secret: profiles hold none). */
export function profileToEntry(profile: ClientProfile): Record<string, unknown> {
  return JSON.parse(JSON.stringify(profile)) as Record<string, unknown>;
}

/** Turns a label into an id that is unique among `taken`: "Rabobank sandbox" → `rabobank-sandbox`, then `-2`. */
export function uniqueProfileId(label: string, taken: Iterable<string>): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'profile';
  const used = new Set(taken);
  let candidate = base;
  for (let n = 2; used.has(candidate); n++) {
    candidate = `${base}-${n}`;
  }
  return candidate;
}

function describeEntry(translate: Translate, index: number, id?: string, label?: string): string {
  if (label && label !== id) {
    return id
      ? translate('Profile {0} "{1}" ({2}) in oauthWorkbench.profiles', index + 1, label, id)
      : translate('Profile {0} "{1}" (no id) in oauthWorkbench.profiles', index + 1, label);
  }
  return id
    ? translate('Profile {0} "{1}" in oauthWorkbench.profiles', index + 1, id)
    : translate('Profile {0} in oauthWorkbench.profiles', index + 1);
}

// String() throws for an object whose toString is not a function ({"toString": 28} is valid settings JSON).
function shown(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value;
  }
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}
