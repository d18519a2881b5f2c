import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds } from '../../../src/constants';
import { fixturePath } from '../../support/paths';
import { ourDiagnostics } from '../httpDiagnostics/diagnosticsHelpers';
import { activateExtension } from '../support/activateExtension';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Opens the 403 fixture and hovers at `at` (default: inside its diagnostic); returns the hover text. */
async function hoverOnForbiddenFixture(at?: vscode.Position): Promise<string> {
  const uri = vscode.Uri.file(fixturePath('http', 'rabobank-api-forbidden.http'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const [d] = await ourDiagnostics(uri);
  const position = at ?? d.range.start.translate(0, 1);
  return hoverText(
    await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position),
  );
}

describe('http hover', () => {
  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('explains a diagnosed range: title, causes, fixes, erratum and link', async () => {
    const text = await hoverOnForbiddenFixture();
    assert.match(text, /Rabobank API: forbidden/);
    assert.match(text, /Likely causes/);
    assert.match(text, /How to fix/);
    assert.match(text, /Guide erratum: the scope name is missing/);
    assert.match(text, /developer\.rabobank\.nl/);
  });

  it('links only the commands that are registered', async () => {
    const text = await hoverOnForbiddenFixture();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of [CommandIds.checkConsent, CommandIds.signIn]) {
      assert.equal(text.includes(`command:${id}`), registered.has(id), `link to ${id} only if registered`);
    }
  });

  it('says nothing outside diagnosed ranges', async () => {
    assert.doesNotMatch(await hoverOnForbiddenFixture(new vscode.Position(0, 1)), /Likely causes/);
  });
});
