import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../../../src/constants';
import { userSetting, type UntrustedRefusal } from '../../../src/platform/workspaceTrust';
import { buildProfile } from '../../doubles/builders/profileBuilder';
import { codeValue, ourDiagnostics } from '../httpDiagnostics/diagnosticsHelpers';
import { activateExtension } from '../support/activateExtension';
import { NotificationRecorder } from '../support/notificationRecorder';
import { waitFor } from '../support/waitFor';

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

  it('offers no quick fix that carries credentials, even at the profile’s own token endpoint', async () => {
    // A profile from user settings, with its secret: trusted, the file below would get an `$auth.basic` fix.
    const profile = buildProfile({
      id: 'restricted-fixes',
      label: 'restricted fixes',
      token_endpoint: 'https://as.example/oauth2/token',
    });
    await vscode.commands.executeCommand(CommandIds.addProfile, {
      profile,
      clientSecret: 'restricted-secret-1',
    });
    try {
      const document = await vscode.workspace.openTextDocument({
        language: 'http',
        content: `POST ${profile.token_endpoint}\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=refresh_token&refresh_token=r\n`,
      });
      await vscode.window.showTextDocument(document);
      await waitFor(
        async () =>
          (await ourDiagnostics(document.uri)).some((d) => codeValue(d) === 'lint.token.missing-client-auth')
            ? true
            : undefined,
        { what: 'the missing client authentication finding', timeoutMs: 10_000 },
      );
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        new vscode.Range(0, 0, document.lineCount, 0),
      );
      const texts = actions.flatMap((action) =>
        'edit' in action && action.edit
          ? action.edit.entries().flatMap(([, edits]) => edits.map((edit) => edit.newText))
          : [],
      );
      assert.deepEqual(
        texts.filter((text) => /\$auth\.|restricted-secret-1/.test(text)),
        [],
        'no credential fix in Restricted Mode',
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await vscode.commands.executeCommand(CommandIds.removeProfile, {
        profileId: profile.id,
        confirm: false,
      });
    }
  });
});
