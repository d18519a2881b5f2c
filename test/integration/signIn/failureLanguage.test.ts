import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../../../src/constants';
import { escapeMarkdownText } from '../../../src/core/text/markdownText';
import type { OperationResult } from '../../../src/platform/operationResult';
import type { WorkbenchTestApi } from '../../../src/wiring/workbenchTestApi';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { NotificationRecorder } from '../support/notificationRecorder';
import { addOidcProfile, removeTestProfile, signInOverHttp } from '../support/testProfiles';
import { waitFor } from '../support/waitFor';
import { setSetting, workbenchApi } from '../support/workbench';
import { shouting } from '../../doubles/shoutingTranslation';

const PROFILE_ID = 'oidc-language';

describe('a failed sign-in in the user language', function () {
  this.timeout(60_000);
  let server: OidcProviderServer;
  let api: WorkbenchTestApi;

  before(async () => {
    api = await workbenchApi();
    await setSetting(SettingKeys.autoRefresh, false);
    server = await startOidcProvider();
    await addOidcProfile(server, { id: PROFILE_ID, label: 'my oidc app' });
  });

  after(async () => {
    api?.renderFailuresWith();
    await removeTestProfile(PROFILE_ID);
    await server?.close();
  });

  it("renders the engine's sentences, not its English, in the notification and the recorded failure", async () => {
    await vscode.commands.executeCommand(CommandIds.setClientSecret, {
      profileId: PROFILE_ID,
      secret: 'wrong-secret-for-language-test',
    });
    const recorder = new NotificationRecorder().install();
    api.renderFailuresWith(shouting);
    let result: OperationResult;
    try {
      result = await signInOverHttp(PROFILE_ID, server);
    } finally {
      api.renderFailuresWith();
      recorder.dispose();
    }
    assert.equal(result.ok, false);
    const message = result.failure?.message ?? '';
    // The boundary's sentence and the engine's are both translated; the label and the server's code are values.
    assert.match(message, /^SIGN-IN OF "my oidc app" FAILED: THE TOKEN ENDPOINT ANSWERED 401 invalid_client/);
    assert.match(message, / FIX: [^a-z]+$/, `the engine's own fix, rendered: ${message}`);
    assert.ok(
      recorder.text().includes(`showErrorMessage: ${message} |`),
      `the notification shows the rendered text: ${recorder.text()}`,
    );
    await waitFor(
      () => {
        const tooltip = api.tokensTree.getTreeItem(api.tokensTree.nodeFor('profile', PROFILE_ID)).tooltip;
        return (
          tooltip instanceof vscode.MarkdownString && tooltip.value.includes(escapeMarkdownText(message))
        );
      },
      { what: 'the tree to show the recorded failure as the user read it' },
    );
  });
});
