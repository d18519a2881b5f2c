import type * as vscode from 'vscode';
import type { WorkspaceProfileRepository } from '../../platform/workspaceProfileRepository';
import type { SecretStorageTokenVault } from '../../platform/secretStorageTokenVault';
import type { OAuthEngine } from '../../platform/oauthEngine';

/** What the authentication provider may use of the services `activate()` builds, and nothing more. */
export interface AuthProviderDeps {
  readonly log: vscode.LogOutputChannel;
  readonly profiles: Pick<WorkspaceProfileRepository, 'get' | 'list'>;
  readonly vault: Pick<SecretStorageTokenVault, 'load' | 'onDidChange'>;
  readonly engine: Pick<OAuthEngine, 'tokenManager'>;
}
