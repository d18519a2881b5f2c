import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SettingKeys } from '../../../src/constants';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { revealTokens } from '../support/revealTokens';
import { addOidcProfile, removeTestProfile, signInOverHttp } from '../support/testProfiles';
import { setSetting } from '../support/workbench';

const PROFILE_ID = 'auth-variables';

describe('auth variables: completion and hover', function () {
  this.timeout(60_000);
  let server: OidcProviderServer;

  before(async () => {
    await setSetting(SettingKeys.autoRefresh, false);
    server = await startOidcProvider({});
    await addOidcProfile(server, { id: PROFILE_ID, label: 'variables provider' });
    const result = await signInOverHttp(PROFILE_ID, server);
    assert.equal(result.ok, true, result.failure?.message);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await removeTestProfile(PROFILE_ID);
    await server?.close();
  });

  it('completes {{$auth… for the profile and explains it on hover, never showing a value', async () => {
    const { access, refresh } = await revealTokens(PROFILE_ID);
    const secrets = [access, refresh ?? '', server.clientSecret].filter(Boolean);
    const document = await vscode.workspace.openTextDocument({
      language: 'http',
      content: `GET ${server.issuer}/me\nAuthorization: Bearer {{$auth.to\n`,
    });
    await vscode.window.showTextDocument(document);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(1, document.lineAt(1).text.length),
    );
    const ours = list.items.filter((i) => String(i.insertText ?? '').includes(`("${PROFILE_ID}")`));
    const token = ours.find((i) => i.insertText === `$auth.token("${PROFILE_ID}")}}`);
    assert.ok(token, ours.map((i) => String(i.insertText)).join(', '));
    assert.match(String(token.detail), /access token of “variables provider”/);
    assert.match(String(token.documentation), /Signed in/);
    const shown = ours
      .map((i) => `${String(i.insertText)} ${String(i.detail)} ${String(i.documentation)}`)
      .join('\n');
    for (const secret of secrets) {
      assert.ok(!shown.includes(secret), 'a completion shows a secret');
    }

    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      document.uri,
      document.lineAt(1).range,
      `Authorization: Bearer {{$auth.token("${PROFILE_ID}")}}`,
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(1, 30),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((m) => (typeof m === 'string' ? m : m.value))
      .join('\n');
    assert.match(text, /access token of “variables provider”/);
    assert.match(text, /Signed in; the access token expires in \d+ min/);
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), 'the hover shows a secret');
    }
  });
});
