import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../../../src/constants';
import { practiceProfile } from '../../../src/core/practice/practiceProfile';
import type { OperationResult } from '../../../src/platform/operationResult';
import type { WorkbenchTestApi } from '../../../src/wiring/workbenchTestApi';
import { PracticeServer, startPracticeServer } from '../../../src/node/practice/practiceServer';
import { answerConsent, freeLoopbackPort } from '../../doubles/practiceBrowser';
import { removeTestProfile } from '../support/testProfiles';
import { waitFor } from '../support/waitFor';
import { setSetting, workbenchApi } from '../support/workbench';

const PROFILE_ID = 'practice-last-answer-it';
const LABEL = 'Practice last answer';

/** The profile node's and the refresh token row's words, and what the status bar shows now. */
async function shown(api: WorkbenchTestApi) {
  const tree = api.tokensTree;
  await tree.getChildren();
  const profileNode = tree.nodeFor('profile', PROFILE_ID);
  const profileItem = tree.getTreeItem(profileNode);
  const children = await tree.getChildren(profileNode);
  const refreshNode = children.find((node) => node.kind === 'refreshToken');
  const refreshItem = refreshNode ? tree.getTreeItem(refreshNode) : undefined;
  return {
    profile: String(profileItem.description),
    context: String(profileItem.contextValue),
    refreshToken: refreshItem ? String(refreshItem.description) : undefined,
    statusText: api.statusBar.text,
    statusTooltip: api.statusBar.tooltip,
    statusBackground: api.statusBar.background,
  };
}

async function signIn(): Promise<void> {
  const result = await vscode.commands.executeCommand<OperationResult>(CommandIds.signIn, {
    profileId: PROFILE_ID,
    openUrl: (url: string) => void answerConsent(url),
  });
  assert.equal(result.ok, true, result.failure?.message);
}

describe('What the last answer proved, in the tree and the status bar (practice server)', function () {
  this.timeout(60_000);
  let server: PracticeServer;

  before(async () => {
    await workbenchApi();
    await setSetting(SettingKeys.autoRefresh, false);
    server = await startPracticeServer({
      settings: { redirect_uri: `http://127.0.0.1:${await freeLoopbackPort()}/callback` },
    });
    const profile = { ...practiceProfile(server.endpoints), id: PROFILE_ID, label: LABEL };
    await vscode.commands.executeCommand(CommandIds.addProfile, {
      profile,
      clientSecret: server.endpoints.client_secret,
    });
    await signIn();
  });

  after(async () => {
    await removeTestProfile(PROFILE_ID);
    await server?.close();
  });

  it('shows a spent refresh token with Sign In Again until a new sign-in', async () => {
    const api = await workbenchApi();
    const before = await shown(api);
    assert.match(before.refreshToken ?? '', /single-use · expires in/);
    assert.match(before.statusText, /^\$\(key\) Practice last answer · /);

    server.authorizationServer.setTrouble('spend-refresh-token');
    const refresh = await vscode.commands.executeCommand<OperationResult>(CommandIds.refreshToken, {
      profileId: PROFILE_ID,
    });
    assert.equal(refresh.ok, false);
    // The notification ends with the step, not with the cause retold.
    assert.match(refresh.failure?.message ?? '', /Fix: Run Sign In Again to get a new refresh token\.$/);

    const after = await waitFor(
      async () => {
        const now = await shown(api);
        return now.statusText.startsWith('$(error)') ? now : undefined;
      },
      { what: 'the status bar to show the refused refresh token' },
    );
    assert.equal(after.profile, 'refresh token refused · Sign In Again');
    assert.equal(after.context, 'oauthWorkbench.profile.error.problem-signIn.consent');
    assert.match(after.refreshToken ?? '', /^refused by the server · single-use$/);
    assert.equal(after.statusText, '$(error) Practice last answer · refresh token refused');
    assert.equal(after.statusBackground, 'statusBarItem.errorBackground');
    assert.match(after.statusTooltip, /refused the refresh token.* Run Sign In Again/);

    const details = await vscode.commands.executeCommand<string>(CommandIds.showTokenDetails, {
      profileId: PROFILE_ID,
    });
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === details);
    assert.match(
      document?.getText() ?? '',
      /## Last answer\n\n- refresh token refused .*\n- Next step: Run Sign In Again/,
    );

    await signIn();
    const cleared = await waitFor(
      async () => {
        const now = await shown(api);
        return now.statusText.startsWith('$(key)') ? now : undefined;
      },
      { what: 'the status bar to drop the mark after a new sign-in' },
    );
    assert.match(cleared.profile, /^signed in · /);
    assert.match(cleared.refreshToken ?? '', /single-use · expires in/);
    assert.equal(cleared.statusBackground, undefined);
  });

  it('shows a refused client secret with Set Client Secret, cleared by a successful refresh', async () => {
    const api = await workbenchApi();
    server.authorizationServer.setTrouble('wrong-client');
    const refresh = await vscode.commands.executeCommand<OperationResult>(CommandIds.refreshToken, {
      profileId: PROFILE_ID,
    });
    assert.equal(refresh.ok, false);
    const after = await waitFor(
      async () => {
        const now = await shown(api);
        return now.statusText.includes('client secret refused') ? now : undefined;
      },
      { what: 'the status bar to show the refused client secret' },
    );
    assert.equal(after.profile, 'client secret refused · Set Client Secret');
    assert.equal(after.context, 'oauthWorkbench.profile.error.problem-setClientSecret.consent');

    // The switch is armed for one request only: the next refresh is answered with new tokens.
    const again = await vscode.commands.executeCommand<OperationResult>(CommandIds.refreshToken, {
      profileId: PROFILE_ID,
    });
    assert.equal(again.ok, true, again.failure?.message);
    const cleared = await waitFor(
      async () => {
        const now = await shown(api);
        return now.statusText.startsWith('$(key)') ? now : undefined;
      },
      { what: 'the status bar to drop the mark after a successful refresh' },
    );
    assert.match(cleared.profile, /^signed in · /);
  });

  it('shows an expired consent from the Consent Details answer, with the consent row marked', async () => {
    const api = await workbenchApi();
    server.authorizationServer.setTrouble('expire-consent');
    await vscode.commands.executeCommand(CommandIds.checkConsent, { profileId: PROFILE_ID });
    const after = await waitFor(
      async () => {
        const now = await shown(api);
        return now.statusText.includes('consent expired') ? now : undefined;
      },
      { what: 'the status bar to show the expired consent' },
    );
    assert.equal(after.profile, 'consent expired · Sign In Again');
    const consentNode = (
      await api.tokensTree.getChildren(api.tokensTree.nodeFor('profile', PROFILE_ID))
    ).find((node) => node.kind === 'consent');
    assert.ok(consentNode);
    assert.match(
      String(api.tokensTree.getTreeItem(consentNode).description),
      /^consent expired · [0-9a-f-]{36}$/,
    );
  });
});

