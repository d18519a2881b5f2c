import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../../../src/constants';
import type { ClientProfile } from '../../../src/core/profiles/clientProfile';
import type { ConsentCheckResult } from '../../../src/features/consent/checkConsentCommand';
import type { OperationResult } from '../../../src/platform/operationResult';
import type { TokenTreeNode } from '../../../src/features/tokensView/tokenTreeNodes';
import type { WorkbenchTestApi } from '../../../src/wiring/workbenchTestApi';
import { loginAndDeliver } from '../../doubles/httpLogin';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { NotificationRecorder } from '../support/notificationRecorder';
import { revealTokens } from '../support/revealTokens';
import { addOidcProfile, removeTestProfile, signInOverHttp } from '../support/testProfiles';
import { logTextContaining, setSetting, workbenchApi } from '../support/workbench';
import { waitFor } from '../support/waitFor';

const PROFILE_ID = 'oidc-it';

/** The tokens as the revealed details document shows them (the one place the UI shows tokens in full). */
const revealedTokens = () => revealTokens(PROFILE_ID);

async function treeChildren(api: WorkbenchTestApi, node?: TokenTreeNode): Promise<TokenTreeNode[]> {
  return api.tokensTree.getChildren(node);
}

describe('sign-in against oidc-provider', function () {
  this.timeout(60_000);
  let server: OidcProviderServer;
  let api: WorkbenchTestApi;
  const seenTokens = new Set<string>();
  const remember = async () => {
    const { access, refresh } = await revealedTokens();
    seenTokens.add(access);
    if (refresh) {
      seenTokens.add(refresh);
    }
  };

  before(async () => {
    api = await workbenchApi();
    // The test drives refreshes itself.
    await setSetting(SettingKeys.autoRefresh, false);
    server = await startOidcProvider({ accessTokenTtlS: 85 });
    await addOidcProfile(server, { id: PROFILE_ID, label: 'oidc-provider' });
  });

  after(async () => {
    await removeTestProfile(PROFILE_ID);
    await server?.close();
  });

  const signIn = () => signInOverHttp(PROFILE_ID, server);

  it('signs in through the loopback redirect and stores the tokens in SecretStorage', async () => {
    const result = await signIn();
    assert.equal(result.ok, true, result.failure?.message);
    assert.ok(result.expiresAt);
    assert.deepEqual(await api.stored(PROFILE_ID), { clientSecret: true, tokens: true });
    await remember();
  });

  it('shows the profile and an access token whose "expires in" label updates by itself', async () => {
    const profileNode = await waitFor(
      async () => (await treeChildren(api)).find((n) => n.kind === 'profile' && n.profileId === PROFILE_ID),
      { what: 'the profile node' },
    );
    const profileItem = api.tokensTree.getTreeItem(profileNode);
    assert.equal(profileItem.label, 'oidc-provider');
    assert.match(String(profileItem.description), /^signed in · expires in 1 min$/);
    assert.equal(profileItem.contextValue, 'oauthWorkbench.profile.signedIn');

    const children = await treeChildren(api, profileNode);
    assert.deepEqual(
      children.map((n) => n.kind),
      ['accessToken', 'refreshToken', 'scopes', 'claims', 'endpoints'].filter((k) =>
        children.some((n) => n.kind === k),
      ),
    );
    const accessNode = children.find((n) => n.kind === 'accessToken');
    assert.ok(accessNode);
    const before = api.tokensTree.getTreeItem(accessNode);
    assert.equal(before.description, 'expires in 1 min');
    // Screen readers hear the expiry in words, not the label's abbreviation.
    assert.equal(before.accessibilityInformation?.label, 'Access token, expires in 1 minute');
    assert.match(
      String(profileItem.accessibilityInformation?.label),
      /^oidc-provider, .*expires in 1 minute$/,
    );
    assert.equal(before.contextValue, 'oauthWorkbench.accessToken');
    for (const token of seenTokens) {
      assert.ok(!String(before.tooltip).includes(token), 'no token in the tooltip');
    }

    // 85 s token: "1 min" for its first 25 s (room for a loaded machine), then "less than a minute", for this very
    // node object.
    const fired = await new Promise<TokenTreeNode[]>((resolve) => {
      const subscription = api.tokensTree.onDidChangeTreeData((changed) => {
        const list = Array.isArray(changed) ? changed : changed ? [changed] : [];
        if (list.includes(accessNode)) {
          subscription.dispose();
          resolve(list);
        }
      });
    });
    assert.ok(
      fired.every((n) => n.kind !== 'endpoints'),
      'only time-dependent items are refreshed',
    );
    assert.equal(api.tokensTree.getTreeItem(accessNode).description, 'expires in less than a minute');
    assert.equal(
      api.tokensTree.getTreeItem(accessNode).accessibilityInformation?.label,
      'Access token, expires in less than a minute',
    );
    await waitFor(() => api.statusBar.text === '$(key) oidc-provider · <1m', {
      what: 'the status bar to show <1m',
    });
    assert.equal(
      api.statusBar.background,
      'statusBarItem.warningBackground',
      'warning colour under 5 minutes',
    );
  });

  it('gives every tree item an accessible label without abbreviations', async () => {
    const labels: string[] = [];
    const visit = async (node?: TokenTreeNode): Promise<void> => {
      for (const child of await treeChildren(api, node)) {
        const item = api.tokensTree.getTreeItem(child);
        assert.ok(item.accessibilityInformation?.label, `${child.kind} has an accessible label`);
        assert.equal(item.accessibilityInformation.role, 'treeitem');
        labels.push(item.accessibilityInformation.label);
        await visit(child);
      }
    };
    await visit();
    assert.ok(labels.some((label) => label.startsWith('Refresh token')));
    for (const label of labels) {
      assert.doesNotMatch(label, /\d+ (min|h)\b|·/, label);
    }
  });

  it('refreshes with the rotating refresh token', async () => {
    const before = server.tokenRequests();
    const recorder = new NotificationRecorder().install();
    const result = await Promise.resolve(
      vscode.commands.executeCommand<OperationResult>(CommandIds.refreshToken, { profileId: PROFILE_ID }),
    ).finally(() => recorder.dispose());
    assert.equal(result.ok, true, result.failure?.message);
    assert.match(recorder.text(), /withProgress: Refreshing the tokens of "oidc-provider"/);
    assert.equal(server.tokenRequests(), before + 1);
    await remember();
    assert.ok(seenTokens.size >= 4, 'new access and refresh tokens were issued');
  });

  it('offers the profile as an authentication session to other extensions', async () => {
    const [session] = await api.authProvider.getSessions([`profile:${PROFILE_ID}`, 'ais.balances.read']);
    assert.ok(session, 'a session for the profile');
    assert.equal(session.id, PROFILE_ID);
    assert.equal(session.account.label, 'oidc-provider');
    assert.ok(session.scopes.includes(`profile:${PROFILE_ID}`));
    assert.ok(seenTokens.has(session.accessToken), 'the session carries the current access token');
    assert.deepEqual(await api.authProvider.getSessions(['scope-never-granted']), []);
  });

  it('inserts the Authorization header into a .http document as a variable, never the token', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'http',
      content: 'GET https://api.example/accounts\n',
    });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await vscode.commands.executeCommand(CommandIds.insertAuthorizationHeader, { profileId: PROFILE_ID });
    const { access } = await revealedTokens();
    assert.equal(document.lineAt(1).text, `Authorization: Bearer {{$auth.token("${PROFILE_ID}")}}`);
    assert.ok(!document.getText().includes(access));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows the token set masked, with decoded claims marked unverified', async () => {
    const uri = await vscode.commands.executeCommand<string>(CommandIds.showTokenDetails, {
      profileId: PROFILE_ID,
    });
    const text = (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.match(text, /access_token: •+ \(\d+ chars, fingerprint [0-9a-f]{8}\)/);
    assert.match(text, /signature NOT verified/);
    for (const token of seenTokens) {
      assert.ok(!text.includes(token), 'no token in the masked document');
    }
  });

  it('explains that a generic profile has no consent endpoint', async () => {
    const result = await vscode.commands.executeCommand<ConsentCheckResult | undefined>(
      CommandIds.checkConsent,
      {
        profileId: PROFILE_ID,
      },
    );
    assert.equal(result, undefined, 'the error boundary reports it');
  });

  it('revokes the refresh token and then the rest', async () => {
    const recorder = new NotificationRecorder().install();
    const refreshOnly = await vscode.commands.executeCommand<OperationResult>(CommandIds.revokeToken, {
      profileId: PROFILE_ID,
      tokenKind: 'refresh_token',
    });
    recorder.dispose();
    assert.equal(refreshOnly.ok, true, refreshOnly.failure?.message);
    assert.match(recorder.text(), /withProgress: Revoking the tokens of "oidc-provider"/);
    assert.equal((await revealedTokens()).refresh, undefined);
    const all = await vscode.commands.executeCommand<OperationResult>(CommandIds.revokeToken, {
      profileId: PROFILE_ID,
    });
    assert.equal(all.ok, true, all.failure?.message);
    assert.deepEqual(await api.stored(PROFILE_ID), { clientSecret: true, tokens: false });
  });

  it('signs out, clearing the tokens from SecretStorage', async () => {
    assert.equal((await signIn()).ok, true);
    await remember();
    assert.equal((await api.stored(PROFILE_ID)).tokens, true);
    await vscode.commands.executeCommand(CommandIds.signOut, { profileId: PROFILE_ID });
    assert.deepEqual(await api.stored(PROFILE_ID), { clientSecret: true, tokens: false });
    const profileNode = api.tokensTree.nodeFor('profile', PROFILE_ID);
    await waitFor(() => api.tokensTree.getTreeItem(profileNode).description === 'signed out', {
      what: 'the profile to show as signed out',
    });
  });

  it('shows the decoded error when sign-in fails (wrong client secret)', async () => {
    await vscode.commands.executeCommand(CommandIds.setClientSecret, {
      profileId: PROFILE_ID,
      secret: 'wrong-secret-for-test',
    });
    const recorder = new NotificationRecorder().install();
    let result: OperationResult;
    try {
      result = await signIn();
    } finally {
      recorder.dispose();
    }
    assert.equal(result.ok, false);
    assert.ok(
      recorder
        .text()
        .includes(
          `showErrorMessage: ${result.failure?.message} | Retry | Set Client Secret | Show Log | Edit Profile`,
        ),
      `the catalog's actions are offered: ${recorder.text()}`,
    );
    assert.equal(result.failure?.code, 'OAUTH_RESPONSE');
    assert.equal(result.failure?.catalogId, 'oauth.token.invalid_client');
    assert.ok(result.failure?.title, 'the knowledge base entry title is shown');
    assert.match(result.failure.message, /invalid_client/);
    assert.match(result.failure.message, /Likely cause: .+ Fix: .+/);
    const profileItem = api.tokensTree.getTreeItem(api.tokensTree.nodeFor('profile', PROFILE_ID));
    await waitFor(
      () =>
        api.tokensTree.getTreeItem(api.tokensTree.nodeFor('profile', PROFILE_ID)).description ===
        'client secret refused · Set Client Secret',
      {
        what: 'the refused client secret and its action in the tree',
      },
    );
    assert.ok(!String(profileItem.tooltip).includes('wrong-secret-for-test'));
    await vscode.commands.executeCommand(CommandIds.setClientSecret, {
      profileId: PROFILE_ID,
      secret: server.clientSecret,
    });
  });

  it('signs in again with a scope a hover asks for, adding it to the profile', async () => {
    await vscode.commands.executeCommand(CommandIds.editProfile, {
      profileId: PROFILE_ID,
      changes: { scopes: ['openid', 'offline_access'] },
    });
    const result = await vscode.commands.executeCommand<OperationResult>(CommandIds.signIn, {
      profileId: PROFILE_ID,
      scope: 'ais.balances.read',
      openUrl: (url: string) => void loginAndDeliver(url, server.redirectUri),
    });
    assert.equal(result.ok, true, result.failure?.message);
    const stored = (
      vscode.workspace.getConfiguration(SettingKeys.section).get<ClientProfile[]>(SettingKeys.profiles) ?? []
    ).find((p) => p.id === PROFILE_ID);
    assert.deepEqual(stored?.scopes, ['openid', 'offline_access', 'ais.balances.read']);
    const [session] = await api.authProvider.getSessions([`profile:${PROFILE_ID}`]);
    assert.ok(session?.scopes.includes('ais.balances.read'), 'the new token carries the scope');
    await remember();
  });

  it('never writes the client secret or a token to the log', async () => {
    const text = await logTextContaining(api, `Sign-in of "oidc-provider" failed`);
    assert.match(text, /→ POST http:\/\/127\.0\.0\.1:\d+\/token/, 'request lines are logged');
    assert.match(text, /← 200 POST/, 'response lines are logged');
    for (const secret of [server.clientSecret, 'wrong-secret-for-test', ...seenTokens]) {
      assert.ok(!text.includes(secret), `the log contains a secret or token (${secret.slice(0, 4)}…)`);
    }
  });
});
