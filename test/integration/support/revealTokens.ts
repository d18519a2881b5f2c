import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds } from '../../../src/constants';

/** The tokens as the revealed details document shows them (the one place the UI shows tokens in full). */
export async function revealTokens(profileId: string): Promise<{ access: string; refresh?: string }> {
  const uri = await vscode.commands.executeCommand<string>(CommandIds.showTokenDetails, {
    profileId,
    reveal: true,
  });
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const text = document.getText();
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  const access = /^- access_token: (\S+)$/m.exec(text)?.[1];
  const refresh = /^- refresh_token: (\S+)$/m.exec(text)?.[1];
  assert.ok(access, 'the revealed document shows the access token');
  return { access, refresh: refresh === 'none' ? undefined : refresh };
}
