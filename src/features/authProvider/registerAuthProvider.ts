import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, EXTENSION_NAME } from '../../constants';
import type { AuthProviderDeps } from './authProviderDeps';
import { WorkbenchAuthenticationProvider } from './workbenchAuthenticationProvider';

/**
 * Registers the `oauthWorkbench` authentication provider (contributed in package.json `authentication`). Returns the
 * provider too, for tests that read its sessions.
 */
export function registerAuthProvider(services: AuthProviderDeps): vscode.Disposable & {
  readonly provider: WorkbenchAuthenticationProvider;
} {
  const provider = new WorkbenchAuthenticationProvider(services);
  const disposable = vscode.Disposable.from(
    provider,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, EXTENSION_NAME, provider, {
      supportsMultipleAccounts: true,
    }),
  );
  return { provider, dispose: () => disposable.dispose() };
}
