import * as assert from 'node:assert/strict';
import { isLoopbackHost, redirectReach, RedirectReachFacts } from '../../../../src/core/oauth/redirectReach';

const registered = 'http://127.0.0.1:43123/callback';

describe('redirectReach', () => {
  const cases: { name: string; facts: Omit<RedirectReachFacts, 'registered'>; reach: string }[] = [
    {
      name: 'the extension runs where the window runs (desktop, or the UI side of a remote window)',
      facts: { remoteExtensionHost: false, webWindow: false, external: 'https://elsewhere.example/x' },
      reach: 'loopback',
    },
    {
      name: 'a remote host whose port VS Code forwards to the same address',
      facts: { remoteExtensionHost: true, webWindow: false, external: registered },
      reach: 'loopback',
    },
    {
      name: 'code-server on this machine: the port proxied under the loopback page',
      facts: {
        remoteExtensionHost: true,
        webWindow: true,
        external: 'http://127.0.0.1:8080/proxy/43123/callback',
      },
      reach: 'loopback',
    },
    {
      name: 'code-server opened as localhost',
      facts: {
        remoteExtensionHost: true,
        webWindow: true,
        external: 'http://localhost:8080/proxy/43123/callback',
      },
      reach: 'loopback',
    },
    {
      name: 'Codespaces in a browser: a public forwarded address',
      facts: {
        remoteExtensionHost: true,
        webWindow: true,
        external: 'https://fluffy-43123.app.github.dev/callback',
      },
      reach: 'needsPasteBack',
    },
    {
      name: 'desktop Remote-SSH forwarding to another local port',
      facts: { remoteExtensionHost: true, webWindow: false, external: 'http://127.0.0.1:50001/callback' },
      reach: 'needsPasteBack',
    },
    {
      name: 'code-server reached over the network',
      facts: {
        remoteExtensionHost: true,
        webWindow: true,
        external: 'https://dev.example.org/proxy/43123/callback',
      },
      reach: 'needsPasteBack',
    },
    {
      name: 'an unparsable external address',
      facts: { remoteExtensionHost: true, webWindow: true, external: 'not a url' },
      reach: 'needsPasteBack',
    },
  ];
  for (const { name, facts, reach } of cases) {
    it(`${reach} for ${name}`, () => {
      assert.equal(redirectReach({ ...facts, registered }), reach);
    });
  }
});

describe('isLoopbackHost', () => {
  it('knows the loopback names and no others', () => {
    for (const host of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of ['127.0.0.1.example', 'localhost.example', '10.0.0.1', '[::2]', 'example.org', '']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});
