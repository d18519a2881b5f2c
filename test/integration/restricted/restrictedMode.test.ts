import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../../../src/constants';
import { userSetting, type UntrustedRefusal } from '../../../src/platform/workspaceTrust';
import { ourDiagnostics } from '../httpDiagnostics/diagnosticsHelpers';
import { activateExtension } from '../support/activateExtension';
import { NotificationRecorder } from '../support/notificationRecorder';

// Runs only in the second host session: workspace trust on, test/fixtures/untrusted-workspace opened and not trusted.
describe('Restricted Mode (untrusted workspace)', function () {
  this.timeout(30_000);
  let recorder: NotificationRecorder;

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the host must open the folder untrusted');
    await activateExtension();
    recorder = new NotificationRecorder().install();
  });

  after(() => recorder.dispose());

  const folder = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

  it('still lints and explains the files of the untrusted workspace', async () => {
    const uri = vscode.Uri.file(path.join(folder(), 'cloned.http'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [first] = await ourDiagnostics(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      first.range.start,
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /Likely causes/);
  });

  it('refuses sign-in with a message that says why and what to do', async () => {
    const result = await vscode.commands.executeCommand<UntrustedRefusal>(CommandIds.signIn, {
      profileId: 'any-profile',
    });
    assert.equal(result?.ok, false);
    assert.equal(result?.reason, 'untrusted-workspace');
    assert.match(recorder.text(), /Sign-in is off in Restricted Mode: this workspace is not trusted/);
    assert.match(recorder.text(), /Manage Workspace Trust/);
  });

  it('refuses to start the practice server', async () => {
    const result = await vscode.commands.executeCommand<UntrustedRefusal>(CommandIds.startPracticeServer);
    assert.equal(result?.reason, 'untrusted-workspace');
  });

  it('ignores revokeOnSignOut: false from the workspace settings', () => {
    const file = fs.readFileSync(path.join(folder(), '.vscode', 'settings.json'), 'utf8');
    assert.match(file, /"oauthWorkbench\.revokeOnSignOut": false/);
    const configuration = vscode.workspace.getConfiguration(SettingKeys.section);
    // Listed in restrictedConfigurations: VS Code itself withholds the workspace value while untrusted.
    assert.equal(configuration.inspect<boolean>(SettingKeys.revokeOnSignOut)?.workspaceValue, undefined);
    assert.equal(configuration.get<boolean>(SettingKeys.revokeOnSignOut), true);
    // And sign-out reads it from user settings only, so trusting the workspace would not change that either.
    assert.equal(userSetting(SettingKeys.revokeOnSignOut, true), true);
  });
});
