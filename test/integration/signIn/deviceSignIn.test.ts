import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../../../src/constants';
import type { OperationResult } from '../../../src/platform/operationResult';
import type { WorkbenchTestApi } from '../../../src/wiring/workbenchTestApi';
import { loginOverHttp } from '../../doubles/httpLogin';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { addOidcProfile, removeTestProfile } from '../support/testProfiles';
import { setSetting, workbenchApi } from '../support/workbench';
import { waitFor } from '../support/waitFor';

const PROFILE_ID = 'oidc-device-it';

/**
 * Answers the extension's information messages like a user clicking `action` on the one that shows a user code, and
 * records that message. Test-side only: the host gives the tests and the extension the same `vscode` API object.
 */
function clickOnUserCode(action: string): { messages: string[]; dispose(): void } {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = vscode.window.showInformationMessage;
  const messages: string[] = [];
  window.showInformationMessage = (message: string, ...items: unknown[]) => {
    if (/Enter the code/.test(message)) {
      messages.push(message);
      return Promise.resolve(items.find((item) => item === action));
    }
    return (original as (...args: unknown[]) => unknown).call(vscode.window, message, ...items);
  };
  return { messages, dispose: () => void (window.showInformationMessage = original) };
}

/** Approves a user code on oidc-provider's device page as a user on another device would. */
async function approve(url: string): Promise<void> {
  const result = await loginOverHttp(url, 'http://127.0.0.1:1/never');
  assert.equal(result.kind, 'page', 'the device flow ends on the provider’s success page');
}

describe('sign-in with a device code against oidc-provider', function () {
  this.timeout(60_000);
  let server: OidcProviderServer;
  let api: WorkbenchTestApi;

  before(async () => {
    api = await workbenchApi();
    await setSetting(SettingKeys.autoRefresh, false);
    server = await startOidcProvider();
    await addOidcProfile(server, {
      id: PROFILE_ID,
      label: 'oidc device',
      device_authorization_endpoint: server.deviceAuthorizationEndpoint,
    });
  });

  after(async () => {
    await removeTestProfile(PROFILE_ID);
    await server?.close();
  });

  it('shows the user code, opens the verification page on Open, and the tokens reach the tree', async () => {
    const clicks = clickOnUserCode('Open Verification Page');
    try {
      const opened: string[] = [];
      const result = await vscode.commands.executeCommand<OperationResult>(CommandIds.signInWithDeviceCode, {
        profileId: PROFILE_ID,
        openUrl: (url: string) => {
          opened.push(url);
          void approve(url);
        },
      });
      assert.equal(result.ok, true, result.failure?.message);
      const [message] = clicks.messages;
      const code = /Enter the code (\S+) at (\S+)/.exec(message ?? '');
      assert.ok(code, `the notification names the code and the page: ${message}`);
      assert.ok(code[2].startsWith(server.issuer), 'the verification page is the provider’s');
      assert.equal(opened.length, 1);
      assert.ok(opened[0].includes(encodeURIComponent(code[1])) || opened[0].includes(code[1]));
    } finally {
      clicks.dispose();
    }
    assert.deepEqual(await api.stored(PROFILE_ID), { clientSecret: true, tokens: true });
    const profileNode = await waitFor(
      async () =>
        (await api.tokensTree.getChildren()).find((n) => n.kind === 'profile' && n.profileId === PROFILE_ID),
      { what: 'the profile node' },
    );
    assert.match(String(api.tokensTree.getTreeItem(profileNode).description), /^signed in/);
    const children = await api.tokensTree.getChildren(profileNode);
    assert.ok(
      children.some((n) => n.kind === 'accessToken'),
      'an access token in the tree',
    );
  });

  it('copies the user code on Copy Code; entering it on the verification page signs in', async () => {
    await vscode.commands.executeCommand(CommandIds.signOut, { profileId: PROFILE_ID, confirm: false });
    await vscode.env.clipboard.writeText('');
    const clicks = clickOnUserCode('Copy Code');
    try {
      const signingIn = vscode.commands.executeCommand<OperationResult>(CommandIds.signInWithDeviceCode, {
        profileId: PROFILE_ID,
      });
      const message = await waitFor(() => clicks.messages[0], { what: 'the user code notification' });
      const [, code, page] = /Enter the code (\S+) at (\S+)/.exec(message) ?? [];
      const copied = await waitFor(async () => (await vscode.env.clipboard.readText()) || undefined, {
        what: 'the copied code',
      });
      assert.equal(copied, code);
      // What a user does with the copied code on another device: the page, with the code entered.
      await approve(`${page}?user_code=${encodeURIComponent(copied)}`);
      const result = await signingIn;
      assert.equal(result.ok, true, result.failure?.message);
    } finally {
      clicks.dispose();
    }
  });
});
