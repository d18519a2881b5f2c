import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds, SettingKeys } from '../../../src/constants';
import type { ClientProfile } from '../../../src/core/profiles/clientProfile';
import type { QuickInputFactory } from '../../../src/platform/quickInputSteps';
import { startOidcProvider } from '../../doubles/oidcProviderServer';
import { clearProfiles, setSetting, workbenchApi } from '../support/workbench';
import { waitFor } from '../support/waitFor';

type AnyInput = vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;

/** Hands the test every real quick input the command creates, in order. */
function recordingQuickInputs(): QuickInputFactory & { readonly created: AnyInput[] } {
  const created: AnyInput[] = [];
  return {
    created,
    createQuickPick: <T extends vscode.QuickPickItem>() => {
      const pick = vscode.window.createQuickPick<T>();
      created.push(pick as unknown as AnyInput);
      return pick;
    },
    createInputBox: () => {
      const box = vscode.window.createInputBox();
      created.push(box);
      return box;
    },
  };
}

async function accept(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

function profilesSetting(): unknown[] {
  return vscode.workspace.getConfiguration(SettingKeys.section).get<unknown[]>(SettingKeys.profiles) ?? [];
}

describe('oauthWorkbench.addProfile', () => {
  before(async () => {
    await workbenchApi();
    await clearProfiles();
  });
  after(async () => {
    for (const id of ['rabobank-psd2-sandbox', 'api-programmatic']) {
      await vscode.commands.executeCommand(CommandIds.removeProfile, { profileId: id, confirm: false });
    }
    await clearProfiles();
  });

  it('registers every command of the issue', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of Object.values(CommandIds)) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  it('adds a profile from programmatic arguments and keeps the secret out of settings', async () => {
    const api = await workbenchApi();
    const id = await vscode.commands.executeCommand<string>(CommandIds.addProfile, {
      profile: {
        id: 'api-programmatic',
        label: 'Programmatic API',
        preset: 'generic-oauth2',
        authorization_endpoint: 'https://as.example/authorize',
        token_endpoint: 'https://as.example/token',
        client_id: 'client-1',
        redirect_uri: 'http://127.0.0.1:8765/callback',
        scopes: ['read'],
      } satisfies Partial<ClientProfile>,
      clientSecret: 'programmatic-secret-value',
    });
    assert.equal(id, 'api-programmatic');
    const stored = profilesSetting().find((e) => (e as ClientProfile).id === id) as ClientProfile;
    assert.equal(stored.token_endpoint, 'https://as.example/token');
    assert.ok(!JSON.stringify(profilesSetting()).includes('programmatic-secret-value'));
    assert.deepEqual(await api.stored(id), { clientSecret: true, tokens: false });
  });

  it('walks the multi-step quick input: preset, client id, redirect URI (validated inline), scopes, secret', async () => {
    const api = await workbenchApi();
    const ui = recordingQuickInputs();
    const done = vscode.commands.executeCommand<string>(CommandIds.addProfile, { quickInputs: ui });

    const presets = (await waitFor(() => ui.created[0], {
      what: 'the preset pick',
    })) as vscode.QuickPick<vscode.QuickPickItem>;
    await waitFor(() => presets.activeItems.length > 0, { what: 'the preset pick to show' });
    presets.activeItems = presets.items.filter((item) => item.label === 'Rabobank PSD2 (sandbox)');
    await accept();

    const clientId = (await waitFor(() => ui.created[1], { what: 'the client id step' })) as vscode.InputBox;
    assert.equal(clientId.step, 2);
    assert.equal(clientId.totalSteps, 5);
    clientId.value = 'rabo-client-id';
    await accept();

    const redirect = (await waitFor(() => ui.created[2], {
      what: 'the redirect URI step',
    })) as vscode.InputBox;
    redirect.value = 'http://example.com/callback';
    await accept();
    await waitFor(() => redirect.validationMessage, { what: 'the inline validation message' });
    assert.equal(ui.created.length, 3, 'an invalid redirect URI does not advance');
    redirect.value = 'http://127.0.0.1:8765/callback';
    await accept();

    const scopes = (await waitFor(() => ui.created[3], {
      what: 'the scopes step',
    })) as vscode.QuickPick<vscode.QuickPickItem>;
    assert.ok(scopes.canSelectMany);
    // The check marks travel to the workbench asynchronously; accept once they have arrived (retry if not yet).
    for (let attempt = 0; attempt < 5 && ui.created.length < 5; attempt++) {
      scopes.selectedItems = scopes.items.filter((item) => item.label === 'ais.balances.read');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await accept();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }

    const secret = (await waitFor(() => ui.created[4], {
      what: 'the secret step',
    }).catch((err: Error) => {
      throw new Error(
        `${err.message}; scopes step: placeholder "${scopes.placeholder}", selected [${scopes.selectedItems.map((i) => i.label).join()}]`,
      );
    })) as vscode.InputBox;
    assert.equal(secret.password, true);
    secret.value = 'quick-input-secret';
    await accept();

    const id = await done;
    assert.equal(id, 'rabobank-psd2-sandbox');
    const stored = profilesSetting().find((e) => (e as ClientProfile).id === id) as ClientProfile;
    assert.deepEqual(
      [stored.client_id, stored.redirect_uri, stored.scopes, stored.token_endpoint],
      [
        'rabo-client-id',
        'http://127.0.0.1:8765/callback',
        ['ais.balances.read'],
        'https://api-sandbox.rabobank.nl/openapi/sandbox/oauth2/token',
      ],
    );
    assert.ok(!JSON.stringify(profilesSetting()).includes('quick-input-secret'));
    assert.deepEqual(await api.stored(id), { clientSecret: true, tokens: false });
  });

  it('fills a Generic OpenID Connect profile from the issuer discovery document', async () => {
    const server = await startOidcProvider();
    try {
      const ui = recordingQuickInputs();
      const done = vscode.commands.executeCommand<string>(CommandIds.addProfile, { quickInputs: ui });
      const presets = (await waitFor(() => ui.created[0], {
        what: 'the preset pick',
      })) as vscode.QuickPick<vscode.QuickPickItem>;
      await waitFor(() => presets.activeItems.length > 0, { what: 'the preset pick to show' });
      presets.activeItems = presets.items.filter(
        (item) => item.label === 'Generic OpenID Connect (discovery)',
      );
      await accept();
      const answers = [
        server.issuer,
        server.clientId,
        server.redirectUri,
        'openid offline_access',
        server.clientSecret,
      ];
      for (const [index, answer] of answers.entries()) {
        const box = (await waitFor(() => ui.created[index + 1], {
          what: `step ${index + 2}`,
          timeoutMs: 10_000,
        })) as vscode.InputBox;
        assert.equal(box.totalSteps, 6);
        box.value = answer;
        await accept();
      }
      const id = await done;
      const stored = profilesSetting().find((e) => (e as ClientProfile).id === id) as ClientProfile;
      assert.equal(stored.issuer, server.issuer);
      assert.equal(stored.token_endpoint, server.tokenEndpoint);
      assert.equal(stored.revocation_endpoint, server.revocationEndpoint);
      assert.deepEqual(stored.scopes, ['openid', 'offline_access']);
      await vscode.commands.executeCommand(CommandIds.removeProfile, { profileId: id, confirm: false });
    } finally {
      await server.close();
    }
  });

  it('goes back a step with the choice kept, and cancels quietly when the input is closed', async () => {
    const ui = recordingQuickInputs();
    const done = vscode.commands.executeCommand<string | undefined>(CommandIds.addProfile, {
      quickInputs: ui,
    });
    const presets = (await waitFor(() => ui.created[0], {
      what: 'the preset pick',
    })) as vscode.QuickPick<vscode.QuickPickItem>;
    await waitFor(() => presets.activeItems.length > 0, { what: 'the preset pick to show' });
    presets.activeItems = presets.items.filter((item) => item.label === 'Rabobank Premium (sandbox)');
    await accept();
    await waitFor(() => ui.created[1], { what: 'the client id step' });
    await vscode.commands.executeCommand('workbench.action.quickInputBack');
    const again = (await waitFor(() => ui.created[2], {
      what: 'the preset pick again',
    })) as vscode.QuickPick<vscode.QuickPickItem>;
    assert.deepEqual(
      again.activeItems.map((item) => item.label),
      ['Rabobank Premium (sandbox)'],
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await done, undefined);
  });

  it('scope step: describes known scopes, adds a typed one on Enter and keeps what was checked', async () => {
    const ui = recordingQuickInputs();
    const done = vscode.commands.executeCommand<string>(CommandIds.addProfile, { quickInputs: ui });
    const presets = (await waitFor(() => ui.created[0], {
      what: 'the preset pick',
    })) as vscode.QuickPick<vscode.QuickPickItem>;
    await waitFor(() => presets.activeItems.length > 0, { what: 'the preset pick to show' });
    presets.activeItems = presets.items.filter((item) => item.label === 'Rabobank PSD2 (sandbox)');
    await accept();
    for (const [index, value] of ['scope-client', 'http://127.0.0.1:8766/callback'].entries()) {
      const box = (await waitFor(() => ui.created[index + 1], {
        what: `step ${index + 2}`,
      })) as vscode.InputBox;
      box.value = value;
      await accept();
    }
    const scopes = (await waitFor(() => ui.created[3], {
      what: 'the scopes step',
    })) as vscode.QuickPick<vscode.QuickPickItem & { scope?: string }>;
    const balances = scopes.items.find((item) => item.label === 'ais.balances.read');
    assert.match(balances?.detail ?? '', /balances/i, 'a known scope says what it allows');
    assert.ok(
      scopes.items.every((item) => item.detail),
      'every Rabobank scope is described',
    );

    const checked = () => scopes.selectedItems.map((item) => item.label).sort();
    scopes.selectedItems = scopes.items.filter((item) => item.label === 'ais.balances.read');
    await new Promise((resolve) => setTimeout(resolve, 300));
    scopes.value = 'my.custom-scope';
    await new Promise((resolve) => setTimeout(resolve, 300));
    await accept();
    await waitFor(() => scopes.items.some((item) => item.label === 'my.custom-scope') || undefined, {
      what: 'the typed scope in the list',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(ui.created.length, 4, 'Enter with a typed scope stays on the step');
    assert.deepEqual(checked(), ['ais.balances.read', 'my.custom-scope'], 'Enter kept the checked scope');
    assert.equal(scopes.value, '');

    await accept();
    const secret = (await waitFor(() => ui.created[4], { what: 'the secret step' })) as vscode.InputBox;
    secret.value = 'scope-step-secret';
    await accept();
    const id = await done;
    const stored = profilesSetting().find((e) => (e as ClientProfile).id === id) as ClientProfile;
    assert.deepEqual(stored.scopes, ['ais.balances.read', 'my.custom-scope']);
    await vscode.commands.executeCommand(CommandIds.removeProfile, { profileId: id, confirm: false });
  });

  it('edits a profile from programmatic arguments, validating the result', async () => {
    await vscode.commands.executeCommand(CommandIds.editProfile, {
      profileId: 'api-programmatic',
      changes: { label: 'Renamed API', scopes: ['read', 'write'] },
    });
    const stored = profilesSetting().find(
      (e) => (e as ClientProfile).id === 'api-programmatic',
    ) as ClientProfile;
    assert.equal(stored.label, 'Renamed API');
    assert.deepEqual(stored.scopes, ['read', 'write']);
    await vscode.commands.executeCommand(CommandIds.editProfile, {
      profileId: 'api-programmatic',
      changes: { token_endpoint: 'http://not-loopback.example/token' },
    });
    const after = profilesSetting().find(
      (e) => (e as ClientProfile).id === 'api-programmatic',
    ) as ClientProfile;
    assert.equal(after.token_endpoint, 'https://as.example/token', 'an invalid change is refused');
  });

  it('reports a malformed settings entry and keeps the others working', async () => {
    const api = await workbenchApi();
    const good = profilesSetting();
    await setSetting(SettingKeys.profiles, [...good, { id: 'broken', preset: 'acme', client_id: 42 }]);
    const nodes = await waitFor(
      async () => {
        const children = await api.tokensTree.getChildren();
        return children.some((n) => n.kind === 'invalid') ? children : undefined;
      },
      { what: 'the invalid entry in the tree' },
    );
    const invalid = nodes.find((n) => n.kind === 'invalid');
    assert.ok(invalid);
    const item = api.tokensTree.getTreeItem(invalid);
    assert.match(
      String(item.tooltip),
      new RegExp(
        `^Profile ${good.length + 1} "broken" in oauthWorkbench\\.profiles: preset: "acme" is not a known preset`,
      ),
    );
    const goodIds = good.map((entry) => (entry as ClientProfile).id);
    assert.deepEqual(
      nodes.filter((n) => n.kind === 'profile' && goodIds.includes(n.profileId)).length,
      goodIds.length,
      'the well-formed profiles are still listed',
    );
    await setSetting(SettingKeys.profiles, good);
  });

  it('removes a profile with its client secret', async () => {
    const api = await workbenchApi();
    await vscode.commands.executeCommand(CommandIds.removeProfile, {
      profileId: 'api-programmatic',
      confirm: false,
    });
    assert.ok(!profilesSetting().some((e) => (e as ClientProfile).id === 'api-programmatic'));
    assert.deepEqual(await api.stored('api-programmatic'), { clientSecret: false, tokens: false });
  });
});
