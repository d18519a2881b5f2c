import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds } from '../../../src/constants';
import { PRACTICE_PROFILE_ID } from '../../../src/core/practice/practiceProfile';
import type { StartPracticeServerResult } from '../../../src/features/practice/startPracticeServerCommand';
import type { OperationResult } from '../../../src/platform/operationResult';
import { answerConsent, freeLoopbackPort } from '../../doubles/practiceBrowser';
import { waitFor } from '../support/waitFor';
import { workbenchApi } from '../support/workbench';

/** Records every paste-back box the sign-in opens; the boxes are real ones. */
function recordingInputs(): { boxes: vscode.InputBox[]; createInputBox: () => vscode.InputBox } {
  const boxes: vscode.InputBox[] = [];
  return {
    boxes,
    createInputBox: () => {
      const box = vscode.window.createInputBox();
      boxes.push(box);
      return box;
    },
  };
}

describe('one sign-in path at a time (loopback reachable in this remote-like web window)', function () {
  this.timeout(60_000);

  before(async () => {
    await workbenchApi();
    const started = await vscode.commands.executeCommand<StartPracticeServerResult>(
      CommandIds.startPracticeServer,
      { port: 0, redirectUri: `http://127.0.0.1:${await freeLoopbackPort()}/callback` },
    );
    assert.equal(started.profileId, PRACTICE_PROFILE_ID);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand(CommandIds.signOut, { profileId: PRACTICE_PROFILE_ID });
  });

  it('signs in through the loopback server without opening the paste-back box', async () => {
    const inputs = recordingInputs();
    const result = await vscode.commands.executeCommand<OperationResult>(CommandIds.signIn, {
      profileId: PRACTICE_PROFILE_ID,
      openUrl: (url: string) => void answerConsent(url),
      quickInputs: inputs,
    });
    assert.equal(result.ok, true, result.failure?.message);
    assert.equal(inputs.boxes.length, 0, 'no paste-back box while the loopback redirect works');
  });

  it('opens the paste-back box only when the user asks for it, and signs in with the pasted URL', async function () {
    if (vscode.env.remoteName === undefined) {
      // A local window never offers paste-back next to a reachable loopback server.
      this.skip();
    }
    const inputs = recordingInputs();
    let landedOn: string | undefined;
    const done = vscode.commands.executeCommand<OperationResult>(CommandIds.signIn, {
      profileId: PRACTICE_PROFILE_ID,
      // The "browser" approves but never reaches the loopback server.
      openUrl: async (url: string) => {
        const walk = await answerConsent(url, { deliver: false });
        landedOn = walk.kind === 'callback' ? walk.url : undefined;
      },
      quickInputs: inputs,
    });
    const url = await waitFor(() => landedOn, { what: 'the consent to end on the redirect URI' });
    assert.equal(inputs.boxes.length, 0, 'no box before the user asks');
    await vscode.commands.executeCommand(CommandIds.pasteRedirectUrl);
    const box = await waitFor(() => inputs.boxes[0], { what: 'the paste-back box after asking' });
    box.value = url;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const result = await done;
    assert.equal(result.ok, true, result.failure?.message);
  });
});
