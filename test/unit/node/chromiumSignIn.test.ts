/**
 * The one end-to-end sign-in through a real browser: Debian's Chromium (playwright-core) opens the authorization URL,
 * a person's clicks are replayed on oidc-provider's login and consent pages, and the loopback server shows its page
 * at the clean URL. Every request that is not to loopback (web fonts and the like) is blocked.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { signIn } from '../../../src/core/oauth/signIn';
import { InMemorySecretStore } from '../../../src/core/profiles/secretStore';
import { startLoopbackRedirectServer } from '../../../src/node/loopbackRedirectServer';
import { profileFor } from '../../doubles/builders/profileBuilder';
import { useOidcProvider } from '../../doubles/useOidcProvider';
import { repoRoot } from '../../support/paths';

interface OfflineHostModule {
  readonly CHROMIUM: string;
  readonly CHROMIUM_ARGS: readonly string[];
}

const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|\[::1\]|localhost)(:\d+)?\//;

describe('sign-in through Chromium (end to end)', function () {
  this.timeout(60_000);
  const fixture = useOidcProvider();
  let browser: Browser | undefined;

  before(async function () {
    // A computed specifier keeps TypeScript from turning these ESM imports into require().
    const hostModule = path.join(repoRoot, 'test', 'host', 'offlineHost.mjs');
    const { CHROMIUM, CHROMIUM_ARGS } = (await import(hostModule)) as OfflineHostModule;
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium).`);
    }
    const playwright = 'playwright-core';
    const { chromium } = (await import(playwright)) as typeof import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
  });

  after(async () => {
    await browser?.close();
  });

  it('logs in on the provider’s page, lands on the clean success page and gets tokens', async () => {
    const context = await browser!.newContext();
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (LOOPBACK.test(url)) {
        return route.continue();
      }
      blocked.push(url);
      return route.abort();
    });
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
      assert.ok(blocked.every((url) => !LOOPBACK.test(url)));
    } finally {
      await context.close();
    }
  });
});
