import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type * as net from 'node:net';
import * as vscode from 'vscode';
import { CommandIds, RESPONSE_SCHEME, SettingKeys, TOKEN_DETAILS_SCHEME } from '../../../src/constants';
import { PRACTICE_PROFILE_ID } from '../../../src/core/practice/practiceProfile';
import { PRACTICE_DEFAULT_SETTINGS } from '../../../src/core/practice/practiceSettings';
import { parseHttpFile } from '../../../src/core/httpFile/parseHttpFile';
import type { KeepAnswerResult } from '../../../src/features/send/keepAnswerCommand';
import type { SendResult } from '../../../src/features/send/sendRequestCommand';
import type { StartPracticeServerResult } from '../../../src/features/practice/startPracticeServerCommand';
import type { OperationResult } from '../../../src/platform/operationResult';
import type { WorkbenchTestApi } from '../../../src/wiring/workbenchTestApi';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { answerConsent, freeLoopbackPort } from '../../doubles/practiceBrowser';
import { codeValue } from '../httpDiagnostics/diagnosticsHelpers';
import { revealTokens } from '../support/revealTokens';
import { addOidcProfile, removeTestProfile, signInOverHttp } from '../support/testProfiles';
import { waitFor } from '../support/waitFor';
import { treeTexts } from '../support/treeTexts';
import { logTextContaining, setSetting, workbenchApi } from '../support/workbench';

/** What each request of a `.http` text would send, as written (variables left as text). */
function sentRequests(text: string): unknown[] {
  return parseHttpFile(text).blocks.flatMap((b) =>
    b.request
      ? [
          {
            method: b.request.method,
            url: b.request.url.text,
            headers: [...b.request.headers].map((h) => `${h.name}: ${h.value}`),
            body: b.request.body?.text,
          },
        ]
      : [],
  );
}

/** Opens `content` as an untitled http document and sends the request on `line`. */
async function send(content: string, line = 0): Promise<SendResult | undefined> {
  const document = await vscode.workspace.openTextDocument({ language: 'http', content });
  await vscode.window.showTextDocument(document);
  return vscode.commands.executeCommand<SendResult | undefined>(CommandIds.sendRequest, {
    uri: document.uri.toString(),
    line,
  });
}

async function responseText(result: SendResult | undefined): Promise<string> {
  assert.ok(result, 'the request was sent');
  assert.equal(vscode.Uri.parse(result.uri).scheme, RESPONSE_SCHEME);
  return (await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri))).getText();
}

