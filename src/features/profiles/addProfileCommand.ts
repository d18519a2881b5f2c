import * as vscode from 'vscode';
import { pickScopes } from './scopePick';
import { CommandIds } from '../../constants';
import { ClientProfile, ProfilePresetId, validateClientProfile } from '../../core/profiles/clientProfile';
import {
  discoveryUrlsFor,
  DiscoveredFields,
  fieldsFromDiscovery,
} from '../../core/profiles/discoveryDocument';
import { uniqueProfileId } from '../../core/profiles/profileEntries';
import { createProfileFromPreset, PROFILE_PRESETS, presetOf } from '../../core/profiles/profilePresets';
import { registerCommand } from '../../platform/runCommand';
import type { ProfilesDeps } from './profilesDeps';
import {
  BackError,
  inputStep,
  pickStep,
  QuickInputFactory,
  StepValidation,
} from '../../platform/quickInputSteps';
import { renderText } from '../../core/text/localText';
import { vscodeTranslate } from '../../platform/vscodeTranslate';
import { shownError } from '../../core/text/shownError';

/**
 * Programmatic arguments of `oauthWorkbench.addProfile`: a complete profile (no UI at all), or the quick-input factory
 * a test drives the real multi-step input with.
 */
export interface AddProfileArgs {
  readonly profile?: Partial<ClientProfile> & Pick<ClientProfile, 'client_id' | 'redirect_uri' | 'scopes'>;
  readonly clientSecret?: string;
  readonly quickInputs?: QuickInputFactory;
}

const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:8765/callback';

/** `oauthWorkbench.addProfile`: preset → client id → redirect URI → scopes → secret; resolves to the new profile id. */
export function registerAddProfileCommand(services: ProfilesDeps): vscode.Disposable {
  return registerCommand(CommandIds.addProfile, services, async (arg?: unknown) => {
    const args = (arg ?? {}) as AddProfileArgs;
    const draft = args.profile
      ? { profile: completeProfile(services, args.profile), secret: args.clientSecret }
      : await askForProfile(services, args.quickInputs ?? vscode.window);
    return saveNewProfile(services, draft.profile, draft.secret);
  });
}

/** Saves a validated profile and its secret, makes it active, and says so. */
async function saveNewProfile(
  services: ProfilesDeps,
  profile: ClientProfile,
  secret: string | undefined,
): Promise<string> {
  const errors = validateClientProfile(profile, vscodeTranslate).filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(errors.map((p) => `${p.field}: ${p.message}`).join(' '));
  }
  if (services.profiles.get(profile.id)) {
    throw new Error(
      vscode.l10n.t(
        'A profile with the id "{0}" already exists. Choose another id, or run Edit Profile on that one.',
        profile.id,
      ),
    );
  }
  // The secret first: a profile without its secret would show as "no secret" for a moment.
  if (secret) {
    await services.secretStore.setClientSecret(profile.id, secret);
  }
  await services.profiles.save(profile);
  await services.status.setActiveProfile(profile.id);
  services.log.info(`Added profile "${profile.label}" (${profile.id}, preset ${profile.preset}).`);
  const signIn = vscode.l10n.t('Sign In');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Profile "{0}" added.', profile.label), signIn)
    .then((choice) =>
      choice === signIn
        ? vscode.commands.executeCommand(CommandIds.signIn, { profileId: profile.id })
        : undefined,
    );
  return profile.id;
}

function completeProfile(
  services: ProfilesDeps,
  input: NonNullable<AddProfileArgs['profile']>,
): ClientProfile {
  const preset = presetOf(input.preset ?? 'generic-oauth2');
  const label = input.label ?? renderText(preset.label, vscodeTranslate);
  const id = input.id ?? uniqueProfileId(label, existingIds(services));
  return createProfileFromPreset(preset.id, { ...input, id, label });
}

interface Draft {
  preset?: ProfilePresetId;
  endpoints?: DiscoveredFields;
  client_id?: string;
  redirect_uri?: string;
  scopes?: readonly string[];
  secret?: string;
}

