import * as vscode from 'vscode';
import type { Translate } from '../core/text/translate';

/** Core's text port on VS Code: each message through the extension's l10n bundle. */
export const vscodeTranslate: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
