import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { fixturePath } from '../../support/paths';
import { codeValue, ourDiagnostics, quickFixes } from '../httpDiagnostics/diagnosticsHelpers';
import { activateExtension } from '../support/activateExtension';
import { waitFor } from '../support/waitFor';

describe('http quick fixes', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers grant_type=authorization_code on a fixture file, tied to its diagnostic', async () => {
    const uri = vscode.Uri.file(fixturePath('http', 'rabobank-token-grant-type-mismatch.http'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostic = (await ourDiagnostics(uri, 3)).find(
      (d) => codeValue(d) === 'lint.token.grant-type-code',
    )!;
    const [action] = await quickFixes(uri, diagnostic.range);
    assert.equal(action.title, 'Use grant_type=authorization_code');
    assert.equal(action.isPreferred, true);
    // The command API does not carry `diagnostics` back on every VS Code version; when it does, it names ours.
    if (action.diagnostics !== undefined) {
      assert.deepEqual(action.diagnostics.map(codeValue), ['lint.token.grant-type-code']);
    }
  });

  it('applies the fix: the lint disappears from an edited copy', async () => {
    const content = fs.readFileSync(fixturePath('http', 'rabobank-token-grant-type-mismatch.http'), 'utf8');
    const document = await vscode.workspace.openTextDocument({ language: 'http', content });
    await vscode.window.showTextDocument(document);
    const diagnostic = (await ourDiagnostics(document.uri, 3)).find(
      (d) => codeValue(d) === 'lint.token.grant-type-code',
    )!;
    const [action] = await quickFixes(document.uri, diagnostic.range);
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    assert.equal(document.lineAt(5).text, 'grant_type=authorization_code&code={{code}}');
    await waitFor(
      () =>
        !vscode.languages
          .getDiagnostics(document.uri)
          .some((d) => codeValue(d) === 'lint.token.grant-type-code'),
      { what: 'the grant_type lint to go away', timeoutMs: 10_000 },
    );
    // At Rabobank the corrected code exchange still lacks the redirect URI its authorization request sent.
    const next = await waitFor(
      () =>
        vscode.languages
          .getDiagnostics(document.uri)
          .find((d) => codeValue(d) === 'lint.token.missing-redirect-uri'),
      { what: 'the missing redirect_uri lint', timeoutMs: 10_000 },
    );
    const [add] = await quickFixes(document.uri, next.range);
    assert.equal(add.title, 'Add redirect_uri');
    assert.ok(await vscode.workspace.applyEdit(add.edit!));
    assert.match(
      document.lineAt(5).text,
      /^grant_type=authorization_code&code=\{\{code\}\}&redirect_uri=\S+$/,
    );
    await waitFor(
      () =>
        !vscode.languages
          .getDiagnostics(document.uri)
          .some((d) => codeValue(d) === 'lint.token.missing-redirect-uri'),
      { what: 'the redirect_uri lint to go away', timeoutMs: 10_000 },
    );
  });

  it('adds state to an authorization request and a Basic header to a token request', async () => {
    const content =
      fs.readFileSync(fixturePath('http', 'lint-authorize-missing-state.http'), 'utf8') +
      '\n###\nPOST https://auth.example.com/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=refresh_token&refresh_token=r\n';
    const document = await vscode.workspace.openTextDocument({ language: 'http', content });
    await vscode.window.showTextDocument(document);
    const found = await ourDiagnostics(document.uri, 2);
    for (const d of found) {
      const [action] = await quickFixes(document.uri, d.range);
      assert.ok(action, `a fix for ${codeValue(d)}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit!));
    }
    assert.match(document.getText(), /&state=\{\{\$guid\}\}/);
    assert.match(
      document.getText(),
      /urlencoded\nAuthorization: Basic \{\{client_id\}\}:\{\{client_secret\}\}\n/,
    );
  });
});
