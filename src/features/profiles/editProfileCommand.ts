import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { ClientProfile, validateClientProfile } from '../../core/profiles/clientProfile';
import { registerCommand } from '../../platform/runCommand';
import type { ProfilesDeps } from './profilesDeps';
import { resolveProfile } from '../../platform/resolveProfile';
import { vscodeTranslate } from '../../platform/vscodeTranslate';

/** Programmatic arguments of `oauthWorkbench.editProfile`: the profile and the fields to change (no UI). */
export interface EditProfileArgs {
  readonly profileId?: string;
  readonly changes?: Partial<Omit<ClientProfile, 'id'>>;
}

type EditableField =
  'label' | 'client_id' | 'redirect_uri' | 'scopes' | 'authorization_endpoint' | 'token_endpoint';

const FIELDS: readonly { field: EditableField; label: string }[] = [
  { field: 'label', label: vscode.l10n.t('Name') },
  { field: 'client_id', label: vscode.l10n.t('Client id') },
  { field: 'redirect_uri', label: vscode.l10n.t('Redirect URI') },
  { field: 'scopes', label: vscode.l10n.t('Scopes') },
  { field: 'authorization_endpoint', label: vscode.l10n.t('Authorization endpoint') },
  { field: 'token_endpoint', label: vscode.l10n.t('Token endpoint') },
];

/** `oauthWorkbench.editProfile`: pick a field and change it with inline validation, or open settings.json. */
export function registerEditProfileCommand(services: ProfilesDeps): vscode.Disposable {
  return registerCommand(CommandIds.editProfile, services, async (arg?: unknown) => {
    const profile = await resolveProfile(services, arg, vscode.l10n.t('Profile to edit'));
    const changes = (arg as EditProfileArgs | undefined)?.changes ?? (await askForChange(profile));
    if (!changes) {
      return undefined;
    }
    const next: ClientProfile = { ...profile, ...changes, id: profile.id };
    const errors = validateClientProfile(next, vscodeTranslate).filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      throw new Error(errors.map((p) => `${p.field}: ${p.message}`).join(' '));
    }
    await services.profiles.save(next);
    services.log.info(`Edited profile "${next.label}" (${next.id}): ${Object.keys(changes).join(', ')}.`);
    return next.id;
  });
}

async function askForChange(profile: ClientProfile): Promise<Partial<ClientProfile> | undefined> {
  const settingsJson = { label: vscode.l10n.t('$(json) Edit in settings.json'), field: undefined };
  const items = [
    ...FIELDS.map(({ field, label }) => ({
      label,
      description: field === 'scopes' ? profile.scopes.join(' ') : String(profile[field] ?? ''),
      field,
    })),
    settingsJson,
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Edit "{0}"', profile.label),
    placeHolder: vscode.l10n.t('Field to change'),
    matchOnDescription: true,
  });
  if (!picked) {
    throw new vscode.CancellationError();
  }
  if (!picked.field) {
    await vscode.commands.executeCommand('workbench.action.openSettingsJson');
    return undefined;
  }
  const field = picked.field;
  const current = field === 'scopes' ? profile.scopes.join(' ') : String(profile[field] ?? '');
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Edit "{0}"', profile.label),
    prompt: picked.label,
    value: current,
    ignoreFocusOut: true,
    validateInput: (text) => {
      const probe = { ...profile, ...toChange(field, text) };
      const problem = validateClientProfile(probe, vscodeTranslate).find((p) => p.field === field);
      return problem
        ? {
            message: problem.message,
            severity:
              problem.severity === 'error'
                ? vscode.InputBoxValidationSeverity.Error
                : vscode.InputBoxValidationSeverity.Warning,
          }
        : undefined;
    },
  });
  if (value === undefined) {
    throw new vscode.CancellationError();
  }
  return toChange(field, value);
}

function toChange(field: EditableField, text: string): Partial<ClientProfile> {
  return field === 'scopes' ? { scopes: text.split(/\s+/).filter(Boolean) } : { [field]: text.trim() };
}
