import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_NAME } from '../../../src/constants';
import { fixturePath } from '../../support/paths';
import { activateExtension } from '../support/activateExtension';
import { waitFor } from '../support/waitFor';
import { codeValue, ourDiagnostics } from './diagnosticsHelpers';

describe('http diagnostics', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('gives .http files the http language and diagnoses a recorded Rabobank error', async () => {
    const uri = vscode.Uri.file(fixturePath('http', 'rabobank-token-invalid-code.http'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'http');
    const [d] = await ourDiagnostics(uri);
    assert.equal(codeValue(d), 'rabobank.token.invalid-code');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(d.range), '"invalid_grant"');
    assert.equal(d.range.start.line, 14);
    assert.ok(
      typeof d.code === 'object' && d.code.target.toString().startsWith('https://developer.rabobank.nl/'),
    );
  });

  it('diagnoses every case of a file with several requests, with the expected lines', async () => {
    const uri = vscode.Uri.file(fixturePath('http', 'rabobank-token-grant-type-mismatch.http'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const found = await ourDiagnostics(uri, 3);
    assert.deepEqual(found.map((d) => `${codeValue(d)}@${d.range.start.line + 1}`).sort(), [
      'lint.token.grant-type-code@6',
      'lint.token.grant-type-in-query@14',
      'rabobank.token.grant-type-mismatch@11',
    ]);
    const lint = found.find((d) => codeValue(d) === 'lint.token.grant-type-code');
    assert.equal(lint?.severity, vscode.DiagnosticSeverity.Error);
  });

  it('diagnoses an untitled response document and follows edits', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'http',
      content: 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n',
    });
    const editor = await vscode.window.showTextDocument(document);
    const [d] = await ourDiagnostics(document.uri);
    assert.equal(codeValue(d), 'oauth.bearer.invalid_token');
    assert.equal(document.getText(d.range), 'error="invalid_token"');

    await editor.edit((b) => b.replace(d.range, 'error="insufficient_scope"'));
    await waitFor(
      () =>
        vscode.languages
          .getDiagnostics(document.uri)
          .some((x) => codeValue(x) === 'oauth.bearer.insufficient_scope'),
      { what: 'the diagnostic to follow the edit', timeoutMs: 10_000 },
    );
  });

  it('stays silent on negative cases', async () => {
    const uri = vscode.Uri.file(fixturePath('http', 'negative-success-responses.http'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(
      vscode.languages.getDiagnostics(uri).filter((d) => d.source === EXTENSION_NAME),
      [],
    );
  });

  it('clears the diagnostics when the document closes', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'http',
      content: '{"error": "invalid_grant"}\n',
    });
    await vscode.window.showTextDocument(document);
    await ourDiagnostics(document.uri);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(() => document.isClosed && vscode.languages.getDiagnostics(document.uri).length === 0, {
      what: 'the diagnostics to be cleared on close',
      timeoutMs: 10_000,
    });
  });
});
