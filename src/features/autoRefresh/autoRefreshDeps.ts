import type * as vscode from 'vscode';
import type { WorkspaceProfileRepository } from '../../platform/workspaceProfileRepository';
import type { ProfileStatusStore } from '../../platform/profileStatusStore';
import type { SecretStorageTokenVault } from '../../platform/secretStorageTokenVault';
import type { OAuthEngine } from '../../platform/oauthEngine';

/** What the auto-refresh scheduler may use of the services `activate()` builds, and nothing more. */
export interface AutoRefreshDeps {
  readonly log: vscode.LogOutputChannel;
  readonly profiles: Pick<WorkspaceProfileRepository, 'get' | 'list' | 'onDidChange'>;
  readonly vault: Pick<SecretStorageTokenVault, 'load' | 'onDidChange'>;
  readonly status: Pick<ProfileStatusStore, 'clearFailure' | 'recordFailure'>;
  readonly engine: Pick<OAuthEngine, 'tokenManager'>;
}
