import * as vscode from 'vscode';
import { escapeMarkdownText, markdownCodeSpan } from '../../core/text/markdownText';
import { consentTooltip } from '../../core/consent/consentSummary';
import { CommandIds, TreeItemContexts } from '../../constants';
import { decodeJwtUnverified } from '../../core/tokens/decodeJwt';
import { describeExpiry, msUntilNextLabelChange } from '../../core/tokens/expiryLabels';
import { renderText } from '../../core/text/localText';
import { vscodeTranslate } from '../../platform/vscodeTranslate';
import { tokenFingerprint } from '../../core/tokens/tokenFingerprint';
import { msUntilExpiry, possiblySpentWarning } from '../../core/tokens/tokenSet';
import { presetOf } from '../../core/profiles/profilePresets';
import { describeProblem } from '../../core/profiles/profileProblem';
import { actionButton } from '../../platform/knowledgeActions';
import { Disposable } from '../../platform/dispose';
import type { TokensViewDeps } from './tokensViewDeps';
import { endpointsOf } from '../../core/profiles/profileEndpoints';
import {
  profileContextValue,
  ProfileSnapshot,
  STATE_LOOK,
  describeClaim,
  localTime,
  profileStateOf,
  TokenTreeNode,
} from './tokenTreeNodes';
import { profileStateText } from './profileStateText';
import { treeItemAccessibility } from './treeItemAccessibility';

/**
 * The token explorer: each profile's state, its tokens, scopes, consent, claims and endpoints. Time-dependent labels
 * are refreshed item by item when they would read differently. Never shows a token: fingerprints only.
 */
