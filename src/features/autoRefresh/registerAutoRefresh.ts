import * as vscode from 'vscode';
import type { AutoRefreshDeps } from './autoRefreshDeps';
import { AutoRefreshScheduler } from './autoRefreshScheduler';

/** Refresh ahead of expiry, and tell the user once when a token can no longer be refreshed. */
export function registerAutoRefresh(services: AutoRefreshDeps): vscode.Disposable {
  return new AutoRefreshScheduler(services);
}
