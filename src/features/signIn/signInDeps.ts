import type * as vscode from 'vscode';
import type { SecretStore } from '../../core/profiles/secretStore';
import type { TokenVault } from '../../core/tokens/tokenVault';
import type { WorkspaceProfileRepository } from '../../platform/workspaceProfileRepository';
import type { ProfileStatusStore } from '../../platform/profileStatusStore';
import type { OAuthEngine } from '../../platform/oauthEngine';
import type { CommandContext } from '../../platform/runCommand';
import type { ProfilePickerDeps } from '../../platform/resolveProfile';

/** What sign-in, refresh, revoke and sign-out may use of the services `activate()` builds, and nothing more. */
export interface SignInDeps extends CommandContext, ProfilePickerDeps {
  readonly profiles: Pick<WorkspaceProfileRepository, 'get' | 'list' | 'save'>;
  /** Handed to the engine's sign-in as they are. */
  readonly secretStore: SecretStore;
  readonly vault: TokenVault;
  readonly status: Pick<
    ProfileStatusStore,
    'activeProfileId' | 'setActiveProfile' | 'clearFailure' | 'recordFailure' | 'noteAnswer'
  >;
  readonly engine: Pick<OAuthEngine, 'httpClientFor' | 'loopbackReceiver' | 'tokenManager'>;
  /** Decides whether the browser's redirect can reach the loopback server (see `loopbackReach`). */
  readonly extensionKind?: vscode.ExtensionKind;
}
