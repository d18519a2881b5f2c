import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { msUntilNextLabelChange } from '../../core/tokens/expiryLabels';
import { msUntilExpiry } from '../../core/tokens/tokenSet';
import { describeExpiry } from '../../core/tokens/expiryLabels';
import { vscodeTranslate } from '../../platform/vscodeTranslate';
import { describeProblem } from '../../core/profiles/profileProblem';
import { Disposable } from '../../platform/dispose';
import type { StatusBarDeps } from './statusBarDeps';
import { statusBarLook } from './statusBarPresentation';

/**
 * The status bar item of the active profile: its name and time left, coloured as expiry nears, updated when the label
 * would change. Clicking opens the profile quick pick. Hidden while there is no profile.
 */
export class StatusBarController extends Disposable {
  private readonly item = this._register(
    vscode.window.createStatusBarItem('oauthWorkbench.activeProfile', vscode.StatusBarAlignment.Left, 50),
  );
  private ticker: ReturnType<typeof setTimeout> | undefined;
  private backgroundId: string | undefined;
  private updating = Promise.resolve();

  constructor(private readonly services: StatusBarDeps) {
    super();
    this.item.name = vscode.l10n.t('OAuth Workbench profile');
    this.item.command = CommandIds.showProfileActions;
    const update = () => this.scheduleUpdate();
    this._register(services.profiles.onDidChange(update));
    this._register(services.vault.onDidChange(update));
    this._register(services.status.onDidChange(update));
    this._register({ dispose: () => clearTimeout(this.ticker) });
    update();
  }

  /** The text shown now; for tests. */
  get text(): string {
    return this.item.text;
  }

  /** The tooltip now; for tests. */
  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
  }

  /** The theme colour id of the background now (`statusBarItem.warningBackground`…), if any; for tests. */
  get background(): string | undefined {
    return this.backgroundId;
  }

  private scheduleUpdate(): void {
    this.updating = this.updating
      .then(() => this.update())
      .catch((err: unknown) => {
        this.services.log.error(`Status bar: ${err instanceof Error ? err.message : String(err)}`);
      });
  }

  private async update(): Promise<void> {
    clearTimeout(this.ticker);
    const profiles = this.services.profiles.list();
    const profile = profiles.find((p) => p.id === this.services.status.activeProfileId) ?? profiles[0];
    if (!profile || this.isDisposed) {
      this.item.hide();
      return;
    }
    let tokenSet;
    try {
      tokenSet = await this.services.vault.load(profile.id);
    } catch {
      this.item.text = `$(key) ${profile.label} · $(error)`;
      this.setBackground('statusBarItem.errorBackground');
      this.item.tooltip = vscode.l10n.t(
        'The stored tokens of "{0}" cannot be read. See the log.',
        profile.label,
      );
      this.item.show();
      return;
    }
    const now = Date.now();
    const left = tokenSet ? msUntilExpiry(tokenSet, now) : undefined;
    const problem = this.services.status.problemOf(profile.id, tokenSet);
    const words = problem ? describeProblem(problem, vscodeTranslate) : undefined;
    const look = statusBarLook(vscodeTranslate, profile.label, tokenSet !== undefined, left, words?.short);
    this.item.text = look.text;
    this.setBackground(look.background ? `statusBarItem.${look.background}Background` : undefined);
    this.item.tooltip = words
      ? vscode.l10n.t('{0}: {1} {2}', profile.label, words.sentence, words.nextStep)
      : tokenSet
        ? vscode.l10n.t(
            '{0}: access token {1}. Click for profiles and actions.',
            profile.label,
            describeExpiry(left, vscodeTranslate),
          )
        : vscode.l10n.t('{0}: signed out. Click for profiles and actions.', profile.label);
    this.item.show();
    if (tokenSet?.expires_at) {
      this.ticker = setTimeout(
        () => this.scheduleUpdate(),
        msUntilNextLabelChange([Date.parse(tokenSet.expires_at)], now),
      );
    }
  }

  private setBackground(id: string | undefined): void {
    this.backgroundId = id;
    this.item.backgroundColor = id ? new vscode.ThemeColor(id) : undefined;
  }
}
