import * as vscode from 'vscode';
import { ClientProfile } from '../../core/profiles/clientProfile';
import { AUTH_VARIABLE_KINDS, AuthVariableKind, authVariableText } from '../../core/send/sendVariables';
import { msUntilExpiry } from '../../core/tokens/tokenSet';
import { SendDeps } from './sendDeps';

/** What the variable of `kind` holds for the profile called `label`, as one phrase to translate whole. */
function whoseValue(kind: AuthVariableKind, label: string): string {
  switch (kind) {
    case 'token':
      return vscode.l10n.t('access token of “{0}”', label);
    case 'idToken':
      return vscode.l10n.t('ID token of “{0}”', label);
    case 'basic':
      return vscode.l10n.t('client id and secret as a Basic credential of “{0}”', label);
    case 'clientId':
      return vscode.l10n.t('client id of “{0}”', label);
    case 'clientSecret':
      return vscode.l10n.t('client secret of “{0}”', label);
  }
}

/** `{{$auth.kind("id")}}` under the cursor. */
const AUTH_AT = /\{\{\s*\$auth\.([A-Za-z]+)\(\s*(["'])([A-Za-z0-9._-]+)\2\s*\)\s*\}\}/g;

/** The `{{$auth…` being typed before the cursor. */
const TYPING = /\{\{\s*(\$(?:a(?:u(?:t(?:h(?:\.[A-Za-z]*(?:\(\s*["']?[A-Za-z0-9._-]*)?)?)?)?)?)?)$/;

/**
 * Completion of `{{$auth.<kind>("<profile id>")}}` for every profile, and a hover saying whose value it is and whether
 * it is there (signed in, expiry, secret set). Neither ever shows or inserts a value: the variable is filled at send
 * time, and only for the profile's own endpoints.
 */
export class AuthVariableProviders implements vscode.CompletionItemProvider, vscode.HoverProvider {
  constructor(private readonly deps: SendDeps) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.CompletionItem[]> {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const typing = TYPING.exec(before);
    if (!typing) {
      return [];
    }
    const start = position.translate(0, -typing[1].length);
    const after = document.lineAt(position.line).text.slice(position.character);
    const closing = /^[A-Za-z0-9._-]*["']?\)?\s*\}\}/.exec(after);
    const range = new vscode.Range(start, closing ? position.translate(0, closing[0].length) : position);
    const items: vscode.CompletionItem[] = [];
    for (const profile of this.deps.profiles.list()) {
      const state = await this.state(profile);
      for (const kind of AUTH_VARIABLE_KINDS) {
        const text = authVariableText({ kind, profileId: profile.id }).slice(2);
        const item = new vscode.CompletionItem(text.slice(0, -2), vscode.CompletionItemKind.Variable);
        item.insertText = text;
        item.range = range;
        item.filterText = text;
        item.detail = whoseValue(kind, profile.label);
        item.documentation = kind === 'token' || kind === 'idToken' ? state.tokens : state.secret;
        items.push(item);
      }
    }
    return items;
  }

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.Hover | undefined> {
    const line = document.lineAt(position.line).text;
    for (const match of line.matchAll(AUTH_AT)) {
      const start = match.index ?? 0;
      if (position.character < start || position.character > start + match[0].length) {
        continue;
      }
      const kind = match[1] as AuthVariableKind;
      const profile = this.deps.profiles.get(match[3]);
      const md = new vscode.MarkdownString();
      if (!AUTH_VARIABLE_KINDS.includes(kind)) {
        md.appendMarkdown(escape(vscode.l10n.t('OAuth Workbench does not know $auth.{0}.', kind)));
      } else if (!profile) {
        md.appendMarkdown(escape(vscode.l10n.t('No profile has the id "{0}".', match[3])));
      } else {
        const state = await this.state(profile);
        md.appendMarkdown(`**${escape(whoseValue(kind, profile.label))}** · \`${escape(profile.id)}\`\n\n`);
        md.appendMarkdown(escape(kind === 'token' || kind === 'idToken' ? state.tokens : state.secret));
        md.appendMarkdown(
          '\n\n' +
            escape(
              vscode.l10n.t(
                'Filled in when the request is sent, only for the profile’s own endpoints{0}; never written into the file.',
                kind === 'token' || kind === 'idToken' ? vscode.l10n.t(' and its API hosts') : '',
              ),
            ),
        );
      }
      return new vscode.Hover(
        md,
        new vscode.Range(position.line, start, position.line, start + match[0].length),
      );
    }
    return undefined;
  }

  private async state(profile: ClientProfile): Promise<{ tokens: string; secret: string }> {
    const tokens = await this.deps.tokenManager();
    const set = await tokens.getTokenSet(profile).catch(() => undefined);
    const secret = await this.deps.clientSecret(profile.id).catch(() => undefined);
    let tokenState: string;
    if (!set) {
      tokenState = vscode.l10n.t('Not signed in: sending will offer Sign In and send nothing.');
    } else {
      const left = msUntilExpiry(set, Date.now());
      tokenState =
        left === undefined
          ? vscode.l10n.t('Signed in; the server gave no expiry.')
          : left > 0
            ? vscode.l10n.t('Signed in; the access token expires in {0} min.', Math.ceil(left / 60_000))
            : set.refresh_token
              ? vscode.l10n.t('Signed in; the access token expired and is refreshed before sending.')
              : vscode.l10n.t('The access token expired and there is no refresh token: sign in again.');
    }
    return {
      tokens: tokenState,
      secret: secret
        ? vscode.l10n.t('The client secret is set.')
        : vscode.l10n.t('No client secret is set yet.'),
    };
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>()#]/g, (c) => `\\${c}`);
}
