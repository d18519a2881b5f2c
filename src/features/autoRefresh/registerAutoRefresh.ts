import * as vscode from 'vscode';
import { WorkbenchServices } from '../../platform/workbenchServices';
import { AutoRefreshScheduler } from './autoRefreshScheduler';

/** Refresh ahead of expiry, and tell the user once when a token can no longer be refreshed. */
export function registerAutoRefresh(services: WorkbenchServices): vscode.Disposable {
  return new AutoRefreshScheduler(services);
}
