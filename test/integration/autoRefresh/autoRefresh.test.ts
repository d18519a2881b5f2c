import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../../../src/constants';
import type { OperationResult } from '../../../src/platform/operationResult';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { addOidcProfile, removeTestProfile, signInOverHttp } from '../support/testProfiles';
import { logTextContaining, setSetting, workbenchApi } from '../support/workbench';
import { waitFor } from '../support/waitFor';

const PROFILE_ID = 'auto-refresh-it';

describe('auto-refresh', function () {
  this.timeout(60_000);
  let server: OidcProviderServer;

  before(async () => {
    await workbenchApi();
    await setSetting(SettingKeys.autoRefresh, true);
    // 4-second tokens: refreshed halfway, after about 2 s.
    server = await startOidcProvider({ accessTokenTtlS: 4 });
    await addOidcProfile(server, { id: PROFILE_ID, label: 'Short-lived tokens' });
    const result = await signInOverHttp(PROFILE_ID, server);
    assert.equal(result.ok, true, result.failure?.message);
  });

  after(async () => {
    await removeTestProfile(PROFILE_ID);
    await server?.close();
  });

  it('refreshes ahead of expiry without being asked', async () => {
    const before = server.tokenRequests();
    await waitFor(() => server.tokenRequests() > before, {
      what: 'an automatic refresh at the token endpoint',
      timeoutMs: 8000,
    });
    await logTextContaining(await workbenchApi(), 'Auto-refresh: refreshing "Short-lived tokens"');
  });

  it('says once that an expired token without a refresh token needs the consent checked or a new sign-in', async () => {
    // Stop refreshing first, so no refresh in flight brings a refresh token back after the revocation.
    await setSetting(SettingKeys.autoRefresh, false);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const revoked = await vscode.commands.executeCommand<OperationResult>(CommandIds.revokeToken, {
      profileId: PROFILE_ID,
      tokenKind: 'refresh_token',
    });
    assert.equal(revoked.ok, true, revoked.failure?.message);
    const text = await logTextContaining(
      await workbenchApi(),
      'The access token of "Short-lived tokens" expired and cannot be refreshed',
    );
    assert.match(text, /consent may have expired or been revoked/);
    assert.equal(text.split('expired and cannot be refreshed').length - 1, 1, 'notified once');
  });
});
