import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import packageJson from '../../package.json';
import { CommandIds, ViewContainerIds, ViewIds } from '../../src/constants';
import { activateExtension } from './support/activateExtension';

describe('extension', () => {
  before(async () => {
    await activateExtension();
  });

  it('activates without error', async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
  });

  it('contributes the view container and the Tokens view', () => {
    const extension = vscode.extensions.getExtension(`${packageJson.publisher}.${packageJson.name}`);
    assert.ok(extension);
    const contributes = extension.packageJSON.contributes;
    const containers: { id: string }[] = contributes.viewsContainers.activitybar;
    assert.ok(containers.some((c) => c.id === ViewContainerIds.main));
    const views: { id: string; name: string }[] = contributes.views[ViewContainerIds.main];
    assert.deepEqual(
      views.map((v) => [v.id, v.name]),
      [[ViewIds.tokens, 'Tokens']],
    );
  });

  it('registers the show-log command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(CommandIds.showLog), `${CommandIds.showLog} is not registered`);
  });

  it('focuses the Tokens view through the command VS Code derives from the view id', async () => {
    await vscode.commands.executeCommand(`${ViewIds.tokens}.focus`);
  });
});
