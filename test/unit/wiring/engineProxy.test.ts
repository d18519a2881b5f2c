import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../../src/core/oauth/oauthLogger';
import { InMemorySecretStore } from '../../../src/core/profiles/secretStore';
import { InMemoryTokenVault } from '../../../src/core/tokens/tokenVault';
import { EngineLoader } from '../../../src/wiring/engineLoader';
import { buildProfile } from '../../doubles/builders/profileBuilder';
import { startTestProxy, TestProxy } from '../../doubles/testProxy';

describe('the engine behind VS Code http.proxy', function () {
  this.timeout(20_000);
  let tokenServer: http.Server;
  let tokenPort: number;
  const grants: string[] = [];
  const proxies: TestProxy[] = [];
  let engine: EngineLoader | undefined;

  before(async () => {
    tokenServer = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        grants.push(new URLSearchParams(body).get('grant_type') ?? '');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ access_token: `at-${grants.length}`, token_type: 'Bearer', expires_in: 300 }),
        );
      });
    });
    await new Promise<void>((resolve) => tokenServer.listen(0, '127.0.0.1', resolve));
    tokenPort = (tokenServer.address() as AddressInfo).port;
  });

  afterEach(async () => {
    engine?.dispose();
    engine = undefined;
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  });

  after(() => new Promise<void>((resolve) => tokenServer.close(() => resolve())));

  /** Refreshes a profile whose token endpoint has a non-loopback name: only a proxy can reach it. */
  async function refreshThrough(editorProxy: string, profileProxy?: string): Promise<void> {
    const profile = buildProfile({
      token_endpoint: `http://as.proxied.test:${tokenPort}/token`,
      ...(profileProxy ? { proxy: profileProxy } : {}),
    });
    const vault = new InMemoryTokenVault();
    await vault.save(profile.id, {
      access_token: 'old',
      token_type: 'Bearer',
      refresh_token: 'rt-1',
      received_at: new Date().toISOString(),
      other: {},
    });
    engine = new EngineLoader({
      secretStore: new InMemorySecretStore({ [profile.id]: 'secret-1' }),
      vault,
      log: silentLogger,
      extensionPath: '.',
      editorConnection: () => ({ proxy: editorProxy }),
    });
    const tokens = await (await engine.tokenManager()).refresh(profile);
    assert.match(tokens.access_token, /^at-\d+$/);
  }

  it('sends the token call through http.proxy when the profile sets no proxy', async () => {
    const editor = await startTestProxy();
    proxies.push(editor);
    await refreshThrough(editor.url);
    assert.deepEqual(editor.targets(), [`as.proxied.test:${tokenPort}`]);
    assert.equal(grants.at(-1), 'refresh_token');
  });

  it("uses the profile's own proxy instead of http.proxy", async () => {
    const [editor, own] = [await startTestProxy(), await startTestProxy()];
    proxies.push(editor, own);
    await refreshThrough(editor.url, own.url);
    assert.deepEqual(own.targets(), [`as.proxied.test:${tokenPort}`]);
    assert.deepEqual(editor.targets(), []);
  });
});
