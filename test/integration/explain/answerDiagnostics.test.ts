import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension } from '../support/activateExtension';
import { closeScratchEditors } from './closeScratchEditors';
import { waitFor } from '../support/waitFor';

const ANSWER_SOURCE = 'OAuth Workbench';

/** Our diagnostics of a document; in a `.http` file only those of saved answers, not the request lints. */
function answerDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter(
      (d) => d.source === ANSWER_SOURCE && (!uri.path.endsWith('.http') || /saved answer/.test(d.message)),
    );
}

function codes(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
}

/** Lets the debounced and asynchronous providers run, for the tests that expect nothing. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1200));

describe('answers outside request blocks', () => {
  let dir: string;
  let outside: string;

  before(async () => {
    await activateExtension();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the test host opens a workspace folder');
    dir = fs.mkdtempSync(path.join(root, 'answers-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-outside-'));
    fs.writeFileSync(path.join(dir, '2025-01-01T101010.401.json'), '{"error": "invalid_grant"}\n');
    fs.writeFileSync(path.join(outside, 'secret.401.json'), '{"error": "invalid_grant"}\n');
    fs.writeFileSync(
      path.join(dir, 'big.401.json'),
      `{"error": "invalid_grant", "pad": "${'x'.repeat(300_000)}"}`,
    );
  });

  after(async () => {
    await closeScratchEditors();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  async function openHttp(name: string, text: string): Promise<vscode.Uri> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    return doc.uri;
  }

  it('diagnoses a JetBrains saved answer at its <> line, with the request and the status from the name', async () => {
    const uri = await openHttp(
      'refresh.http',
      [
        'POST https://oauth.rabobank.nl/openapi/oauth2/token',
        'Content-Type: application/x-www-form-urlencoded',
        '',
        'grant_type=refresh_token&refresh_token={{rt}}',
        '',
        '<> 2025-01-01T101010.401.json',
        '<> ./missing.401.json',
        '',
      ].join('\n'),
    );
    const found = await waitFor(() => answerDiagnostics(uri).length > 0 && answerDiagnostics(uri), {
      what: 'a diagnostic for the saved answer',
      timeoutMs: 10_000,
    });
    assert.deepEqual(codes(found), ['rabobank.token.invalid-refresh-token']);
    assert.equal(found[0].range.start.line, 5);
    assert.equal(found[0].range.start.character, 3);
    assert.match(found[0].message, /2025-01-01T101010\.401\.json/);
  });

  it('reads no saved answer outside the workspace folder or over the size cap', async () => {
    const uri = await openHttp(
      'outside.http',
      [
        'POST https://oauth.rabobank.nl/openapi/oauth2/token',
        '',
        'grant_type=refresh_token',
        '',
        `<> ${path.join(outside, 'secret.401.json')}`,
        `<> ${path.relative(dir, path.join(outside, 'secret.401.json'))}`,
        '<> big.401.json',
        '',
      ].join('\n'),
    );
    await settle();
    assert.deepEqual(answerDiagnostics(uri), []);
  });

  it("diagnoses an untitled JSON document shaped like an answer (httpYac's response view)", async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: '{\n  "error": "unsupported_grant_type"\n}\n',
    });
    await vscode.window.showTextDocument(doc);
    const found = await waitFor(() => answerDiagnostics(doc.uri).length > 0 && answerDiagnostics(doc.uri), {
      what: 'a diagnostic in the untitled answer',
      timeoutMs: 10_000,
    });
    assert.deepEqual(codes(found), ['oauth.token.unsupported_grant_type']);
    assert.equal(found[0].range.start.line, 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      found[0].range,
    );
    assert.ok(actions.some((a) => a.title === 'Explain this answer'));
  });

  it('leaves a JSON file the user edits alone, and an untitled JSON document that is not an answer', async () => {
    const file = path.join(dir, 'settings-like.json');
    fs.writeFileSync(file, '{\n  "error": "unsupported_grant_type"\n}\n');
    const saved = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(saved);
    const scratch = await vscode.workspace.openTextDocument({
      language: 'json',
      content: '{"error": "unsupported_grant_type"}\n{"second": 1}\n',
    });
    await vscode.window.showTextDocument(scratch);
    await settle();
    assert.deepEqual(answerDiagnostics(saved.uri), []);
    assert.deepEqual(answerDiagnostics(scratch.uri), []);
  });

  it("diagnoses an untitled http document that starts with a status line (REST Client's response view)", async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'http',
      content: 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_grant"}\n',
    });
    await vscode.window.showTextDocument(doc);
    const found = await waitFor(
      () => vscode.languages.getDiagnostics(doc.uri).length > 0 && vscode.languages.getDiagnostics(doc.uri),
      { what: 'a diagnostic in the response view', timeoutMs: 10_000 },
    );
    assert.ok(codes(found).some((c) => c.includes('invalid_grant') || c.includes('invalid-code')));
  });
});
