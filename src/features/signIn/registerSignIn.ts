import * as vscode from 'vscode';
import type { SignInDeps } from './signInDeps';
import { registerDeviceSignInCommand } from './deviceSignInCommand';
import { registerRefreshTokenCommand } from './refreshTokenCommand';
import { registerRevokeTokenCommand } from './revokeTokenCommand';
import { registerSignInCommand } from './signInCommand';
import { registerSignOutCommand } from './signOutCommand';

/** The token lifecycle commands: sign in, refresh, revoke, sign out. */
export function registerSignIn(services: SignInDeps): vscode.Disposable {
  return vscode.Disposable.from(
    registerSignInCommand(services),
    registerDeviceSignInCommand(services),
    registerRefreshTokenCommand(services),
    registerRevokeTokenCommand(services),
    registerSignOutCommand(services),
  );
}
