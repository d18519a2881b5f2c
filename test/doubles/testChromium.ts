/**
 * Debian's Chromium through playwright-core for unit tests that need a real browser (never a browser download), and
 * a context that lets only loopback requests through, so a page that asks the internet for anything is noticed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { repoRoot } from '../support/paths';

interface OfflineHostModule {
  readonly CHROMIUM: string;
  readonly CHROMIUM_ARGS: readonly string[];
}

/** Requests to these hosts are let through; everything else is aborted and recorded. */
export const LOOPBACK_URL = /^https?:\/\/(127\.0\.0\.1|\[::1\]|localhost)(:\d+)?\//;

/** Launches headless Chromium with the offline host's flags; fails with the apt command when it is missing. */
export async function launchTestChromium(): Promise<Browser> {
  // A computed specifier keeps TypeScript from turning these ESM imports into require().
  const hostModule = path.join(repoRoot, 'test', 'host', 'offlineHost.mjs');
  const { CHROMIUM, CHROMIUM_ARGS } = (await import(hostModule)) as OfflineHostModule;
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium).`);
  }
  const playwright = 'playwright-core';
  const { chromium } = (await import(playwright)) as typeof import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
}

/** A new context whose non-loopback requests are aborted; `blocked` lists their URLs. */
export async function loopbackOnlyContext(
  browser: Browser,
): Promise<{ readonly context: BrowserContext; readonly blocked: string[] }> {
  const context = await browser.newContext();
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (LOOPBACK_URL.test(url)) {
      return route.continue();
    }
    blocked.push(url);
    return route.abort();
  });
  return { context, blocked };
}
