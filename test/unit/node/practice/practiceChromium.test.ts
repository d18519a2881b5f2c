/**
 * The practice server's pages in a real browser (Debian's Chromium through playwright-core): a person approves the
 * consent page and the engine gets tokens, then flips a trouble switch on the home page. Catches what only a browser
 * enforces: the pages' Content-Security-Policy (form-action), the Origin header a form post carries, relative links,
 * and that no page asks for anything but loopback.
 */
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { signIn } from '../../../../src/core/oauth/signIn';
import { practiceProfile } from '../../../../src/core/practice/practiceProfile';
import { InMemorySecretStore } from '../../../../src/core/profiles/secretStore';
import { startLoopbackRedirectServer } from '../../../../src/node/loopbackRedirectServer';
import { PracticeServer, startPracticeServer } from '../../../../src/node/practice/practiceServer';
import { NodeHttpClient } from '../../../../src/node/nodeHttpClient';
import { freeLoopbackPort } from '../../../doubles/practiceBrowser';
import { launchTestChromium, loopbackOnlyContext } from '../../../doubles/testChromium';

describe('practice server pages in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let server: PracticeServer;
  let http: NodeHttpClient;

  before(async () => {
    browser = await launchTestChromium();
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    http = new NodeHttpClient({ env: {} });
    server = await startPracticeServer({
      settings: { redirect_uri: `http://127.0.0.1:${await freeLoopbackPort()}/callback` },
    });
  });

  afterEach(async () => {
    await http.close();
    await server.close();
  });

  it('lets a person approve the consent page, then flip a trouble switch on the home page', async () => {
    const { context, blocked } = await loopbackOnlyContext(browser!);
    const failed: string[] = [];
    const page = await context.newPage();
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
        failed.push(`${response.status()} ${response.url()}`);
      }
    });
    try {
      const profile = { ...practiceProfile(server.endpoints), exchangeDelayMs: 0 };
      const tokens = await signIn({
        profile,
        secretStore: new InMemorySecretStore({ [profile.id]: server.endpoints.client_secret }),
        http,
        receiveCallback: startLoopbackRedirectServer,
        timeoutMs: 30_000,
        openUrl: (url) => {
          void (async () => {
            await page.goto(url);
            assert.equal(await page.locator('#scopes li').count(), 3);
            await page.click('#approve');
          })().catch(() => undefined);
        },
      });
      assert.match(tokens.consent_id ?? '', /^[0-9a-f-]{36}$/);

      // The browser may still be following the callback's redirect to the clean URL: let it land before leaving.
      await page.waitForURL((url) => url.pathname === '/callback' && url.search === '');
      await page.goto(server.url);
      await page.click('#trouble-spend-refresh-token');
      await page.waitForURL(`${server.url}/`);
      assert.match(
        await page.locator('#events li').first().innerText(),
        /Trouble switched on: Refresh token already used/,
      );
      assert.deepEqual(failed, [], 'every page and stylesheet loaded');
      assert.deepEqual(blocked, [], 'no page asked for anything but loopback');
    } finally {
      await context.close();
    }
  });
});
