import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds, SettingKeys, WalkthroughContextKeys } from '../../../src/constants';
import type { OperationResult } from '../../../src/platform/operationResult';
import type { WorkbenchTestApi } from '../../../src/wiring/workbenchTestApi';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { addOidcProfile, removeTestProfile, signInOverHttp } from '../support/testProfiles';
import { setSetting, workbenchApi } from '../support/workbench';
import { waitFor } from '../support/waitFor';

const PROFILE_ID = 'walkthrough-it';

describe('walkthrough progress from real events', function () {
  this.timeout(60_000);
  let api: WorkbenchTestApi;
  let server: OidcProviderServer;

  before(async () => {
    api = await workbenchApi();
    await setSetting(SettingKeys.autoRefresh, false);
    server = await startOidcProvider();
  });

  after(async () => {
    await removeTestProfile(PROFILE_ID);
    await server?.close();
  });

  const ticked = async (step: keyof typeof WalkthroughContextKeys) =>
    (await api.walkthroughSteps()).includes(step);

  it('ticks nothing for a sign-in that failed', async function () {
    if (await ticked('signedIn')) {
      this.skip(); // an earlier suite signed in already; the step stays ticked for the window
    }
    const failed = await vscode.commands.executeCommand<OperationResult>(CommandIds.signIn, {
      profileId: 'no-such-profile',
    });
    assert.notEqual(failed?.ok, true);
    assert.equal(await ticked('signedIn'), false, 'invoking Sign In alone must not tick the step');
  });

  it('ticks "profile added", "secret stored" and "signed in" once each really happened', async () => {
    await addOidcProfile(server, { id: PROFILE_ID, label: 'walkthrough' });
    await waitFor(async () => (await ticked('profileAdded')) || undefined, { what: 'profileAdded ticked' });
    await waitFor(async () => (await ticked('secretStored')) || undefined, { what: 'secretStored ticked' });
    const result = await signInOverHttp(PROFILE_ID, server);
    assert.equal(result.ok, true, result.failure?.message);
    await waitFor(async () => (await ticked('signedIn')) || undefined, { what: 'signedIn ticked' });
  });

  it('"Open Example" opens an untitled copy, not the extension\'s own file', async () => {
    await vscode.commands.executeCommand(CommandIds.openErrorExample);
    const editor = await waitFor(
      async () => {
        const active = vscode.window.activeTextEditor;
        return active?.document.languageId === 'http' ? active : undefined;
      },
      { what: 'the example in an editor' },
    );
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.uri.scheme, 'untitled');
    assert.match(editor.document.getText(), /invalid_grant|error/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
