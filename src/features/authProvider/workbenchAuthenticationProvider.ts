import * as vscode from 'vscode';
import { CommandIds, PROFILE_SCOPE_PREFIX } from '../../constants';
import { ClientProfile } from '../../core/profiles/clientProfile';
import { isAccessTokenExpired, TokenSet } from '../../core/tokens/tokenSet';
import { Disposable } from '../../platform/dispose';
import type { AuthProviderDeps } from './authProviderDeps';
import type { OperationResult } from '../../platform/operationResult';

/**
 * Lets other extensions borrow a profile's access token through `vscode.authentication.getSession('oauthWorkbench',
 * ['profile:<id>', …scopes])`, with VS Code asking the user's permission; the Accounts menu lists signed-in
 * profiles. A session's id is the profile id; its scopes are the granted scopes plus `profile:<id>`.
 */
export class WorkbenchAuthenticationProvider extends Disposable implements vscode.AuthenticationProvider {
  private readonly _onDidChangeSessions = this._register(
    new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>(),
  );
  readonly onDidChangeSessions = this._onDidChangeSessions.event;
  private readonly known = new Map<string, vscode.AuthenticationSession>();

  constructor(private readonly services: AuthProviderDeps) {
    super();
    this._register(services.vault.onDidChange((id) => void this.announce(id)));
  }

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    const sessions: vscode.AuthenticationSession[] = [];
    for (const profile of this.matchingProfiles(scopes)) {
      const session = await this.sessionOf(profile);
      if (session && covers(session, scopes)) {
        sessions.push(session);
      }
    }
    return sessions;
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const candidates = this.matchingProfiles(scopes);
    let profile: ClientProfile | undefined = candidates[0];
    if (candidates.length > 1) {
      const picked = await vscode.window.showQuickPick(
        candidates.map((p) => ({ label: p.label, description: p.id, profile: p })),
        {
          placeHolder: vscode.l10n.t('Sign in with which OAuth Workbench profile?'),
          matchOnDescription: true,
        },
      );
      profile = picked?.profile;
    }
    if (!profile) {
      throw new vscode.CancellationError();
    }
    const result = await vscode.commands.executeCommand<OperationResult | undefined>(CommandIds.signIn, {
      profileId: profile.id,
    });
    const session = result?.ok ? await this.sessionOf(profile) : undefined;
    if (!session) {
      throw new Error(
        result?.failure?.message ?? vscode.l10n.t('Sign-in to "{0}" did not finish.', profile.label),
      );
    }
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    await vscode.commands.executeCommand(CommandIds.signOut, { profileId: sessionId });
  }

  private matchingProfiles(scopes: readonly string[] | undefined): ClientProfile[] {
    const named = scopes?.find((s) => s.startsWith(PROFILE_SCOPE_PREFIX))?.slice(PROFILE_SCOPE_PREFIX.length);
    return this.services.profiles.list().filter((p) => named === undefined || p.id === named);
  }

  /** The session of a signed-in profile, with a token refreshed first when it expired (and can be). */
  private async sessionOf(profile: ClientProfile): Promise<vscode.AuthenticationSession | undefined> {
    let tokenSet: TokenSet | undefined = await this.services.vault.load(profile.id);
    if (!tokenSet) {
      return undefined;
    }
    if (isAccessTokenExpired(tokenSet, Date.now(), 30_000)) {
      if (!tokenSet.refresh_token) {
        return undefined;
      }
      try {
        tokenSet = await (await this.services.engine.tokenManager()).refresh(profile);
      } catch (err) {
        // An expired token is no session; the refresh failure itself is reported by the explorer and auto-refresh.
        this.services.log.warn(
          `Authentication session of "${profile.label}" withheld: the refresh failed (${err instanceof Error ? err.message : String(err)}).`,
        );
        return undefined;
      }
    }
    return toSession(profile, tokenSet);
  }

  private async announce(profileId: string): Promise<void> {
    const profile = this.services.profiles.get(profileId);
    const before = this.known.get(profileId);
    const tokenSet = profile ? await this.services.vault.load(profileId).catch(() => undefined) : undefined;
    const after = profile && tokenSet ? toSession(profile, tokenSet) : undefined;
    if (after) {
      this.known.set(profileId, after);
    } else {
      this.known.delete(profileId);
    }
    if (!before && after) {
      this._onDidChangeSessions.fire({ added: [after], removed: [], changed: [] });
    } else if (before && !after) {
      this._onDidChangeSessions.fire({ added: [], removed: [before], changed: [] });
    } else if (before && after) {
      this._onDidChangeSessions.fire({ added: [], removed: [], changed: [after] });
    }
  }
}

function toSession(profile: ClientProfile, tokenSet: TokenSet): vscode.AuthenticationSession {
  const granted = tokenSet.scope?.split(/\s+/).filter(Boolean) ?? [...profile.scopes];
  return {
    id: profile.id,
    accessToken: tokenSet.access_token,
    account: { id: profile.id, label: profile.label },
    scopes: [`${PROFILE_SCOPE_PREFIX}${profile.id}`, ...granted],
  };
}

function covers(session: vscode.AuthenticationSession, scopes: readonly string[] | undefined): boolean {
  return (scopes ?? []).every((scope) => session.scopes.includes(scope));
}
