import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SettingKeys } from '../../../src/constants';
import type { TokenTreeNode } from '../../../src/features/tokensView/tokenTreeNodes';
import type { WorkbenchTestApi } from '../../../src/wiring/workbenchTestApi';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { addOidcProfile, removeTestProfile, signInOverHttp } from '../support/testProfiles';
import { waitFor } from '../support/waitFor';
import { logTextContaining, setSetting, workbenchApi } from '../support/workbench';

const PROFILE_ID = 'settings-it';

/** Hand-edited entries next to a good one, each wrong in its own way, with what its message must say. */
const MALFORMED: [unknown, RegExp][] = [
  [42, /^Profile 2 in oauthWorkbench\.profiles is not an object/],
  [
    {
      id: 'acme',
      preset: 'acme-bank',
      client_id: 'c',
      redirect_uri: 'http://127.0.0.1:8765/cb',
      scopes: ['x'],
    },
    /^Profile 3 "acme" .*preset: "acme-bank" is not a known preset/,
  ],
  [
    {
      id: 'broken-url',
      preset: 'generic-oauth2',
      authorization_endpoint: 'https://as.example/authorize',
      token_endpoint: 'not a url',
      client_id: 'c',
      redirect_uri: 'http://127.0.0.1:8765/cb',
      scopes: ['x'],
    },
    /^Profile 4 "broken-url" .*token_endpoint: The token endpoint is not a valid URL/,
  ],
  [
    { id: 'types', preset: 'generic-oauth2', client_id: 7, pkce: 'yes', scopes: 'a b', redirect_uri: 5 },
    /^Profile 5 "types" .*client_id: must be text\..*redirect_uri: must be text\..*pkce: must be true or false/,
  ],
  [
    {
      id: 'leaky',
      preset: 'rabobank-psd2-sandbox',
      client_id: 'c',
      redirect_uri: 'http://127.0.0.1:8765/cb',
      scopes: ['x'],
      client_secret: 'hunter2-in-settings',
    },
    /^Profile 6 "leaky" .*"client_secret" does not belong in settings/,
  ],
];

describe('malformed oauthWorkbench.profiles entries in the real host', function () {
  this.timeout(60_000);
  let server: OidcProviderServer;
  let api: WorkbenchTestApi;

  before(async () => {
    api = await workbenchApi();
    server = await startOidcProvider();
    await addOidcProfile(server, { id: PROFILE_ID, label: 'Good profile' });
    const configuration = vscode.workspace.getConfiguration(SettingKeys.section);
    const [good] = configuration.get<unknown[]>(SettingKeys.profiles) ?? [];
    await setSetting(SettingKeys.profiles, [good, ...MALFORMED.map(([entry]) => entry)]);
  });

  after(async () => {
    await removeTestProfile(PROFILE_ID);
    await server?.close();
  });

  it('shows each malformed entry once, with its one message, next to the good profile', async () => {
    const roots = await waitFor(
      async () => {
        const nodes = await api.tokensTree.getChildren();
        return nodes.filter((n) => n.kind === 'invalid').length === MALFORMED.length ? nodes : undefined;
      },
      { what: 'the invalid entries in the tree' },
    );
    assert.ok(
      roots.some((n) => n.kind === 'profile' && n.profileId === PROFILE_ID),
      'the good profile is listed',
    );
    const invalid = roots.filter(
      (n): n is Extract<TokenTreeNode, { kind: 'invalid' }> => n.kind === 'invalid',
    );
    invalid.forEach((node, i) => {
      const item = api.tokensTree.getTreeItem(node);
      assert.equal(item.description, 'invalid settings entry');
      assert.match(String(item.tooltip), MALFORMED[i][1]);
      assert.ok(!String(item.tooltip).includes('hunter2'), 'the secret in settings is not repeated');
    });
    const log = await logTextContaining(api, 'Profile 6 "leaky"');
    for (const [, message] of MALFORMED) {
      assert.match(log, new RegExp(message.source.replace(/^\^/, '')));
    }
    assert.ok(!log.includes('hunter2'));
    console.log(
      `      reliability: malformed settings in the host: ${MALFORMED.length} entries, each shown once`,
    );
  });

  it('signs in with the good profile while the malformed entries are there', async () => {
    const result = await signInOverHttp(PROFILE_ID, server);
    assert.equal(result.ok, true, result.failure?.message);
    assert.equal((await api.stored(PROFILE_ID)).tokens, true);
  });
});
