import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../../../src/constants';
import { PRACTICE_PROFILE_ID, PRACTICE_PROFILE_LABEL } from '../../../src/core/practice/practiceProfile';
import type { StartPracticeServerResult } from '../../../src/features/practice/startPracticeServerCommand';
import type { OperationResult } from '../../../src/platform/operationResult';
import type { WorkbenchTestApi } from '../../../src/wiring/workbenchTestApi';
import { answerConsent, freeLoopbackPort } from '../../doubles/practiceBrowser';
import { waitFor } from '../support/waitFor';
import { setSetting, workbenchApi } from '../support/workbench';

describe('practice mode, end to end', function () {
  this.timeout(60_000);
  let api: WorkbenchTestApi;

  before(async () => {
    api = await workbenchApi();
    // The test drives the refresh itself.
    await setSetting(SettingKeys.autoRefresh, false);
  });

  after(async () => {
    await vscode.commands.executeCommand(CommandIds.signOut, { profileId: PRACTICE_PROFILE_ID });
    await setSetting(SettingKeys.autoRefresh, undefined);
  });

  it('signs in with the Practice profile, shows the token, and explains a spent refresh token', async () => {
    const started = await vscode.commands.executeCommand<StartPracticeServerResult>(
      CommandIds.startPracticeServer,
      { port: 0, redirectUri: `http://127.0.0.1:${await freeLoopbackPort()}/callback` },
    );
    assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    // Started from VS Code, the server's pages are in VS Code's display language.
    const home = await (await fetch(`${started.url}/`)).text();
    assert.equal(/<html lang="([^"]*)">/.exec(home)?.[1], vscode.env.language);
    assert.equal(started.profileId, PRACTICE_PROFILE_ID);
    assert.equal(
      (await api.stored(PRACTICE_PROFILE_ID)).clientSecret,
      true,
      'the secret is in SecretStorage',
    );
    const steps = await api.walkthroughSteps();
    assert.ok(steps.includes('practiceStarted'), 'the walkthrough ticks the practice step');
    assert.ok(steps.includes('secretStored'), 'the walkthrough ticks the secret step');

    // The built-in profile comes first in the token explorer.
    const profileNode = await waitFor(
      async () => {
        const [first] = await api.tokensTree.getChildren();
        return first?.kind === 'profile' && first.profileId === PRACTICE_PROFILE_ID ? first : undefined;
      },
      { what: 'the Practice (local) profile first in the tree' },
    );
    assert.equal(api.tokensTree.getTreeItem(profileNode).label, PRACTICE_PROFILE_LABEL);

    const signIn = await vscode.commands.executeCommand<OperationResult>(CommandIds.signIn, {
      profileId: PRACTICE_PROFILE_ID,
      // Instead of a browser: approve the practice bank's consent page over HTTP.
      openUrl: (url: string) => void answerConsent(url),
    });
    assert.equal(signIn.ok, true, signIn.failure?.message);

    const accessNode = await waitFor(
      async () => (await api.tokensTree.getChildren(profileNode)).find((n) => n.kind === 'accessToken'),
      { what: 'the access-token node' },
    );
    assert.match(String(api.tokensTree.getTreeItem(accessNode).description), /^expires in (59|60) min$/);
    assert.ok(
      (await api.tokensTree.getChildren(profileNode)).some((n) => n.kind === 'consent'),
      'the consent id from metadata is shown',
    );

    await vscode.commands.executeCommand(CommandIds.practiceTrouble, { trouble: 'spend-refresh-token' });
    const refresh = await vscode.commands.executeCommand<OperationResult>(CommandIds.refreshToken, {
      profileId: PRACTICE_PROFILE_ID,
    });
    assert.equal(refresh.ok, false);
    assert.equal(refresh.failure?.catalogId, 'rabobank.token.invalid-refresh-token');
    assert.match(refresh.failure?.message ?? '', /401 invalid_grant/);
    assert.match(refresh.failure?.message ?? '', /Likely cause: .+ Fix: .+/);
  });

  it('finds a trouble switch in Practice Trouble… by its id and by what it does', async () => {
    type Item = vscode.QuickPickItem & { trouble: { id: string } };
    let pick: vscode.QuickPick<Item> | undefined;
    const quickInputs = {
      createQuickPick: <T extends vscode.QuickPickItem>() => {
        pick = vscode.window.createQuickPick<T>() as unknown as vscode.QuickPick<Item>;
        return pick as unknown as vscode.QuickPick<T>;
      },
      createInputBox: () => vscode.window.createInputBox(),
    };
    const done = vscode.commands.executeCommand<{ trouble: string }>(CommandIds.practiceTrouble, {
      quickInputs,
    });
    const shown = await waitFor(() => (pick && pick.activeItems.length > 0 ? pick : undefined), {
      what: 'the trouble pick',
    });
    assert.ok(
      shown.items.every((item) => item.detail && item.detail.length > 0),
      'each switch says what it does on its own line',
    );
    // Typed text is filtered by the workbench, which reports the first match back as the active item.
    shown.value = 'counts as used';
    await waitFor(() => shown.activeItems[0]?.trouble.id === 'spend-refresh-token' || undefined, {
      what: 'a match on the detail text',
    });
    shown.value = 'grant-type-mismatch';
    await waitFor(() => shown.activeItems[0]?.trouble.id === 'grant-type-mismatch' || undefined, {
      what: 'a match on the id',
    });
    shown.value = 'spend-refresh-token';
    await waitFor(() => shown.activeItems[0]?.trouble.id === 'spend-refresh-token' || undefined, {
      what: 'a match on the id the README names',
    });
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(await done, { trouble: 'spend-refresh-token' });
  });
});
