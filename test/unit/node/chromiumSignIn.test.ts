/**
 * The one end-to-end sign-in through a real browser: Debian's Chromium (playwright-core) opens the authorization URL,
 * a person's clicks are replayed on oidc-provider's login and consent pages, and the loopback server shows its page
 * at the clean URL. Every request that is not to loopback (web fonts and the like) is blocked.
 */
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { signIn } from '../../../src/core/oauth/signIn';
import { InMemorySecretStore } from '../../../src/core/profiles/secretStore';
import { startLoopbackRedirectServer } from '../../../src/node/loopbackRedirectServer';
import { profileFor } from '../../doubles/builders/profileBuilder';
import { LOOPBACK_URL, launchTestChromium, loopbackOnlyContext } from '../../doubles/testChromium';
import { useOidcProvider } from '../../doubles/useOidcProvider';

describe('sign-in through Chromium (end to end)', function () {
  this.timeout(60_000);
  const fixture = useOidcProvider();
  let browser: Browser | undefined;

  before(async function () {
    browser = await launchTestChromium();
  });

  after(async () => {
    await browser?.close();
  });

  it('logs in on the provider’s page, lands on the clean success page and gets tokens', async () => {
    const { context, blocked } = await loopbackOnlyContext(browser!);
    const page = await context.newPage();
    const { server, http } = fixture;
    try {
      const profile = profileFor(server);
      const tokens = await signIn({
        profile,
        secretStore: new InMemorySecretStore({ [profile.id]: server.clientSecret }),
        http,
        receiveCallback: startLoopbackRedirectServer,
        timeoutMs: 30_000,
        openUrl: (url) => {
          void (async () => {
            await page.goto(url);
            await page.fill('input[name="login"]', 'alice');
            await page.fill('input[name="password"]', 'any-password');
            await page.click('button[type="submit"]');
            await page.waitForSelector('button[type="submit"]:has-text("Continue")');
            await page.click('button[type="submit"]:has-text("Continue")');
          })().catch(() => undefined);
        },
      });
      assert.equal(tokens.token_type, 'Bearer');
      assert.ok(tokens.refresh_token);

      await page.waitForSelector('#result');
      assert.equal(await page.textContent('#result'), 'Sign-in received');
      const landed = new URL(page.url());
      assert.equal(landed.pathname, new URL(profile.redirect_uri).pathname);
      assert.equal(landed.search, '', 'the code must not stay in the address bar');
      assert.ok(blocked.every((url) => !LOOPBACK_URL.test(url)));
    } finally {
      await context.close();
    }
  });
});