type Step = (
  draft: Draft,
  position: (index: number) => { title: string; step: number; totalSteps: number },
) => Promise<void>;

async function askForProfile(
  services: ProfilesDeps,
  ui: QuickInputFactory,
): Promise<{ profile: ClientProfile; secret: string | undefined }> {
  const title = vscode.l10n.t('Add OAuth Workbench Profile');
  const draft: Draft = {};
  const stepsFor = (preset: ProfilePresetId | undefined): Step[] => [
    pickPreset,
    ...(preset === 'generic-oidc' ? [askDiscovery] : preset === 'generic-oauth2' ? [askEndpoints] : []),
    askClientId,
    askRedirectUri,
    askScopes,
    askSecret,
  ];

  const pickPreset: Step = async (d, at) => {
    const items = PROFILE_PRESETS.map((preset) => ({
      label: renderText(preset.label, vscodeTranslate),
      description: preset.facts.rabobank ? preset.defaults.authorization_endpoint : undefined,
      detail:
        preset.id === 'generic-oidc'
          ? vscode.l10n.t('Endpoints from the issuer’s discovery document')
          : preset.id === 'generic-oauth2'
            ? vscode.l10n.t('Enter the endpoints yourself')
            : undefined,
      id: preset.id,
    }));
    const [chosen] = await pickStep(ui, at(0), {
      placeholder: vscode.l10n.t('Which authorization server?'),
      items,
      selected: items.filter((item) => item.id === d.preset),
    });
    if (chosen.id !== d.preset) {
      d.endpoints = undefined;
      d.scopes = undefined;
    }
    d.preset = chosen.id;
  };

  const askDiscovery: Step = async (d, at) => {
    let found: DiscoveredFields | undefined;
    await inputStep(ui, at(1), {
      prompt: vscode.l10n.t('Issuer or discovery URL, e.g. https://login.example.com/realms/acme'),
      value: d.endpoints?.issuer,
      validate: (value) => urlProblem(value),
      validateOnAccept: async (value) => {
        const result = await discover(services, value);
        if (typeof result === 'string') {
          return result;
        }
        found = result;
        return undefined;
      },
    });
    d.endpoints = found;
  };

  const askEndpoints: Step = async (d, at) => {
    const authorization = await inputStep(ui, at(1), {
      prompt: vscode.l10n.t('Authorization endpoint URL'),
      value: d.endpoints?.authorization_endpoint,
      validate: (value) => urlProblem(value),
    });
    const token = await inputStep(ui, at(1), {
      prompt: vscode.l10n.t('Token endpoint URL'),
      value: d.endpoints?.token_endpoint,
      validate: (value) => urlProblem(value),
    });
    d.endpoints = { authorization_endpoint: authorization, token_endpoint: token };
  };

  const askClientId: Step = async (d, at) => {
    d.client_id = (
      await inputStep(ui, at(stepsFor(d.preset).indexOf(askClientId)), {
        prompt: vscode.l10n.t('Client id, as shown for your app on the developer portal'),
        value: d.client_id,
        validate: (value) =>
          value.trim() === ''
            ? vscode.l10n.t('Enter the client id.')
            : /\s/.test(value.trim())
              ? vscode.l10n.t('A client id has no spaces.')
              : undefined,
      })
    ).trim();
  };

  const askRedirectUri: Step = async (d, at) => {
    d.redirect_uri = (
      await inputStep(ui, at(stepsFor(d.preset).indexOf(askRedirectUri)), {
        prompt: vscode.l10n.t('Redirect URI exactly as registered on the provider’s portal'),
        value: d.redirect_uri ?? DEFAULT_REDIRECT_URI,
        validate: (value) => redirectUriProblem(value.trim()),
      })
    ).trim();
  };

  const askScopes: Step = async (d, at) => {
    const position = at(stepsFor(d.preset).indexOf(askScopes));
    const preset = presetOf(d.preset ?? 'generic-oauth2');
    // Rabobank scopes are a fixed list; elsewhere any scope may be needed, so it is free text.
    if (preset.facts.rabobank) {
      d.scopes = await pickScopes(ui, position, preset.suggestedScopes, d.scopes);
      return;
    }
    const text = await inputStep(ui, position, {
      prompt: vscode.l10n.t('Scopes, separated by spaces'),
      value: d.scopes?.join(' ') ?? (d.preset === 'generic-oidc' ? 'openid offline_access' : ''),
      validate: (value) => (value.trim() === '' ? vscode.l10n.t('Enter at least one scope.') : undefined),
    });
    d.scopes = text.split(/\s+/).filter(Boolean);
  };

  const askSecret: Step = async (d, at) => {
    d.secret = await inputStep(ui, at(stepsFor(d.preset).indexOf(askSecret)), {
      prompt: vscode.l10n.t('Client secret (kept in VS Code secret storage, never in settings)'),
      password: true,
      validate: (value) => (value === '' ? vscode.l10n.t('Enter the client secret.') : undefined),
    });
  };

  for (let index = 0; ;) {
    const steps = stepsFor(draft.preset);
    if (index >= steps.length) {
      break;
    }
    const at = (i: number) => ({ title, step: i + 1, totalSteps: stepsFor(draft.preset).length });
    try {
      await steps[index](draft, at);
      index++;
    } catch (err) {
      if (!(err instanceof BackError)) {
        throw err;
      }
      index = Math.max(0, index - 1);
    }
  }

  const preset = presetOf(draft.preset ?? 'generic-oauth2');
  const label =
    preset.id === 'generic-oidc' && draft.endpoints?.issuer
      ? new URL(draft.endpoints.issuer).host
      : renderText(preset.label, vscodeTranslate);
  const profile = createProfileFromPreset(preset.id, {
    ...draft.endpoints,
    id: uniqueProfileId(label, existingIds(services)),
    label,
    client_id: draft.client_id ?? '',
    redirect_uri: draft.redirect_uri ?? '',
    scopes: draft.scopes ?? [],
  });
  return { profile, secret: draft.secret };
}

