import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds } from '../../../src/constants';
import type { OperationResult } from '../../../src/platform/operationResult';
import { loginOverHttp } from '../../doubles/httpLogin';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { addOidcProfile, removeTestProfile } from '../support/testProfiles';
import { waitFor } from '../support/waitFor';
import { workbenchApi } from '../support/workbench';

const PROFILE_ID = 'paste-back-it';

describe('sign-in with paste-back (a redirect URI that cannot be served locally)', function () {
  this.timeout(60_000);
  let server: OidcProviderServer;

  before(async () => {
    await workbenchApi();
    server = await startOidcProvider({ redirectUri: 'https://app.example/callback' });
    await addOidcProfile(server, { id: PROFILE_ID, label: 'Paste-back' });
  });

  after(async () => {
    await removeTestProfile(PROFILE_ID);
    await server?.close();
  });

  it('asks for the URL the browser ended on and signs in with it', async () => {
    const boxes: vscode.InputBox[] = [];
    let landedOn: string | undefined;
    const done = vscode.commands.executeCommand<OperationResult>(CommandIds.signIn, {
      profileId: PROFILE_ID,
      // The "browser" logs in and stops at the https redirect URI, which nothing on this machine serves.
      openUrl: async (url: string) => {
        const result = await loginOverHttp(url, server.redirectUri);
        landedOn = result.kind === 'callback' ? result.url : undefined;
      },
      quickInputs: {
        createInputBox: () => {
          const box = vscode.window.createInputBox();
          boxes.push(box);
          return box;
        },
      },
    });
    const box = await waitFor(() => boxes[0], { what: 'the paste-back input box' });
    const url = await waitFor(() => landedOn, { what: 'the login to reach the redirect URI' });
    assert.match(box.prompt ?? '', /https:\/\/app\.example\/callback/);
    box.value = url;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const result = await done;
    assert.equal(result.ok, true, result.failure?.message);
    assert.deepEqual(await (await workbenchApi()).stored(PROFILE_ID), { clientSecret: true, tokens: true });
  });
});
