import * as vscode from 'vscode';
import { ViewIds } from '../../constants';

/**
 * The Tokens view. Until profiles exist it has no items, so VS Code shows the view's welcome content
 * (contributed in package.json) instead of an empty tree.
 */
export function registerTokensView(): vscode.Disposable {
  const provider: vscode.TreeDataProvider<never> = {
    getTreeItem: (element) => element,
    getChildren: () => [],
  };
  const view = vscode.window.createTreeView(ViewIds.tokens, {
    treeDataProvider: provider,
    showCollapseAll: false,
  });
  return vscode.Disposable.from(view);
}
