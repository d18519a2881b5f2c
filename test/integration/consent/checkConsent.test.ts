import * as assert from 'node:assert/strict';
import { Agent, request } from 'undici';
import * as vscode from 'vscode';
import { NotificationRecorder } from '../support/notificationRecorder';
import { CommandIds, SettingKeys, TreeItemContexts } from '../../../src/constants';
import { practiceProfile } from '../../../src/core/practice/practiceProfile';
import type { ConsentCheckResult } from '../../../src/features/consent/checkConsentCommand';
import type { OperationResult } from '../../../src/platform/operationResult';
import { PracticeServer, startPracticeServer } from '../../../src/node/practice/practiceServer';
import { freePort } from '../../doubles/oidcProviderServer';
import { removeTestProfile } from '../support/testProfiles';
import { setSetting, workbenchApi } from '../support/workbench';
import { waitFor } from '../support/waitFor';

const PROFILE_ID = 'practice-consent-it';

/** Approves the practice server's consent page over HTTP, as a user would in the browser, and follows the redirect. */
async function approveOverHttp(authorizationUrl: string): Promise<void> {
  const agent = new Agent({ keepAliveTimeout: 100, keepAliveMaxTimeout: 100 });
  try {
    const page = await request(authorizationUrl, { dispatcher: agent });
    const html = await page.body.text();
    const requestId = /name="request"[^>]*value="([^"]+)"/.exec(html)?.[1];
    assert.ok(requestId, `the consent page has a request id (HTTP ${page.statusCode})`);
    const origin = new URL(authorizationUrl).origin;
    const decision = await request(`${origin}/oauth2/authorize/decision`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams({ request: requestId, decision: 'approve' }).toString(),
    });
    await decision.body.text();
    const location = decision.headers.location;
    assert.equal(typeof location, 'string', `the decision redirects (HTTP ${decision.statusCode})`);
    const callback = await request(new URL(location as string, origin), { dispatcher: agent });
    await callback.body.text();
  } finally {
    await agent.close();
  }
}

/** The report's Markdown, after checking that it is shown rendered (a Markdown preview tab), not as source. */
async function renderedReport(result: ConsentCheckResult): Promise<string> {
  assert.ok(result.reportUri, 'the check returns the report document');
  // The built-in Markdown extension activates on the first preview, so the tab may take a moment.
  await waitFor(
    () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputWebview && /markdown\.preview/.test(input.viewType)
        ? true
        : undefined;
    },
    { what: 'a Markdown preview tab', timeoutMs: 15_000 },
  );
  assert.ok(
    !vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === result.reportUri?.toString()),
    'the Markdown source is not shown',
  );
  return (await vscode.workspace.openTextDocument(result.reportUri)).getText();
}

describe('oauthWorkbench.checkConsent against the Rabobank-shaped practice server', function () {
  this.timeout(60_000);
  let server: PracticeServer;

  before(async () => {
    await workbenchApi();
    await setSetting(SettingKeys.autoRefresh, false);
    server = await startPracticeServer({
      settings: { redirect_uri: `http://127.0.0.1:${await freePort()}/callback` },
    });
    const profile = { ...practiceProfile(server.endpoints), id: PROFILE_ID, label: 'Practice consent' };
    await vscode.commands.executeCommand(CommandIds.addProfile, {
      profile,
      clientSecret: server.endpoints.client_secret,
    });
    const result = await vscode.commands.executeCommand<OperationResult>(CommandIds.signIn, {
      profileId: PROFILE_ID,
      openUrl: (url: string) => void approveOverHttp(url),
    });
    assert.equal(result.ok, true, result.failure?.message);
  });

  after(async () => {
    await removeTestProfile(PROFILE_ID);
    await server?.close();
  });

  it('shows the consent id in the tree and offers the check on the profile', async () => {
    const api = await workbenchApi();
    const profileNode = api.tokensTree.nodeFor('profile', PROFILE_ID);
    await api.tokensTree.getChildren();
    assert.equal(
      api.tokensTree.getTreeItem(profileNode).contextValue,
      TreeItemContexts.profileSignedIn + TreeItemContexts.profileConsentSuffix,
    );
    const consentNode = (await api.tokensTree.getChildren(profileNode)).find((n) => n.kind === 'consent');
    assert.ok(consentNode, 'a consent node');
    assert.match(String(api.tokensTree.getTreeItem(consentNode).description), /^[0-9a-f-]{36}$/);
    assert.match(
      String(api.tokensTree.getTreeItem(consentNode).tooltip),
      /^Consent [0-9a-f-]{36}\nStatus: not checked yet/,
    );
    const menus = (vscode.extensions.getExtension('oauth-workbench.oauth-workbench')?.packageJSON ?? {}) as {
      contributes?: { menus?: Record<string, { command: string; when?: string; group?: string }[]> };
    };
    assert.ok(
      (menus.contributes?.menus?.['view/item/context'] ?? []).some(
        (m) =>
          m.command === CommandIds.checkConsent &&
          m.when?.includes(`viewItem == ${TreeItemContexts.consentId}`) &&
          !m.group?.startsWith('inline'),
      ),
      'Check Consent is in the context menu of the consent row, not only inline',
    );
  });

  it('reports a valid consent per scope and account', async () => {
    const recorder = new NotificationRecorder().install();
    const result = await vscode.commands.executeCommand<ConsentCheckResult>(CommandIds.checkConsent, {
      profileId: PROFILE_ID,
    });
    recorder.dispose();
    assert.equal(result.ok, true);
    assert.match(recorder.text(), /withProgress: Checking the consent of "Practice consent"/);
    assert.equal(result.details?.usable, true);
    assert.ok(result.details.entries.length > 0);
    assert.ok(result.details.entries.every((entry) => entry.status === 'valid'));
    const report = await renderedReport(result);
    assert.match(report, /Usable: yes/);
  });

  it('explains a consent revoked by the account holder', async () => {
    server.authorizationServer.setTrouble('revoke-consent');
    const result = await vscode.commands.executeCommand<ConsentCheckResult>(CommandIds.checkConsent, {
      profileId: PROFILE_ID,
    });
    assert.equal(result.ok, true);
    assert.equal(result.details?.usable, false);
    assert.ok(result.details.entries.some((entry) => entry.status === 'revokedByPsu'));
    const report = await renderedReport(result);
    assert.match(report, /Usable: no/);
    assert.match(report, /\| revokedByPsu \|/);
    assert.match(report, /^- \*\*revokedByPsu\*\*: The account holder revoked it/m);
    const api = await workbenchApi();
    const profileNode = api.tokensTree.nodeFor('profile', PROFILE_ID);
    const consentNode = (await api.tokensTree.getChildren(profileNode)).find((n) => n.kind === 'consent');
    assert.ok(consentNode);
    const tooltip = String(api.tokensTree.getTreeItem(consentNode).tooltip);
    assert.match(tooltip, /Status: cannot be used \(checked .+\): .+revokedByPsu/);
    assert.match(tooltip, /Valid until: /);
  });

  it('decodes a refused refresh with the Rabobank knowledge-base entry', async () => {
    server.authorizationServer.setTrouble('spend-refresh-token');
    const result = await vscode.commands.executeCommand<OperationResult>(CommandIds.refreshToken, {
      profileId: PROFILE_ID,
    });
    assert.equal(result.ok, false);
    assert.equal(result.failure?.catalogId, 'rabobank.token.invalid-refresh-token');
    assert.match(result.failure.message, /Likely cause: .+ Fix: .+/);
  });
});