describe('Send Request', function () {
  this.timeout(120_000);
  let api: WorkbenchTestApi;
  const secrets = new Set<string>();

  before(async () => {
    api = await workbenchApi();
    await setSetting(SettingKeys.autoRefresh, false);
  });

  after(async () => {
    await setSetting(SettingKeys.autoRefresh, undefined);
  });

  describe('variables', () => {
    let server: http.Server;
    let base: string;
    let hits = 0;

    before(async () => {
      server = http.createServer((_req, res) => {
        hits++;
        res.writeHead(302, { location: 'http://127.0.0.1:1/never' });
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    });

    after(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('sends nothing when a variable is undefined', async () => {
      const result = await send(`GET ${base}/x\nX-Key: {{notDefinedAnywhere}}\n`);
      assert.equal(result, undefined);
      assert.equal(hits, 0, 'nothing reached the server');
    });

    it('sends nothing when a file sends a profile’s token to a host of its choosing', async () => {
      const result = await send(
        `GET ${base}/x\nAuthorization: Bearer {{$auth.token("${PRACTICE_PROFILE_ID}")}}\n`,
      );
      assert.equal(result, undefined);
      assert.equal(hits, 0);
    });

    it('shows a redirect as the answer, with file variables resolved', async () => {
      const text = await responseText(await send(`@base = ${base}\n\nGET {{base}}/moved\n`, 2));
      assert.equal(hits, 1, 'the redirect was not followed');
      assert.match(text, /^HTTP\/1\.1 302 Found$/m);
      assert.match(text, new RegExp(`^GET ${base}/moved$`, 'm'));
    });
  });

  describe('against the practice server', () => {
    let practice: string;

    before(async () => {
      const started = await vscode.commands.executeCommand<StartPracticeServerResult>(
        CommandIds.startPracticeServer,
        { port: 0, redirectUri: `http://127.0.0.1:${await freeLoopbackPort()}/callback` },
      );
      practice = started.url;
      secrets.add(PRACTICE_DEFAULT_SETTINGS.client_secret);
      await signInPractice();
    });

    after(async () => {
      await vscode.commands.executeCommand(CommandIds.signOut, { profileId: PRACTICE_PROFILE_ID });
    });

    async function signInPractice(): Promise<void> {
      const signIn = await vscode.commands.executeCommand<OperationResult>(CommandIds.signIn, {
        profileId: PRACTICE_PROFILE_ID,
        openUrl: (url: string) => void answerConsent(url),
      });
      assert.equal(signIn.ok, true, signIn.failure?.message);
      const { access, refresh } = await revealTokens(PRACTICE_PROFILE_ID);
      secrets.add(access);
      if (refresh) {
        secrets.add(refresh);
      }
    }

    async function disarm(): Promise<void> {
      await fetch(`${practice}/practice/trouble`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clear: true }),
      });
    }

    async function arm(trouble: string): Promise<void> {
      const response = await fetch(`${practice}/practice/trouble`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ trouble }),
      });
      assert.equal(response.status, 200);
    }

    const tokenCall = (body: string) =>
      `POST ${'{{practice}}'}/oauth2/token\nContent-Type: application/x-www-form-urlencoded\nAuthorization: Basic {{$auth.basic("${PRACTICE_PROFILE_ID}")}}\n\n${body}\n`;
    const accountsCall = `GET {{practice}}/payments/account-information/ais/accounts\nAuthorization: Bearer {{$auth.token("${PRACTICE_PROFILE_ID}")}}\nAccept: application/json\n`;

    const cases: {
      trouble: string;
      request: string;
      status: number;
      catalogId: string;
      /** The action Ctrl+. offers; the catalog has none for a grant type that does not fit (the lint fixes it). */
      action?: string;
      signInFirst?: boolean;
      treeSays?: string;
    }[] = [
      {
        trouble: 'expire-code',
        request: tokenCall(
          'grant_type=authorization_code&code=abc&redirect_uri=http://127.0.0.1:8765/callback',
        ),
        status: 400,
        catalogId: 'rabobank.token.invalid-code',
        action: 'Sign In Again',
      },
      {
        trouble: 'spend-refresh-token',
        request: tokenCall('grant_type=refresh_token&refresh_token=spent-one'),
        status: 401,
        catalogId: 'rabobank.token.invalid-refresh-token',
        action: 'Refresh Token',
      },
      {
        trouble: 'wrong-client',
        request: tokenCall('grant_type=client_credentials&scope=caf.fundsconfirmation.read'),
        status: 401,
        catalogId: 'rabobank.token.invalid-client',
        action: 'Set Client Secret',
      },
      {
        trouble: 'grant-type-mismatch',
        request: tokenCall('grant_type=client_credentials&scope=caf.fundsconfirmation.read'),
        status: 400,
        catalogId: 'rabobank.token.grant-type-mismatch',
      },
      {
        trouble: 'expire-access-token',
        request: accountsCall,
        status: 401,
        catalogId: 'rabobank.api.access-token-invalid',
        action: 'Refresh Token',
      },
      {
        trouble: 'expire-consent',
        request: accountsCall,
        status: 403,
        catalogId: 'rabobank.api.forbidden',
        action: 'Check Consent',
        signInFirst: true,
        treeSays: 'API refused (403)',
      },
      {
        trouble: 'revoke-consent',
        request: accountsCall,
        status: 403,
        catalogId: 'rabobank.api.forbidden',
        action: 'Check Consent',
        signInFirst: true,
        treeSays: 'API refused (403)',
      },
      {
        trouble: 'drop-scope',
        request: accountsCall,
        status: 403,
        catalogId: 'rabobank.api.forbidden',
        action: 'Sign In Again',
        signInFirst: true,
      },
    ];

    for (const c of cases) {
      it(`explains the answer after "${c.trouble}" in the response document, hover and Ctrl+.`, async () => {
        if (c.signInFirst) {
          await signInPractice();
        }
        await arm(c.trouble);
        let result: SendResult | undefined;
        try {
          result = await send(`@practice = ${practice}\n\n${c.request}`, 2);
        } finally {
          await disarm();
        }
        const text = await responseText(result);
        assert.equal(result?.status, c.status, text);
        const uri = vscode.Uri.parse(result!.uri);
        const diagnostic = await waitFor(
          () => vscode.languages.getDiagnostics(uri).find((d) => codeValue(d) === c.catalogId),
          { what: `${c.catalogId} on the response document`, timeoutMs: 10_000 },
        );
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          uri,
          diagnostic.range.start,
        );
        const hoverText = hovers
          .flatMap((h) => h.contents)
          .map((m) => (typeof m === 'string' ? m : m.value))
          .join('\n');
        assert.ok(hoverText.includes(c.catalogId), hoverText);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uri,
          diagnostic.range,
        );
        if (c.action) {
          assert.ok(
            actions.some((a) => a.title === c.action),
            `${c.action} among ${actions.map((a) => a.title).join(', ')}`,
          );
        }
        if (c.treeSays) {
          // The tree tells what the answer proved about the profile, not only the response document.
          await waitFor(async () => (await treeTexts(api)).includes(c.treeSays!), {
            what: `the token explorer to say "${c.treeSays}"`,
          });
        }
      });
    }
    it('keeps an answer above its request: the requests parse the same, no secret in the file, explained there', async () => {
      const source = await vscode.workspace.openTextDocument({
        language: 'http',
        content: `@practice = ${practice}\n\n### refresh\n${tokenCall('grant_type=refresh_token&refresh_token=spent-one')}`,
      });
      await vscode.window.showTextDocument(source);
      const before = source.getText();
      await arm('spend-refresh-token');
      let result: SendResult | undefined;
      try {
        result = await vscode.commands.executeCommand<SendResult | undefined>(CommandIds.sendRequest, {
          uri: source.uri.toString(),
          line: 3,
        });
      } finally {
        await disarm();
      }
      assert.equal(result?.status, 401, await responseText(result));
      // A line above the request, added after sending: the answer still goes to its request.
      const shift = new vscode.WorkspaceEdit();
      shift.insert(source.uri, new vscode.Position(0, 0), '# notes\n');
      assert.ok(await vscode.workspace.applyEdit(shift));
      const kept = await vscode.commands.executeCommand<KeepAnswerResult>(
        CommandIds.keepAnswer,
        vscode.Uri.parse(result!.uri),
      );
      assert.equal(kept.uri, source.uri.toString());
      const after = source.getText();
      assert.match(after, /^# Answer kept .*\n# HTTP\/1\.1 401/m);
      assert.match(source.lineAt(kept.requestLine).text, /^POST \{\{practice\}\}\/oauth2\/token$/);
      assert.deepEqual(sentRequests(after), sentRequests(`# notes\n${before}`));
      for (const secret of [...secrets].filter((s) => s.length >= 8)) {
        assert.ok(!after.includes(secret), 'a secret or token is in the file');
      }
      await waitFor(
        () =>
          vscode.languages
            .getDiagnostics(source.uri)
            .find(
              (d) =>
                codeValue(d) === 'rabobank.token.invalid-refresh-token' &&
                d.range.start.line < kept.requestLine,
            ),
        { what: 'the kept answer explained in the file', timeoutMs: 10_000 },
      );
      await vscode.commands.executeCommand('undo');
      assert.equal(source.getText(), `# notes\n${before}`, 'one undo takes the kept answer out');
    });

    it('refuses to keep what is not an answer of Send Request, and says why', async () => {
      const content = 'GET https://a.example/\n';
      const plain = await vscode.workspace.openTextDocument({ language: 'http', content });
      const result = await vscode.commands.executeCommand(CommandIds.keepAnswer, plain.uri);
      assert.equal(result, undefined);
      assert.equal(plain.getText(), content);
      await logTextContaining(api, 'Open an answer of Send Request first');
    });
  });

  describe('with oidc-provider', () => {
    const PROFILE_ID = 'send-oidc';
    let server: OidcProviderServer;

    before(async () => {
      // Shorter than the token manager's minute of margin: every use of the token refreshes it first.
      server = await startOidcProvider({ accessTokenTtlS: 30 });
      await addOidcProfile(server, {
        id: PROFILE_ID,
        label: 'send provider',
        apiHosts: [new URL(server.issuer).host],
      });
      secrets.add(server.clientSecret);
      secrets.add(Buffer.from(`${server.clientId}:${server.clientSecret}`).toString('base64'));
    });

    after(async () => {
      await removeTestProfile(PROFILE_ID);
      await server?.close();
    });

    it('signs in, sends with a refreshed token, refreshes, revokes: no token or secret in any document or the log', async () => {
      const signIn = await signInOverHttp(PROFILE_ID, server);
      assert.equal(signIn.ok, true, signIn.failure?.message);
      const before = await revealTokens(PROFILE_ID);
      secrets.add(before.access);
      secrets.add(before.refresh ?? '');

      const result = await send(
        `GET ${server.issuer}/me\nAuthorization: Bearer {{$auth.token("${PROFILE_ID}")}}\n`,
      );
      const text = await responseText(result);
      assert.equal(result?.status, 200, text);
      assert.match(text, /"sub":/);
      const after = await revealTokens(PROFILE_ID);
      assert.notEqual(after.access, before.access, 'the token was refreshed before sending');
      secrets.add(after.access);
      secrets.add(after.refresh ?? '');

      const refreshed = await vscode.commands.executeCommand<OperationResult>(CommandIds.refreshToken, {
        profileId: PROFILE_ID,
      });
      assert.equal(refreshed.ok, true);
      const last = await revealTokens(PROFILE_ID);
      secrets.add(last.access);
      secrets.add(last.refresh ?? '');
      const revoked = await vscode.commands.executeCommand<OperationResult>(CommandIds.revokeToken, {
        profileId: PROFILE_ID,
      });
      assert.equal(revoked.ok, true);

      const log = await logTextContaining(api, `Sent GET ${server.issuer}/me: 200`);
      const documents = vscode.workspace.textDocuments.filter((d) => d.uri.scheme !== TOKEN_DETAILS_SCHEME);
      assert.ok(documents.some((d) => d.uri.scheme === RESPONSE_SCHEME));
      const haystacks = [
        ['the log', log] as const,
        ...documents.map((d) => [d.uri.toString(), d.getText()] as const),
        ['the log file', fs.readFileSync(api.logFile.fsPath, 'utf8')] as const,
      ];
      let hits = 0;
      for (const secret of [...secrets].filter((s) => s.length >= 8)) {
        for (const [where, text] of haystacks) {
          if (text.includes(secret)) {
            hits++;
            assert.fail(`a secret or token is in ${where}`);
          }
        }
      }
      assert.equal(hits, 0);
    });
  });
});
