import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import packageJson from '../../../package.json';
import { CommandIds } from '../../../src/constants';
import type { ExplainErrorResult } from '../../../src/features/explain/registerExplainError';
import { activateExtension } from '../support/activateExtension';
import { closeScratchEditors } from './closeScratchEditors';
import { waitFor } from '../support/waitFor';

const RABO_403 =
  'HTTP/1.1 403 Forbidden\nContent-Type: application/json\n\n' +
  '{"httpCode":"403","httpMessage":"Forbidden","moreInformation":"Forbidden"}';

function explanationTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) =>
        t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('oauthWorkbench.explanation'),
    );
}

describe('Explain Error Response', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await closeScratchEditors();
  });

  it('is registered and has a keybinding', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes(CommandIds.explainError));
    const bindings = packageJson.contributes.keybindings as { command: string }[];
    assert.ok(bindings.some((b) => b.command === CommandIds.explainError));
  });

  it("explains the selection of any editor in a rendered view, with the catalog's actions", async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'plaintext',
      content: `log line\n${RABO_403}\n`,
    });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, doc.lineCount - 1, 0);
    const result = await vscode.commands.executeCommand<ExplainErrorResult>(CommandIds.explainError);
    assert.ok(result, 'the command explained the selection');
    assert.equal(result.explanation.status, 403);
    // Without the request's URL the gateway body reads as a generic Rabobank API error; the rendering is what matters.
    assert.ok(result.explanation.findings.length > 0);
    assert.match(result.html, /<h2>Likely causes<\/h2>/);
    // The page speaks the display language of this VS Code, and says so.
    const lang = /<html lang="([^"]*)">/.exec(result.html)?.[1];
    assert.equal(lang, vscode.env.language);
    await waitFor(() => explanationTabs().length === 1, { what: 'the explanation view' });
  });

  it('takes the answer and hints from a caller, and reuses the one view', async () => {
    const hints = { url: 'https://api.rabobank.nl/openapi/payments/account-information/ais/accounts' };
    const first = await vscode.commands.executeCommand<ExplainErrorResult>(CommandIds.explainError, {
      text: RABO_403,
      hints,
    });
    assert.equal(first.explanation.findings[0].id, 'rabobank.api.forbidden');
    assert.match(
      first.html,
      /data-action="checkConsent"/,
      'Check Consent is registered, so it gets a button',
    );
    const second = await vscode.commands.executeCommand<ExplainErrorResult>(CommandIds.explainError, {
      text: 'HTTP/1.1 401 Unauthorized\n\n{"error":"invalid_grant"}',
      hints: { url: 'https://oauth.rabobank.nl/openapi/oauth2/token', grantType: 'refresh_token' },
    });
    assert.equal(second.explanation.findings[0].id, 'rabobank.token.invalid-refresh-token');
    await waitFor(
      () => explanationTabs().length === 1 && explanationTabs()[0].label.includes('invalid-refresh-token'),
      { what: 'one view showing the latest explanation' },
    );
  });

  it('has the action buttons act on the profile the answer’s URL belongs to, and ask when none fits', async () => {
    const id = await vscode.commands.executeCommand<string>(CommandIds.addProfile, {
      profile: {
        id: 'explain-target',
        label: 'Explain target',
        preset: 'generic-oauth2',
        authorization_endpoint: 'https://as.example/authorize',
        token_endpoint: 'https://as.example/token',
        client_id: 'client-1',
        redirect_uri: 'http://127.0.0.1:8765/callback',
        scopes: ['read'],
      },
    });
    try {
      const answer = 'HTTP/1.1 400 Bad Request\n\n{"error":"invalid_grant"}';
      const fits = await vscode.commands.executeCommand<ExplainErrorResult>(CommandIds.explainError, {
        text: answer,
        hints: { url: 'https://as.example/token', grantType: 'refresh_token' },
      });
      assert.equal(fits.profileId, id);
      const elsewhere = await vscode.commands.executeCommand<ExplainErrorResult>(CommandIds.explainError, {
        text: answer,
        hints: { url: 'https://other.example/token', grantType: 'refresh_token' },
      });
      assert.equal(elsewhere.profileId, undefined);
    } finally {
      await vscode.commands.executeCommand(CommandIds.removeProfile, { profileId: id, confirm: false });
    }
  });

  it('offers the clipboard when nothing is selected', async () => {
    await vscode.env.clipboard.writeText('{"error":"unsupported_grant_type"}');
    const pending = Promise.resolve(
      vscode.commands.executeCommand<ExplainErrorResult>(CommandIds.explainError),
    );
    // The first choice is the clipboard.
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const result = await pending;
    assert.equal(result?.explanation.findings[0].id, 'oauth.token.unsupported_grant_type');
  });
});
