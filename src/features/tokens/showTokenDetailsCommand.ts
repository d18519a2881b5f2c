import * as vscode from 'vscode';
import { CommandIds, TOKEN_DETAILS_SCHEME } from '../../constants';
import { Disposable } from '../../platform/dispose';
import { registerCommand } from '../../platform/runCommand';
import { refreshOpenDocument } from '../../platform/virtualDocuments';
import { vscodeTranslate } from '../../platform/vscodeTranslate';
import type { TokenCommandsDeps } from './tokenCommandsDeps';
import { profileIdOf, resolveProfile } from '../../platform/resolveProfile';
import { renderTokenDetails } from './tokenDetailsDocument';

/**
 * Serves `oauth-workbench-token:/<profileId>/Token details.md` documents (read-only by construction) and re-renders
 * them when the profile's tokens change. `?reveal` shows tokens in full.
 */
export class TokenDetailsContentProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly services: TokenCommandsDeps) {
    super();
    this._register(services.vault.onDidChange((profileId) => this.fireFor(profileId)));
    this._register(services.profiles.onDidChange(() => this.fireFor(undefined)));
    this._register(
      services.status.onDidChange((profileId) => (profileId ? this.fireFor(profileId) : undefined)),
    );
  }

  static uriFor(profileId: string, reveal: boolean): vscode.Uri {
    return vscode.Uri.from({
      scheme: TOKEN_DETAILS_SCHEME,
      // The file name is the tab's title, so it is in the user's language (no `/`, which would add a folder).
      path: `/${profileId}/${(reveal ? vscode.l10n.t('Token details (revealed)') : vscode.l10n.t('Token details')).replace(/\//g, '-')}.md`,
      query: reveal ? 'reveal' : '',
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const profileId = decodeURIComponent(uri.path.split('/')[1] ?? '');
    const profile = this.services.profiles.get(profileId);
    if (!profile) {
      return `# ${vscode.l10n.t('No profile "{0}"', profileId)}\n`;
    }
    const tokenSet = await this.services.vault.load(profile.id);
    return renderTokenDetails(profile, tokenSet, {
      reveal: uri.query === 'reveal',
      nowMs: Date.now(),
      problem: this.services.status.problemOf(profile.id, tokenSet),
      translate: vscodeTranslate,
    });
  }

  /** Makes an open document of this URI show current content before it is shown again. */
  async ensureFresh(uri: vscode.Uri): Promise<void> {
    await refreshOpenDocument(uri, await this.provideTextDocumentContent(uri), () =>
      this._onDidChange.fire(uri),
    );
  }

  private fireFor(profileId: string | undefined): void {
    for (const document of vscode.workspace.textDocuments) {
      const uri = document.uri;
      if (uri.scheme === TOKEN_DETAILS_SCHEME && (!profileId || uri.path.startsWith(`/${profileId}/`))) {
        this._onDidChange.fire(uri);
      }
    }
  }
}

/**
 * `oauthWorkbench.showTokenDetails`: opens the profile's token set in a read-only document, tokens masked. From the
 * palette the user may choose to reveal them (after a warning); `{ profileId, reveal: true }` reveals directly.
 */
export function registerShowTokenDetailsCommand(services: TokenCommandsDeps): vscode.Disposable {
  const provider = new TokenDetailsContentProvider(services);
  return vscode.Disposable.from(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(TOKEN_DETAILS_SCHEME, provider),
    registerCommand(CommandIds.showTokenDetails, services, async (arg?: unknown) => {
      const profile = await resolveProfile(services, arg, vscode.l10n.t('Profile whose tokens to show'));
      let reveal = (arg as { reveal?: unknown } | undefined)?.reveal === true;
      if (profileIdOf(arg) === undefined) {
        reveal = await askReveal();
      }
      const uri = TokenDetailsContentProvider.uriFor(profile.id, reveal);
      await provider.ensureFresh(uri);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(document, 'markdown');
      await vscode.window.showTextDocument(document, { preview: true });
      return document.uri.toString();
    }),
  );
}

async function askReveal(): Promise<boolean> {
  const masked = {
    label: vscode.l10n.t('Masked tokens'),
    detail: vscode.l10n.t('Safe to share'),
    reveal: false,
  };
  const revealed = {
    label: vscode.l10n.t('Reveal tokens'),
    detail: vscode.l10n.t('Shows the access, refresh and ID tokens in full on screen'),
    reveal: true,
  };
  const picked = await vscode.window.showQuickPick([masked, revealed], {
    placeHolder: vscode.l10n.t('Show the tokens masked or in full?'),
  });
  if (!picked) {
    throw new vscode.CancellationError();
  }
  return picked.reveal;
}
