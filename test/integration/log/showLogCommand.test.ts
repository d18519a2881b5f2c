import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds, EXTENSION_NAME } from '../../../src/constants';
import { activateExtension } from '../support/activateExtension';
import { waitFor } from '../support/waitFor';

describe('oauthWorkbench.showLog', () => {
  before(async () => {
    await activateExtension();
  });

  it('opens the OAuth Workbench output channel', async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand(CommandIds.showLog);
    const channelName = encodeURIComponent(EXTENSION_NAME);
    const editor = await waitFor(
      () =>
        vscode.window.visibleTextEditors.find(
          (e) => e.document.uri.scheme === 'output' && e.document.uri.toString().includes(channelName),
        ),
      { what: 'the OAuth Workbench output channel to become visible' },
    );
    assert.equal(editor.document.uri.scheme, 'output');
  });
});
