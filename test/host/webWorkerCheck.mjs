// The `browser` entry checked in VS Code's real web worker extension host. code-server serves VS Code for the Web,
// whose workbench can run an extension in a web worker inside the page; the user setting `remote.extensionKind`
// forces OAuth Workbench there (installed on the server, kind `web`: the browser entry, dist/web/extension.js, in a
// worker of the page instead of dist/extension.js in the server's Node host). Everything is checked through the UI a
// person sees, without the smoke-test driver (which silences notification toasts):
//   - the Problems panel shows a lint of the opened .http file (the extension has activated);
//   - Running Extensions lists OAuth Workbench as running in the web worker (so this cannot pass in the Node host);
//   - a hover explains the file's error answer, Ctrl+. offers the quick fix, Explain Error Response opens its
//     explanation;
//   - Sign In and Send Request say that they need the desktop; the Tokens view says what works in the browser.
//
//   node test/host/webWorkerCheck.mjs      (also run by `npm test`, and by `node scripts/test.mjs --only web`)
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureOfflineHost, launchChromium, startCodeServer } from './offlineHost.mjs';

/** The extension's id as the workbench knows it (publisher.name in package.json). */
const EXTENSION_ID = 'oauth-workbench.oauth-workbench';
const FILE = 'token-answer.http';
/** What the browser entry's desktop-only commands say (src/features/desktopOnly). */
const NEEDS_DESKTOP = /needs VS Code on the desktop/;

/**
 * Starts the offline host with the extension installed and forced into the web worker, opens
 * test/fixtures/web-workspace and checks each point above as its own step. Resolves to `{ passes, failures,
 * messages }`, one pass per step; stops everything it started.
 */
export async function checkWebWorkerHost(root, log = console.error) {
  ensureOfflineHost(root, log);
  const server = await startCodeServer(root, {
    log,
    installedExtension: root,
    settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } },
  });
  const messages = [];
  let passes = 0;
  let failures = 0;
  let browser;
  let page;
  const step = async (name, fn) => {
    const started = Date.now();
    try {
      await fn();
      passes++;
      log(`  ✔ ${name} (${Date.now() - started} ms)`);
    } catch (err) {
      failures++;
      // Playwright appends its call log to the message; the first line says what was not found.
      const message = `${name}: ${String(err?.message ?? err).split('\n')[0]}`;
      messages.push(message);
      log(`  ✘ ${message}`);
      await page?.keyboard.press('Escape').catch(() => undefined);
    }
  };
  try {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // What the workbench says about its extension hosts (one that failed to start, or stopped), kept to say why a
    // step below found no extension.
    const hostNews = [];
    page.on('console', (message) => {
      const text = message.text();
      if (/extension host|web ?worker/i.test(text)) {
        hostNews.push(oneLine(text).slice(0, 300));
        hostNews.splice(0, hostNews.length - 8);
      }
    });
    const folder = path.join(root, 'test', 'fixtures', 'web-workspace');
    await page.goto(`${server.baseUrl}/?${new URLSearchParams({ folder })}`, { timeout: 120_000 });
    await page.locator('.activitybar [aria-label="OAuth Workbench"]').first().waitFor({ timeout: 60_000 });
    const ui = workbench(page);

    await step('opens the .http file', async () => {
      await ui.quickOpen(FILE);
      await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor({ timeout: 10_000 });
    });

    await step('the Problems panel shows the lint of the file', async () => {
      // The first sign that the extension has activated (on the http language, in a host that may start late): on a
      // busy machine (a CI run on two cores) the worker's extension host can take well over half a minute.
      await ui.command('View: Focus Problems');
      await page
        .locator('.markers-panel .monaco-list-row', { hasText: 'grant_type=code` is not a grant type' })
        .first()
        .waitFor({ timeout: 120_000 });
    });

    await step('runs in the web worker extension host', async () => {
      // The list shows the extensions whose activation has started: after the lint above, OAuth Workbench is one.
      const row = page
        .locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'OAuth Workbench' })
        .first();
      const deadline = Date.now() + 60_000;
      for (;;) {
        await ui.command('Developer: Show Running Extensions');
        await page.locator('.runtime-extensions-editor .monaco-list').first().click();
        if (await scrolledInto(page, row)) {
          break;
        }
        if (Date.now() > deadline) {
          const listed = await page
            .locator('.runtime-extensions-editor .monaco-list-row')
            .allInnerTexts()
            .catch(() => []);
          throw new Error(
            `Running Extensions never listed OAuth Workbench (it listed: ${oneLine(listed.join(' | ')) || 'nothing'}; ` +
              `the console on extension hosts: ${hostNews.join(' | ') || 'nothing'})`,
          );
        }
        // Another try with a new editor. VS Code's Running Extensions refreshes itself when an extension activates, so
        // this is only a fallback: the misses seen in CI came from the paging (see scrolledInto).
        await page.keyboard.press('Escape');
        await ui.command('View: Close Editor');
        // And the .http file in front again: had the close met it instead, nothing would activate the extension.
        await ui.quickOpen(FILE);
        await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor({ timeout: 10_000 });
      }
      const text = await row.innerText();
      if (!/web worker/i.test(text)) {
        throw new Error(`Running Extensions shows OAuth Workbench, not in the web worker: ${oneLine(text)}`);
      }
      await page.keyboard.press('Escape');
      await ui.quickOpen(FILE);
    });

    await step('a hover explains the error answer', async () => {
      await ui.quickOpen(FILE);
      await ui.goTo(12, 14);
      await ui.command('Show or Focus Hover');
      await page
        .locator('.monaco-hover', { hasText: /Likely causes/ })
        .first()
        .waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
    });

    await step('Ctrl+. offers the quick fix', async () => {
      await ui.goTo(7, 14);
      await page.keyboard.press('Control+.');
      await page
        .locator('.action-widget', { hasText: 'Use grant_type=authorization_code' })
        .first()
        .waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
    });

    await step('Explain Error Response explains the selected answer', async () => {
      await ui.goTo(12, 1);
      await page.keyboard.press('Shift+End');
      await ui.command('OAuth Workbench: Explain Error Response');
      // The selection is the answer alone, so the explanation is the generic one of its error code.
      await page
        .locator('.tabs-container .tab', { hasText: 'Explained: oauth.token.invalid_request' })
        .first()
        .waitFor({ timeout: 15_000 });
      // The explanation itself, in the webview's frame.
      const deadline = Date.now() + 10_000;
      while (!(await anyFrameShows(page, 'Likely causes'))) {
        if (Date.now() > deadline) {
          throw new Error('the explanation view shows no likely causes');
        }
        await page.waitForTimeout(250);
      }
    });

    for (const title of ['Sign In', 'Send Request']) {
      await step(`${title} says it needs the desktop`, async () => {
        await ui.command('Notifications: Clear All Notifications');
        await ui.quickOpen(FILE);
        await ui.command(`OAuth Workbench: ${title}`);
        await page
          .locator('.notifications-toasts .notification-toast', { hasText: NEEDS_DESKTOP })
          .first()
          .waitFor({ timeout: 10_000 });
      });
    }

    await step('the Tokens view says what works in the browser', async () => {
      await page.locator('.activitybar [aria-label="OAuth Workbench"]').first().click();
      await page
        .locator('.pane-body', { hasText: /In VS Code for the Web/ })
        .first()
        .waitFor({ timeout: 10_000 });
    });
  } catch (err) {
    failures++;
    messages.push(err?.message ?? String(err));
  } finally {
    if (messages.length > 0 && page) {
      // What the page looked like at the end, to see why.
      const shot = path.join(os.tmpdir(), 'oauth-workbench-web-worker-failure.png');
      if (
        await page.screenshot({ path: shot }).then(
          () => true,
          () => false,
        )
      ) {
        messages.push(`the page at the end: ${shot}`);
      }
    }
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
  return { passes, failures, messages };
}

