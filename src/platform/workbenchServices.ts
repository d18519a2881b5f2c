import type * as vscode from 'vscode';
import type { OAuthEngine } from './oauthEngine';
import type { ProfileStatusStore } from './profileStatusStore';
import type { SecretStorageSecretStore } from './secretStorageSecretStore';
import type { SecretStorageTokenVault } from './secretStorageTokenVault';
import type { WorkspaceProfileRepository } from './workspaceProfileRepository';

/** The services `activate()` builds once and hands to every feature's `register…()` (constructor injection). */
export interface WorkbenchServices {
  readonly log: vscode.LogOutputChannel;
  readonly profiles: WorkspaceProfileRepository;
  readonly secretStore: SecretStorageSecretStore;
  readonly vault: SecretStorageTokenVault;
  readonly engine: OAuthEngine;
  readonly status: ProfileStatusStore;
}
