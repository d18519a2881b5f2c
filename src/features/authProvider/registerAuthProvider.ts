import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, EXTENSION_NAME } from '../../constants';
import { WorkbenchServices } from '../../platform/workbenchServices';
import { WorkbenchAuthenticationProvider } from './workbenchAuthenticationProvider';

/** Registers the `oauthWorkbench` authentication provider (contributed in package.json `authentication`). */
export function registerAuthProvider(services: WorkbenchServices): vscode.Disposable {
  const provider = new WorkbenchAuthenticationProvider(services);
  return vscode.Disposable.from(
    provider,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, EXTENSION_NAME, provider, {
      supportsMultipleAccounts: true,
    }),
  );
}