/** The few workbench gestures the check needs: Quick Open, the command palette, Go to Line. */
function workbench(page) {
  const input = page.locator('.quick-input-widget input');
  const pick = async (prefix, text, key) => {
    await page.keyboard.press(key);
    await input.waitFor({ state: 'visible' });
    await input.fill(`${prefix}${text}`);
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: text })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
  };
  return {
    quickOpen: (name) => pick('', name, 'Control+P'),
    command: (title) => pick('>', title, 'F1'),
    async goTo(line, column) {
      await page.keyboard.press('Control+G');
      await input.waitFor({ state: 'visible' });
      await input.fill(`:${line}:${column}`);
      await page.keyboard.press('Enter');
    },
  };
}

async function anyFrameShows(page, text) {
  for (const frame of page.frames()) {
    if (
      await frame
        .getByText(text)
        .count()
        .catch(() => 0)
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Pages through the Running Extensions list from its top until `row` is drawn. The list only draws the rows in view,
 * and its order changes from run to run, so OAuth Workbench can be below the first page (a dozen extensions, nine
 * drawn). The first PageDown only moves the focus to the last row in view and scrolls nothing, so the list has ended
 * only when two presses in a row draw the same rows.
 */
async function scrolledInto(page, row) {
  const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
  await page.keyboard.press('Home');
  let seen = '';
  let unchanged = 0;
  for (let pages = 0; pages < 40; pages++) {
    if (
      await row.waitFor({ timeout: pages === 0 ? 5000 : 500 }).then(
        () => true,
        () => false,
      )
    ) {
      return true;
    }
    const shown = (await rows.allInnerTexts()).join('|');
    unchanged = shown === seen ? unchanged + 1 : 0;
    if (unchanged === 2) {
      return false;
    }
    seen = shown;
    await page.keyboard.press('PageDown');
  }
  return false;
}

function oneLine(text) {
  return text.replace(/\s+/g, ' ').trim();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const started = Date.now();
  const result = await checkWebWorkerHost(root);
  for (const message of result.messages) {
    console.error(`web worker: ${message}`);
  }
  console.log(
    `web worker host: ${result.passes} passed, ${result.failures} failed in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  process.exitCode = result.failures === 0 ? 0 : 1;
}
