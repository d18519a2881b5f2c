import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SettingKeys } from '../../../src/constants';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { codeValue, ourDiagnostics, quickFixes } from '../httpDiagnostics/diagnosticsHelpers';
import { revealTokens } from '../support/revealTokens';
import { addOidcProfile, removeTestProfile, signInOverHttp } from '../support/testProfiles';
import { setSetting } from '../support/workbench';
import { waitFor } from '../support/waitFor';

const PROFILE_ID = 'quickfix-fresh-token';

/** An unsigned JWT with the given claims: enough for the lint, which never verifies (and says so). */
function expiredJwt(clientId: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) - 3600;
  return `${part({ alg: 'RS256', typ: 'at+jwt' })}.${part({ client_id: clientId, exp, sub: 'user-1' })}.c2ln`;
}

describe('quick fix: replace an expired bearer token pasted from elsewhere', function () {
  this.timeout(60_000);
  let server: OidcProviderServer;

  before(async () => {
    await setSetting(SettingKeys.autoRefresh, false);
    server = await startOidcProvider({});
    await addOidcProfile(server, { id: PROFILE_ID, label: 'quick-fix provider' });
    const result = await signInOverHttp(PROFILE_ID, server);
    assert.equal(result.ok, true, result.failure?.message);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await removeTestProfile(PROFILE_ID);
    await server?.close();
  });

  /** Opens a request carrying an expired JWT issued to `clientId`, once its expired-token lint is there. */
  async function openWithExpiredToken(clientId: string) {
    const content = `GET ${server.issuer}/me\nAuthorization: Bearer ${expiredJwt(clientId)}\n`;
    const document = await vscode.workspace.openTextDocument({ language: 'http', content });
    await vscode.window.showTextDocument(document);
    const diagnostic = await waitFor(
      async () =>
        (await ourDiagnostics(document.uri)).find((d) => codeValue(d) === 'lint.bearer.expired-token'),
      { what: 'the expired-token lint', timeoutMs: 10_000 },
    );
    return { document, diagnostic };
  }

  async function replaceTokenFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic) {
    return (await quickFixes(document.uri, diagnostic.range)).filter(
      (a) => a.title === 'Replace with a fresh access token',
    );
  }

  it("offers the signed-in profile's fresh token for an expired JWT issued to the same client id", async () => {
    const { access } = await revealTokens(PROFILE_ID);
    const { document, diagnostic } = await openWithExpiredToken(server.clientId);
    const actions = await waitFor(
      async () => {
        const found = await replaceTokenFixes(document, diagnostic);
        return found.length > 0 ? found : undefined;
      },
      {
        what: 'the replace-token quick fix (the token explorer loads tokens on first use)',
        timeoutMs: 10_000,
      },
    );
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.equal(document.lineAt(1).text, `Authorization: Bearer ${access}`);
  });

  it('offers no replacement for an expired JWT issued to a client no profile has', async () => {
    const { document, diagnostic } = await openWithExpiredToken('someone-else');
    assert.deepEqual(await replaceTokenFixes(document, diagnostic), []);
  });
});
