import * as vscode from 'vscode';
import type { TokenTreeNode } from '../../../src/features/tokensView/tokenTreeNodes';
import type { WorkbenchTestApi } from '../../../src/wiring/workbenchTestApi';

/** Every label, description and tooltip of the token explorer, expanded all the way down, one item per line. */
export async function treeTexts(api: WorkbenchTestApi): Promise<string> {
  const lines: string[] = [];
  const visit = async (node?: TokenTreeNode): Promise<void> => {
    for (const child of await api.tokensTree.getChildren(node)) {
      const item = api.tokensTree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const tooltip =
        item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : (item.tooltip ?? '');
      lines.push(`${label} | ${String(item.description ?? '')} | ${tooltip}`);
      await visit(child);
    }
  };
  await visit();
  return lines.join('\n');
}