describe('A refresh refused while another command needed the token (practice server)', function () {
  this.timeout(60_000);
  const QUICK_ID = 'practice-last-answer-quick';
  let server: PracticeServer;

  before(async () => {
    await workbenchApi();
    await setSetting(SettingKeys.autoRefresh, false);
    // An access token of 30 s: inside the token manager's minute of margin, so every use refreshes it first.
    server = await startPracticeServer({
      settings: { redirect_uri: `http://127.0.0.1:${await freeLoopbackPort()}/callback`, speed: 120 },
    });
    const profile = { ...practiceProfile(server.endpoints), id: QUICK_ID, label: 'Practice quick' };
    await vscode.commands.executeCommand(CommandIds.addProfile, {
      profile,
      clientSecret: server.endpoints.client_secret,
    });
  });

  after(async () => {
    await removeTestProfile(QUICK_ID);
    await server?.close();
  });

  async function signInQuick(): Promise<void> {
    const result = await vscode.commands.executeCommand<OperationResult>(CommandIds.signIn, {
      profileId: QUICK_ID,
      openUrl: (url: string) => void answerConsent(url),
    });
    assert.equal(result.ok, true, result.failure?.message);
  }

  async function profileDescription(api: WorkbenchTestApi): Promise<string> {
    await api.tokensTree.getChildren();
    return String(api.tokensTree.getTreeItem(api.tokensTree.nodeFor('profile', QUICK_ID)).description);
  }

  for (const [name, run] of [
    [
      'Copy Access Token',
      () =>
        vscode.commands.executeCommand<OperationResult>(CommandIds.copyAccessToken, { profileId: QUICK_ID }),
    ],
    [
      'Send Request',
      async () => {
        const document = await vscode.workspace.openTextDocument({
          language: 'http',
          content: `GET ${server.url}/accounts\nAuthorization: Bearer {{$auth.token("${QUICK_ID}")}}\n`,
        });
        return vscode.commands.executeCommand<OperationResult>(CommandIds.sendRequest, {
          uri: document.uri.toString(),
          line: 0,
        });
      },
    ],
  ] as const) {
    it(`shows the spent refresh token after ${name} refreshed first`, async () => {
      const api = await workbenchApi();
      await signInQuick();
      assert.match(await profileDescription(api), /^signed in · /);
      server.authorizationServer.setTrouble('spend-refresh-token');
      const result = await run();
      assert.equal(result?.ok, false, 'the command reports the refused refresh');
      const described = await waitFor(
        async () => {
          const now = await profileDescription(api);
          return now.includes('refused') ? now : undefined;
        },
        { what: `the tree to show the refresh token that ${name} had refused` },
      );
      assert.equal(described, 'refresh token refused · Sign In Again');
    });
  }
});
