import * as vscode from 'vscode';
import type { ProfileState } from './tokenTreeNodes';

/** A profile's state in the words the tree shows, translated (the pure node model keeps no vscode import). */
export function profileStateText(state: ProfileState): string {
  switch (state) {
    case 'signedIn':
      return vscode.l10n.t('signed in');
    case 'expired':
      return vscode.l10n.t('expired');
    case 'signedOut':
      return vscode.l10n.t('signed out');
    case 'noSecret':
      return vscode.l10n.t('no client secret');
    case 'error':
      return vscode.l10n.t('error');
  }
}
