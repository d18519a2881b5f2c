import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { CommandIds } from '../../../src/constants';
import type { OperationResult } from '../../../src/platform/operationResult';
import type { WorkbenchTestApi } from '../../../src/wiring/workbenchTestApi';
import { answerJson, FaultyTokenEndpoint, startFaultyTokenEndpoint } from '../../doubles/faultyTokenEndpoint';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { NotificationRecorder } from '../support/notificationRecorder';
import { revealTokens } from '../support/revealTokens';
import { addOidcProfile, removeTestProfile, signInOverHttp } from '../support/testProfiles';
import { treeTexts } from '../support/treeTexts';
import { waitFor } from '../support/waitFor';
import { logTextContaining, setSetting, workbenchApi } from '../support/workbench';
import { SettingKeys } from '../../../src/constants';

const PROFILE_ID = 'secrets-it';
const WRONG_SECRET = 'wrong-secret-for-the-secrets-test';

describe('secrets never leak: sign in, refresh, failed refreshes, sign out', function () {
  this.timeout(90_000);
  let server: OidcProviderServer;
  let hostile: FaultyTokenEndpoint;
  let api: WorkbenchTestApi;
  const recorder = new NotificationRecorder();
  const secrets = new Set<string>([WRONG_SECRET]);

  const remember = async () => {
    const { access, refresh } = await revealTokens(PROFILE_ID);
    secrets.add(access);
    if (refresh) {
      secrets.add(refresh);
    }
  };
  const refresh = () =>
    vscode.commands.executeCommand<OperationResult>(CommandIds.refreshToken, { profileId: PROFILE_ID });
  const useTokenEndpoint = (token_endpoint: string) =>
    vscode.commands.executeCommand(CommandIds.editProfile, {
      profileId: PROFILE_ID,
      changes: { token_endpoint },
    });

  before(async () => {
    api = await workbenchApi();
    recorder.install();
    await setSetting(SettingKeys.autoRefresh, false);
    server = await startOidcProvider();
    hostile = await startFaultyTokenEndpoint();
    secrets.add(server.clientSecret);
    await addOidcProfile(server, { id: PROFILE_ID, label: 'Secrets check' });
  });

  after(async () => {
    recorder.dispose();
    await removeTestProfile(PROFILE_ID);
    await hostile?.close();
    await server?.close();
  });

  it('signs in and refreshes', async () => {
    const signedIn = await signInOverHttp(PROFILE_ID, server);
    assert.equal(signedIn.ok, true, signedIn.failure?.message);
    await remember();
    const refreshed = await refresh();
    assert.equal(refreshed.ok, true, refreshed.failure?.message);
    await remember();
    assert.ok(secrets.size >= 6, 'two access tokens and two refresh tokens were seen');
  });

  it('fails a refresh with a wrong client secret (invalid_client)', async () => {
    await vscode.commands.executeCommand(CommandIds.setClientSecret, {
      profileId: PROFILE_ID,
      secret: WRONG_SECRET,
    });
    const result = await refresh();
    assert.equal(result.ok, false);
    assert.equal(result.failure?.catalogId, 'oauth.token.invalid_client');
    // The catalog entry names "Set Client Secret", and only that: the boundary adds Retry, Show Log and Edit Profile.
    await waitFor(() => recorder.text().includes(`${result.failure?.message} | Retry | Set Client Secret`), {
      what: 'the error notification with the catalog actions',
    });
    assert.ok(
      recorder
        .text()
        .includes(
          `showErrorMessage: ${result.failure?.message} | Retry | Set Client Secret | Show Log | Edit Profile`,
        ),
      recorder.text(),
    );
    await vscode.commands.executeCommand(CommandIds.setClientSecret, {
      profileId: PROFILE_ID,
      secret: server.clientSecret,
    });
  });

  it('fails a refresh at a server that quotes the refresh token and the client secret in its error', async () => {
    hostile.behave((res, { body, headers }) => {
      const basic = String(headers?.authorization ?? '').replace(/^Basic /, '');
      const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent);
      answerJson(400, {
        error: 'invalid_grant',
        error_description:
          `refresh token ${body.get('refresh_token')} is not valid for ${id}:${secret}; ` +
          '[fix it here](command:workbench.action.terminal.new)',
      })(res, { body, number: 0 });
    });
    await useTokenEndpoint(hostile.url);
    const result = await refresh();
    assert.equal(result.ok, false);
    assert.equal(result.failure?.code, 'OAUTH_RESPONSE');
    assert.match(result.failure?.message ?? '', /refresh token «redacted» is not valid/);
    assert.match(
      result.failure?.message ?? '',
      /\[fix it here\] \(command:/,
      'the planted link is broken up',
    );
  });

  it('fails a refresh whose answer is cut off, and shows the refresh token as possibly spent', async () => {
    hostile.behave((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '300' });
      res.write('{"access_token":"cut-');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const result = await refresh();
    assert.equal(result.ok, false);
    assert.equal(result.failure?.code, 'REFRESH_OUTCOME_UNKNOWN');
    assert.match(result.failure?.message ?? '', /marked as possibly spent/);
    const refreshNode = api.tokensTree.nodeFor('refreshToken', PROFILE_ID);
    await waitFor(() => /may be spent/.test(String(api.tokensTree.getTreeItem(refreshNode).description)), {
      what: 'the refresh token to show "may be spent"',
    });
    assert.match(String(api.tokensTree.getTreeItem(refreshNode).tooltip), /Refresh to find out/);
  });

  it('tells the user once, as at the next start, that the stored refresh token may be spent', async () => {
    // Auto-refresh plans every profile again on this setting, as it does when the window starts.
    await setSetting(SettingKeys.refreshAheadSeconds, 60);
    const warning = await waitFor(
      () =>
        recorder.seen.find(
          (n) =>
            n.kind === 'showWarningMessage' &&
            /"Secrets check": .*may have used up the refresh token/.test(n.text),
        ),
      { what: 'the possibly-spent warning' },
    );
    assert.match(warning.text, /Refresh to find out: if the server answers invalid_grant, sign in again\./);
    assert.match(warning.text, /Refresh Now \| Sign In Again/);
    await setSetting(SettingKeys.refreshAheadSeconds, undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const warnings = recorder.seen.filter(
      (n) => n.kind === 'showWarningMessage' && /may have used up/.test(n.text),
    );
    assert.equal(warnings.length, 1, 'planned again, but told only once');
  });

  it('refreshes at the real server again, which clears the mark, then signs out', async () => {
    await useTokenEndpoint(server.tokenEndpoint);
    const result = await refresh();
    assert.equal(result.ok, true, result.failure?.message);
    await remember();
    const refreshNode = api.tokensTree.nodeFor('refreshToken', PROFILE_ID);
    await waitFor(() => !/may be spent/.test(String(api.tokensTree.getTreeItem(refreshNode).description)), {
      what: 'the mark to go away',
    });
    await vscode.commands.executeCommand(CommandIds.signOut, { profileId: PROFILE_ID });
    assert.deepEqual(await api.stored(PROFILE_ID), { clientSecret: true, tokens: false });
  });

  it('has no client secret, access token or refresh token in the log, settings, state, notifications or tree', async () => {
    const log = await logTextContaining(api, `Signed out of "Secrets check"`);
    const places: Record<string, string> = {
      log,
      settings: JSON.stringify(vscode.workspace.getConfiguration()),
      'oauthWorkbench settings': JSON.stringify(vscode.workspace.getConfiguration(SettingKeys.section)),
      'global and workspace state': JSON.stringify(api.mementos()),
      notifications: recorder.text(),
      tree: await treeTexts(api),
      'status bar': api.statusBar.text,
    };
    // The places were really looked at: the failures were notified, logged and shown.
    assert.match(places.notifications, /invalid_client/);
    assert.match(places.notifications, /possibly spent/);
    assert.match(places.log, /«redacted»|invalid_grant/);
    assert.match(places.tree, /Secrets check/);
    assert.doesNotMatch(
      places.notifications,
      // The sign-in progress may link to our own paste-back command; nothing else may link anywhere.
      /\]\((?!command:oauthWorkbench\.pasteRedirectUrl\))(command|https?|file):/,
      'no server-planted link in a notification',
    );
    let searched = 0;
    for (const [place, text] of Object.entries(places)) {
      for (const secret of secrets) {
        searched++;
        assert.ok(!text.includes(secret), `${place} contains a secret or token (${secret.slice(0, 4)}…)`);
      }
    }
    console.log(
      `      reliability: secrets: ${secrets.size} secrets × ${Object.keys(places).length} places = ${searched} searches, 0 hits`,
    );
    assert.ok(fs.existsSync(api.logFile.fsPath));
  });
});
