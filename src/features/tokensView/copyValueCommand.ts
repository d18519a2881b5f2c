import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { registerCommand } from '../../platform/runCommand';
import type { TokensViewDeps } from './tokensViewDeps';
import { TokenTreeNode } from './tokenTreeNodes';

/** `oauthWorkbench.copyValue` (tree only): copies what a detail item shows. Token nodes have their own command. */
export function registerCopyValueCommand(
  services: TokensViewDeps,
  consentIdOf: (profileId: string) => string | undefined,
): vscode.Disposable {
  return registerCommand(CommandIds.copyValue, services, async (arg?: unknown) => {
    const node = arg as TokenTreeNode | undefined;
    const value = node?.kind ? valueOf(node, consentIdOf) : undefined;
    if (value === undefined) {
      return;
    }
    await vscode.env.clipboard.writeText(value);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied'), 3000);
  });
}

function valueOf(
  node: TokenTreeNode,
  consentIdOf: (profileId: string) => string | undefined,
): string | undefined {
  switch (node.kind) {
    case 'endpoint':
      return node.value;
    case 'scope':
      return node.scope;
    case 'claim':
      return typeof node.value === 'string' ? node.value : JSON.stringify(node.value);
    case 'consent':
      return consentIdOf(node.profileId);
    default:
      return undefined;
  }
}