function existingIds(services: ProfilesDeps): string[] {
  return [
    ...services.profiles.list().map((p) => p.id),
    ...services.profiles.invalidEntries().flatMap((e) => (e.id ? [e.id] : [])),
  ];
}

function urlProblem(value: string): StepValidation {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? undefined
      : vscode.l10n.t('Enter an https:// URL.');
  } catch {
    return vscode.l10n.t('Enter a full URL, starting with https://');
  }
}

/** The redirect-URI findings of the engine's validation, shown inline (warnings do not block). */
function redirectUriProblem(value: string): StepValidation {
  const probe = createProfileFromPreset('generic-oauth2', {
    id: 'probe',
    label: 'probe',
    client_id: 'probe',
    redirect_uri: value,
    scopes: ['probe'],
  });
  const problem = validateClientProfile(probe, vscodeTranslate).find((p) => p.field === 'redirect_uri');
  if (!problem) {
    return undefined;
  }
  return {
    message: problem.message,
    severity:
      problem.severity === 'error'
        ? vscode.InputBoxValidationSeverity.Error
        : vscode.InputBoxValidationSeverity.Warning,
  };
}

/** Fetches the discovery document; returns its fields or a sentence for the input box. */
async function discover(services: ProfilesDeps, input: string): Promise<DiscoveredFields | string> {
  const [http, { parseJsonObject }] = await Promise.all([
    services.engine.httpClientFor({}),
    import('../../core/oauth/endpointResponse.js'),
  ]);
  let last = vscode.l10n.t('No discovery document was found at that address.');
  for (const url of discoveryUrlsFor(input)) {
    try {
      const response = await http.send({ method: 'GET', url, headers: { accept: 'application/json' } });
      const json = response.status === 200 ? parseJsonObject(response.body) : undefined;
      if (json) {
        return fieldsFromDiscovery(json, vscodeTranslate);
      }
      last = vscode.l10n.t('{0} answered HTTP {1} without a discovery document.', url, response.status);
    } catch (err) {
      // An engine error (timeout, refused connection, TLS) in the user's language.
      last = shownError(err, vscodeTranslate)?.message ?? String(err);
    }
  }
  return last;
}
