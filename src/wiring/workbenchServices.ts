import type * as vscode from 'vscode';
import type { OAuthEngine } from '../platform/oauthEngine';
import type { ProfileStatusStore } from '../platform/profileStatusStore';
import type { SecretStorageSecretStore } from '../platform/secretStorageSecretStore';
import type { SecretStorageTokenVault } from '../platform/secretStorageTokenVault';
import type { WorkspaceProfileRepository } from '../platform/workspaceProfileRepository';

/** The services `activate()` builds once and hands to every feature's `register…()` (constructor injection). */
export interface WorkbenchServices {
  readonly log: vscode.LogOutputChannel;
  readonly profiles: WorkspaceProfileRepository;
  readonly secretStore: SecretStorageSecretStore;
  readonly vault: SecretStorageTokenVault;
  readonly engine: OAuthEngine;
  readonly status: ProfileStatusStore;
  /** Where this extension host runs: the window's machine (UI) or the remote workspace's. */
  readonly extensionKind: vscode.ExtensionKind;
}