export class TokensTreeDataProvider extends Disposable implements vscode.TreeDataProvider<TokenTreeNode> {
  private readonly _onDidChangeTreeData = this._register(
    new vscode.EventEmitter<TokenTreeNode | TokenTreeNode[] | undefined>(),
  );
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly snapshots = new Map<string, ProfileSnapshot>();
  private readonly nodes = new Map<string, TokenTreeNode>();
  private ticker: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: TokensViewDeps) {
    super();
    this._register(services.profiles.onDidChange(() => this.refreshAll()));
    this._register(services.vault.onDidChange((id) => void this.reload(id)));
    this._register(services.secretStore.onDidChange((id) => void this.reload(id)));
    this._register(services.status.onDidChange((id) => (id ? this.fireProfile(id) : undefined)));
    this._register({ dispose: () => clearTimeout(this.ticker) });
  }

  /** The consent id of a loaded profile (for the tree's copy action). */
  consentIdOf(profileId: string): string | undefined {
    return this.snapshots.get(profileId)?.tokenSet?.consent_id;
  }

  /** The node objects the tree holds for a profile's items, for tests and single-item refreshes. */
  nodeFor<K extends 'profile' | 'accessToken' | 'refreshToken'>(
    kind: K,
    profileId: string,
  ): Extract<TokenTreeNode, { kind: K }> {
    return this.stable({ kind, profileId } as Extract<TokenTreeNode, { kind: K }>);
  }

  async getChildren(element?: TokenTreeNode): Promise<TokenTreeNode[]> {
    if (!element) {
      await this.loadAll();
      return [
        ...this.services.profiles.list().map((p) => this.nodeFor('profile', p.id)),
        ...this.services.profiles
          .invalidEntries()
          .map((entry): TokenTreeNode => ({ kind: 'invalid', entry })),
      ];
    }
    if (!('profileId' in element)) {
      return [];
    }
    const snapshot = this.snapshots.get(element.profileId);
    if (!snapshot) {
      return [];
    }
    const id = element.profileId;
    const tokenSet = snapshot.tokenSet;
    switch (element.kind) {
      case 'profile': {
        const children: TokenTreeNode[] = [];
        if (tokenSet) {
          children.push(this.nodeFor('accessToken', id));
          if (tokenSet.refresh_token) {
            children.push(this.nodeFor('refreshToken', id));
          }
          children.push({ kind: 'scopes', profileId: id });
          if (tokenSet.consent_id) {
            children.push({ kind: 'consent', profileId: id });
          }
          if (this.claimsOf(snapshot)) {
            children.push({ kind: 'claims', profileId: id });
          }
        } else {
          children.push({ kind: 'signInHint', profileId: id });
        }
        children.push({ kind: 'endpoints', profileId: id });
        return children;
      }
      case 'scopes':
        return (tokenSet?.scope?.split(/\s+/).filter(Boolean) ?? snapshot.profile.scopes).map((scope) => ({
          kind: 'scope',
          profileId: id,
          scope,
        }));
      case 'claims':
        return Object.entries(this.claimsOf(snapshot)?.claims ?? {}).map(([name, value]) => ({
          kind: 'claim',
          profileId: id,
          name,
          value,
        }));
      case 'endpoints':
        return endpointsOf(snapshot.profile).map(([name, value]) => ({
          kind: 'endpoint',
          profileId: id,
          name,
          value,
        }));
      default:
        return [];
    }
  }

  getTreeItem(element: TokenTreeNode): vscode.TreeItem {
    if (element.kind === 'invalid') {
      const item = new vscode.TreeItem(
        element.entry.label ?? element.entry.id ?? vscode.l10n.t('Profile {0}', element.entry.index + 1),
        vscode.TreeItemCollapsibleState.None,
      );
      item.description = vscode.l10n.t('invalid settings entry');
      item.tooltip = element.entry.message;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.contextValue = TreeItemContexts.invalidProfile;
      item.accessibilityInformation = treeItemAccessibility(item, element.kind, undefined, 0);
      item.command = {
        command: 'workbench.action.openSettingsJson',
        title: vscode.l10n.t('Open Settings (JSON)'),
      };
      return item;
    }
    const snapshot = this.snapshots.get(element.profileId);
    if (!snapshot) {
      return new vscode.TreeItem(element.profileId);
    }
    const now = Date.now();
    const item = this.buildItem(element, snapshot, now);
    item.accessibilityInformation = treeItemAccessibility(item, element.kind, snapshot.tokenSet, now);
    item.id = `${element.profileId}/${element.kind}/${'name' in element ? element.name : 'scope' in element ? element.scope : ''}`;
    return item;
  }

  private buildItem(
    element: Exclude<TokenTreeNode, { kind: 'invalid' }>,
    snapshot: ProfileSnapshot,
    now: number,
  ) {
    const { profile, tokenSet } = snapshot;
    const None = vscode.TreeItemCollapsibleState.None;
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    const arg = { profileId: profile.id };
    // What the last answer proved (refresh token refused, consent ended, secret refused) and its one fitting action.
    const problem = this.services.status.problemOf(profile.id, tokenSet);
    const words = problem ? describeProblem(problem, vscodeTranslate) : undefined;
    switch (element.kind) {
      case 'profile': {
        const failure = this.services.status.failureOf(profile.id);
        const state = profileStateOf(snapshot, failure !== undefined || problem !== undefined, now);
        const look = STATE_LOOK[state];
        const item = new vscode.TreeItem(profile.label, vscode.TreeItemCollapsibleState.Collapsed);
        const left = tokenSet ? msUntilExpiry(tokenSet, now) : undefined;
        item.description = words
          ? `${words.short} · ${actionButton(words.action)}`
          : state === 'signedIn' || state === 'expired'
            ? `${profileStateText(state)} · ${describeExpiry(left, vscodeTranslate)}`
            : profileStateText(state);
        item.iconPath = new vscode.ThemeIcon(
          look.icon,
          look.color ? new vscode.ThemeColor(look.color) : undefined,
        );
        item.contextValue = profileContextValue(look.context, problem, tokenSet?.consent_id !== undefined);
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendMarkdown(
          `**${escapeMarkdownText(profile.label)}** — ${escapeMarkdownText(renderText(presetOf(profile.preset).label, vscodeTranslate))}\n\n`,
        );
        tooltip.appendMarkdown(
          `${vscode.l10n.t('State: {0}', profileStateText(state))}${tokenSet ? vscode.l10n.t(', access token {0}', describeExpiry(left, vscodeTranslate)) : ''}\n\n`,
        );
        tooltip.appendMarkdown(`${vscode.l10n.t('Client id: {0}', markdownCodeSpan(profile.client_id))}\n\n`);
        if (words) {
          tooltip.appendMarkdown(
            `$(error) ${escapeMarkdownText(words.sentence)} ${escapeMarkdownText(words.nextStep)}\n\n`,
          );
        }
        if (snapshot.loadError) {
          tooltip.appendMarkdown(
            `${vscode.l10n.t('Stored tokens: {0}', escapeMarkdownText(snapshot.loadError))}\n\n`,
          );
        }
        const spent = tokenSet ? possiblySpentWarning(tokenSet, vscodeTranslate) : undefined;
        if (spent) {
          tooltip.appendMarkdown(`$(warning) ${escapeMarkdownText(spent)}\n\n`);
        }
        if (failure) {
          tooltip.appendMarkdown(vscode.l10n.t('Last failure: {0}', escapeMarkdownText(failure.message)));
        }
        item.tooltip = tooltip;
        return item;
      }
      case 'accessToken': {
        const left = tokenSet ? msUntilExpiry(tokenSet, now) : undefined;
        const item = new vscode.TreeItem(vscode.l10n.t('Access token'), None);
        item.description = describeExpiry(left, vscodeTranslate);
        item.tooltip = tokenSet
          ? vscode.l10n.t(
              '{0} token, fingerprint {1}, expires at {2}',
              tokenSet.token_type,
              tokenFingerprint(tokenSet.access_token),
              tokenSet.expires_at ?? vscode.l10n.t('an unknown time'),
            )
          : undefined;
        item.iconPath = new vscode.ThemeIcon(left !== undefined && left <= 0 ? 'warning' : 'key');
        item.contextValue = TreeItemContexts.accessToken;
        item.command = {
          command: CommandIds.showTokenDetails,
          title: vscode.l10n.t('Show Token Details'),
          arguments: [arg],
        };
        return item;
      }
      case 'refreshToken': {
        const item = new vscode.TreeItem(vscode.l10n.t('Refresh token'), None);
        const singleUse = presetOf(profile.preset).facts.singleUseRefreshTokens;
        const expiry = tokenSet?.refresh_token_expires_at
          ? describeExpiry(Date.parse(tokenSet.refresh_token_expires_at) - now, vscodeTranslate)
          : undefined;
        // A refresh whose answer was lost may have used it up (see TokenSet.refresh_attempted_at).
        const spent = tokenSet ? possiblySpentWarning(tokenSet, vscodeTranslate) : undefined;
        const refused = problem?.kind === 'refreshTokenRefused' ? words : undefined;
        item.description = [
          refused ? vscode.l10n.t('refused by the server') : undefined,
          spent ? vscode.l10n.t('may be spent') : undefined,
          singleUse ? vscode.l10n.t('single-use') : undefined,
          refused ? undefined : expiry,
        ]
          .filter(Boolean)
          .join(' · ');
        item.tooltip = tokenSet?.refresh_token
          ? [
              vscode.l10n.t('Refresh token, fingerprint {0}', tokenFingerprint(tokenSet.refresh_token)),
              refused ? `${refused.sentence} ${refused.nextStep}` : undefined,
              spent,
            ]
              .filter(Boolean)
              .join('\n\n')
          : undefined;
        item.iconPath = refused
          ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
          : new vscode.ThemeIcon(spent ? 'warning' : 'sync');
        item.contextValue = TreeItemContexts.refreshToken;
        return item;
      }
      case 'scopes': {
        const item = new vscode.TreeItem(vscode.l10n.t('Scopes'), Collapsed);
        item.description = tokenSet?.scope ?? profile.scopes.join(' ');
        item.iconPath = new vscode.ThemeIcon('checklist');
        item.contextValue = TreeItemContexts.detail;
        return item;
      }
      case 'scope': {
        const item = new vscode.TreeItem(element.scope, None);
        item.contextValue = TreeItemContexts.detail;
        return item;
      }
      case 'consent': {
        const item = new vscode.TreeItem(vscode.l10n.t('Consent'), None);
        const ended =
          problem?.kind === 'consentEnded' || problem?.kind === 'consentInDoubt' ? words : undefined;
        item.description = [ended?.short, tokenSet?.consent_id].filter(Boolean).join(' · ');
        const checked = this.services.status.consentOf(element.profileId);
        item.tooltip = tokenSet?.consent_id
          ? consentTooltip(tokenSet.consent_id, checked, localTime, vscodeTranslate)
          : undefined;
        item.iconPath = ended
          ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
          : new vscode.ThemeIcon('shield');
        item.contextValue = TreeItemContexts.consentId;
        item.command = {
          command: CommandIds.checkConsent,
          title: vscode.l10n.t('Check Consent'),
          arguments: [arg],
        };
        return item;
      }
      case 'claims': {
        const claims = this.claimsOf(snapshot);
        const item = new vscode.TreeItem(
          claims?.source === 'id_token'
            ? vscode.l10n.t('ID token claims')
            : vscode.l10n.t('Access token claims'),
          Collapsed,
        );
        item.description = vscode.l10n.t('decoded, unverified');
        item.tooltip = vscode.l10n.t(
          'Decoded from the JWT without checking its signature: do not rely on them.',
        );
        item.iconPath = new vscode.ThemeIcon('unverified');
        item.contextValue = TreeItemContexts.detail;
        return item;
      }
      case 'claim': {
        const item = new vscode.TreeItem(element.name, None);
        item.description = describeClaim(element.name, element.value);
        item.contextValue = TreeItemContexts.detail;
        return item;
      }
      case 'endpoints': {
        const item = new vscode.TreeItem(vscode.l10n.t('Endpoints'), Collapsed);
        item.iconPath = new vscode.ThemeIcon('globe');
        item.contextValue = TreeItemContexts.detail;
        return item;
      }
      case 'endpoint': {
        const item = new vscode.TreeItem(element.name, None);
        item.description = element.value;
        item.tooltip = element.value;
        item.contextValue = TreeItemContexts.detail;
        return item;
      }
      case 'signInHint': {
        const item = new vscode.TreeItem(vscode.l10n.t('Not signed in: click to sign in'), None);
        item.iconPath = new vscode.ThemeIcon('sign-in');
        item.command = { command: CommandIds.signIn, title: vscode.l10n.t('Sign In'), arguments: [arg] };
        return item;
      }
    }
  }

  private claimsOf(snapshot: ProfileSnapshot) {
    const tokenSet = snapshot.tokenSet;
    const access = tokenSet ? decodeJwtUnverified(tokenSet.access_token) : undefined;
    if (access) {
      return { source: 'access_token' as const, claims: access.claims };
    }
    const id = tokenSet?.id_token ? decodeJwtUnverified(tokenSet.id_token) : undefined;
    return id ? { source: 'id_token' as const, claims: id.claims } : undefined;
  }

  private async loadAll(): Promise<void> {
    const profiles = this.services.profiles.list();
    await Promise.all(profiles.map((profile) => this.load(profile.id)));
    for (const id of [...this.snapshots.keys()]) {
      if (!profiles.some((p) => p.id === id)) {
        this.snapshots.delete(id);
      }
    }
    this.scheduleTick();
  }

  private async load(profileId: string): Promise<void> {
    const profile = this.services.profiles.get(profileId);
    if (!profile) {
      this.snapshots.delete(profileId);
      return;
    }
    try {
      const [tokenSet, secret] = await Promise.all([
        this.services.vault.load(profileId),
        this.services.secretStore.getClientSecret(profileId),
      ]);
      this.snapshots.set(profileId, { profile, tokenSet, hasSecret: secret !== undefined });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.services.log.error(
        `The token explorer could not read the stored data of "${profile.label}": ${message}`,
      );
      this.snapshots.set(profileId, { profile, hasSecret: false, loadError: message });
    }
  }

  private async reload(profileId: string): Promise<void> {
    await this.load(profileId);
    this.fireProfile(profileId);
    this.scheduleTick();
  }

  private fireProfile(profileId: string): void {
    if (this.snapshots.has(profileId)) {
      this._onDidChangeTreeData.fire(this.nodeFor('profile', profileId));
    }
  }

  private refreshAll(): void {
    this._onDidChangeTreeData.fire(undefined);
  }

  /** Re-renders only the items whose words depend on the clock, at the moment the next one would change. */
  private scheduleTick(): void {
    clearTimeout(this.ticker);
    if (this.isDisposed) {
      return;
    }
    const expiries: number[] = [];
    for (const { tokenSet } of this.snapshots.values()) {
      for (const iso of [tokenSet?.expires_at, tokenSet?.refresh_token_expires_at]) {
        if (iso) {
          expiries.push(Date.parse(iso));
        }
      }
    }
    if (expiries.length === 0) {
      return;
    }
    this.ticker = setTimeout(
      () => {
        const timed: TokenTreeNode[] = [];
        for (const [id, { tokenSet }] of this.snapshots) {
          if (tokenSet) {
            timed.push(this.nodeFor('profile', id), this.nodeFor('accessToken', id));
            if (tokenSet.refresh_token) {
              timed.push(this.nodeFor('refreshToken', id));
            }
          }
        }
        this._onDidChangeTreeData.fire(timed);
        this.scheduleTick();
      },
      msUntilNextLabelChange(expiries, Date.now()),
    );
  }

  private stable<T extends TokenTreeNode & { profileId: string }>(node: T): T {
    const key = `${node.kind}/${node.profileId}`;
    let existing = this.nodes.get(key) as T | undefined;
    if (!existing) {
      existing = node;
      this.nodes.set(key, node);
    }
    return existing;
  }
}
