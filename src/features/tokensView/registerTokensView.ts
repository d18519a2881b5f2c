import * as vscode from 'vscode';
import { ViewIds } from '../../constants';
import type { TokensViewDeps } from './tokensViewDeps';
import { registerCopyValueCommand } from './copyValueCommand';
import { TokensTreeDataProvider } from './tokensTreeDataProvider';

/**
 * The Tokens view. Without profiles it has no items, so VS Code shows the view's welcome content (Add profile, Open
 * walkthrough; contributed in package.json). Returns the provider too, for tests that read the items.
 */
export function registerTokensView(services: TokensViewDeps): vscode.Disposable & {
  readonly provider: TokensTreeDataProvider;
} {
  const provider = new TokensTreeDataProvider(services);
  const view = vscode.window.createTreeView(ViewIds.tokens, {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  const disposable = vscode.Disposable.from(
    provider,
    view,
    registerCopyValueCommand(services, (id) => provider.consentIdOf(id)),
  );
  return { provider, dispose: () => disposable.dispose() };
}
