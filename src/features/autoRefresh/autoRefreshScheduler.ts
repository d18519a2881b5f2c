import * as vscode from 'vscode';
import { SettingKeys } from '../../constants';
import { isOAuthWorkbenchError } from '../../core/oauth/oauthErrors';
import { ClientProfile } from '../../core/profiles/clientProfile';
import { refreshDelayMs } from '../../core/tokens/expiryLabels';
import {
  isRefreshTokenExpired,
  msUntilExpiry,
  possiblySpentWarning,
  TokenSet,
} from '../../core/tokens/tokenSet';
import { Disposable } from '../../platform/dispose';
import { vscodeTranslate } from '../../platform/vscodeTranslate';
import type { AutoRefreshDeps } from './autoRefreshDeps';
import type { KnowledgeActionKind } from '../../core/knowledge/knowledgeEntry';
import { OperationFailedError } from '../../platform/operationFailedError';
import { explainFailure, offerActions } from '../../platform/runCommand';

// setTimeout cannot wait longer than ~24.8 days; re-plan at least daily.
const MAX_TIMER_MS = 24 * 60 * 60_000;
const TRANSIENT_RETRY_MS = 60_000;
const TRANSIENT_CODES = new Set([
  'HTTP_TIMEOUT',
  'HTTP_CONNECTION_REFUSED',
  'HTTP_NETWORK',
  'HTTP_SERVER_ERROR',
]);

/**
 * Refreshes each profile's tokens shortly before the access token expires, when it has a refresh token and
 * `oauthWorkbench.autoRefresh` is on. When a token expired and cannot be refreshed, or the refresh was refused, the
 * user is told once per token set, with the troubleshooting guide's advice: the consent may have expired or been
 * revoked, so check it or sign in again.
 */
export class AutoRefreshScheduler extends Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly notified = new Set<string>();

  constructor(private readonly services: AutoRefreshDeps) {
    super();
    this._register(services.vault.onDidChange((id) => void this.plan(id)));
    this._register(services.profiles.onDidChange(() => this.planAll()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration(`${SettingKeys.section}.${SettingKeys.autoRefresh}`) ||
          e.affectsConfiguration(`${SettingKeys.section}.${SettingKeys.refreshAheadSeconds}`)
        ) {
          this.planAll();
        }
      }),
    );
    this._register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    // Not during activation: the first plan reads SecretStorage.
    this.setTimer('__startup__', () => this.planAll(), 1000);
  }

  private planAll(): void {
    for (const [id, timer] of this.timers) {
      clearTimeout(timer);
      this.timers.delete(id);
    }
    for (const profile of this.services.profiles.list()) {
      void this.plan(profile.id);
    }
  }

  private async plan(profileId: string): Promise<void> {
    clearTimeout(this.timers.get(profileId));
    this.timers.delete(profileId);
    const profile = this.services.profiles.get(profileId);
    if (!profile || this.isDisposed) {
      return;
    }
    let tokenSet: TokenSet | undefined;
    try {
      tokenSet = await this.services.vault.load(profileId);
    } catch (err) {
      this.services.log.error(
        `Auto-refresh of "${profile.label}": ${err instanceof Error ? err.message : String(err)}`,
      );
      return;
    }
    const spent = tokenSet ? possiblySpentWarning(tokenSet, vscodeTranslate) : undefined;
    if (tokenSet && spent && !(await this.services.engine.tokenManager()).isRefreshing(profileId)) {
      // A refresh whose answer was lost (timeout, or the window closed mid-refresh): say so once, before anything else.
      this.notifyOnce(profile, tokenSet, vscode.l10n.t('"{0}": {1}', profile.label, spent), true);
    }
    const now = Date.now();
    const left = tokenSet ? msUntilExpiry(tokenSet, now) : undefined;
    if (!tokenSet || left === undefined) {
      return;
    }
    const refreshable = tokenSet.refresh_token !== undefined && !isRefreshTokenExpired(tokenSet, now);
    if (refreshable && this.enabled()) {
      const lifetime = tokenSet.expires_at
        ? Date.parse(tokenSet.expires_at) - Date.parse(tokenSet.received_at)
        : undefined;
      const delay = refreshDelayMs(left, lifetime, this.aheadMs());
      this.setTimer(profileId, () => void this.refresh(profile), delay);
    } else if (!refreshable && left <= 0) {
      this.notifyOnce(
        profile,
        tokenSet,
        vscode.l10n.t(
          'The access token of "{0}" expired and cannot be refreshed. The consent may have expired or been revoked: check the consent, or sign in again.',
          profile.label,
        ),
      );
    } else if (!refreshable) {
      this.setTimer(profileId, () => void this.plan(profileId), left + 50);
    }
  }

  private async refresh(profile: ClientProfile): Promise<void> {
    // Another window may have refreshed already (refresh tokens are single-use): look again before spending it.
    const current = await this.services.vault.load(profile.id);
    const left = current ? msUntilExpiry(current, Date.now()) : undefined;
    if (!current || left === undefined || left > this.aheadMs() + 5000) {
      void this.plan(profile.id);
      return;
    }
    try {
      this.services.log.info(`Auto-refresh: refreshing "${profile.label}" ahead of expiry.`);
      await (await this.services.engine.tokenManager()).refresh(profile);
      this.services.status.clearFailure(profile.id);
    } catch (err) {
      const { report } = await explainFailure(
        this.services,
        new OperationFailedError('refresh', profile, err),
      );
      if (isOAuthWorkbenchError(err) && TRANSIENT_CODES.has(err.code)) {
        this.setTimer(profile.id, () => void this.refresh(profile), TRANSIENT_RETRY_MS);
        return;
      }
      if (isOAuthWorkbenchError(err, 'REFRESH_OUTCOME_UNKNOWN')) {
        // Not a consent problem: the message says what happened and that refreshing again tells whether it is spent.
        this.notifyOnce(profile, current, report.message, true);
        return;
      }
      this.notifyOnce(
        profile,
        current,
        `${report.message} ${vscode.l10n.t('The consent may have expired or been revoked: check the consent, or sign in again.')}`,
      );
    }
  }

  private notifyOnce(
    profile: ClientProfile,
    tokenSet: TokenSet,
    message: string,
    offerRefresh = false,
  ): void {
    const key = `${profile.id}\u0000${tokenSet.received_at}`;
    if (this.notified.has(key)) {
      return;
    }
    this.notified.add(key);
    this.services.log.warn(message);
    const actions: KnowledgeActionKind[] = offerRefresh ? ['refreshToken', 'signIn'] : ['signIn'];
    if (profile.consentDetailsEndpoint && tokenSet.consent_id) {
      actions.push('checkConsent');
    }
    // Reported through the error boundary's notice, as a warning: nothing the user ran failed.
    offerActions({ severity: 'warning', message, profileId: profile.id, actions, showLog: false });
  }

  private setTimer(key: string, run: () => void, delayMs: number): void {
    clearTimeout(this.timers.get(key));
    const capped = Math.min(delayMs, MAX_TIMER_MS);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (capped < delayMs) {
          void this.plan(key);
        } else {
          run();
        }
      }, capped),
    );
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration(SettingKeys.section).get<boolean>(SettingKeys.autoRefresh, true);
  }

  private aheadMs(): number {
    const seconds = vscode.workspace
      .getConfiguration(SettingKeys.section)
      .get<number>(SettingKeys.refreshAheadSeconds, 120);
    return Math.max(0, seconds) * 1000;
  }
}
