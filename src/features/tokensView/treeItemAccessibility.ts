import * as vscode from 'vscode';
import { describeExpiry } from '../../core/tokens/expiryLabels';
import { spokenExpiry } from '../../core/tokens/spokenExpiry';
import { msUntilExpiry, type TokenSet } from '../../core/tokens/tokenSet';
import { vscodeTranslate } from '../../platform/vscodeTranslate';
import type { TokenTreeNode } from './tokenTreeNodes';

/** Milliseconds left on the token a node describes, when its words depend on the clock. */
function msLeftOf(
  kind: TokenTreeNode['kind'],
  tokenSet: TokenSet | undefined,
  now: number,
): number | undefined {
  if (!tokenSet) {
    return undefined;
  }
  if (kind === 'profile' || kind === 'accessToken') {
    return msUntilExpiry(tokenSet, now);
  }
  if (kind === 'refreshToken' && tokenSet.refresh_token_expires_at) {
    return Date.parse(tokenSet.refresh_token_expires_at) - now;
  }
  return undefined;
}

/**
 * What a screen reader says for a tree item: its label and description, with the compact expiry ("55 min") spelled
 * out ("expires in 55 minutes") and the "·" separators read as pauses.
 */
export function treeItemAccessibility(
  item: vscode.TreeItem,
  kind: TokenTreeNode['kind'],
  tokenSet: TokenSet | undefined,
  now: number,
): vscode.AccessibilityInformation {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  let description = typeof item.description === 'string' ? item.description : '';
  const left = msLeftOf(kind, tokenSet, now);
  if (left !== undefined) {
    description = description.replace(
      describeExpiry(left, vscodeTranslate),
      spokenExpiry(left, vscodeTranslate),
    );
  }
  const parts = [label, ...description.split(' · ')].map((part) => part.trim()).filter(Boolean);
  return { label: parts.join(', '), role: 'treeitem' };
}
