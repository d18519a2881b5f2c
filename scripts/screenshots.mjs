// `npm run screenshots`: takes the README's pictures in a real browser. Builds the extension, opens it with the
// examples workspace in the offline VS Code host (code-server on 127.0.0.1, Debian's Chromium driven by
// playwright-core), and writes PNG files to docs/images/:
//   practice-sign-in.png     the practice server's consent page (what a user approves when signing in)
//   token-explorer.png       the token explorer after a practice sign-in, with the expiry countdown
//   hover-invalid-grant.png  the hover on an invalid_grant payload in a .http file
//   problems-panel.png       the Problems panel listing the errors of that file
//   explain-error.png        Explain Error Response… on an answer selected in a scratch editor
//   consent-report.png       Check Consent's report, rendered in the Markdown preview
//   failure-toast.png        a refresh refused with invalid_client (practice trouble switch), as a toast with buttons
//
//   node scripts/screenshots.mjs [--only NAME] [--out DIR]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDependencies } from './bootstrap.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureDependencies(root);
const { values: opts } = parseArgs({
  options: { only: { type: 'string', multiple: true }, out: { type: 'string' } },
});
const outDir = path.resolve(opts.out ?? path.join(root, 'docs', 'images'));
const wanted = (name) => !opts.only || opts.only.includes(name);
const VIEWPORT = { width: 1280, height: 800 };

const { ensureOfflineHost, startCodeServer, workbenchUrl, launchChromium, HostError } =
  await import('../test/host/offlineHost.mjs');

function build() {
  const r = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    throw new HostError('The build failed; see the errors above.');
  }
}

/** A copy of the examples, so nothing the workbench writes lands in the repository. */
function workspaceCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-shots-'));
  fs.cpSync(path.join(root, 'examples'), path.join(dir, 'examples'), { recursive: true });
  return {
    folder: path.join(dir, 'examples'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function shoot(page, name, options = {}) {
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  console.log(`wrote ${path.relative(root, file)}`);
}

async function runCommand(page, title) {
  // The palette lists the commands known when it opens; on a busy machine the extension's come a while after the
  // workbench shows, so reopen it until the command is there.
  const deadline = Date.now() + 120_000;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    const found = await row
      .waitFor({ timeout: 5000 })
      .then(() => true)
      .catch(() => false);
    if (found) {
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`The command palette never listed "${title}".`);
    }
    await page.keyboard.press('Escape');
    await page.waitForTimeout(2000);
  }
  await page.keyboard.press('Enter');
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor();
}

/** Closes every editor; a scratch editor of an earlier picture is closed without saving. */
async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  const dontSave = page.getByRole('button', { name: "Don't Save" });
  const asked = await dontSave
    .waitFor({ timeout: 2000 })
    .then(() => true)
    .catch(() => false);
  if (asked) {
    await dontSave.click();
  }
}

/** Waits until one of the page's frames (a webview renders in frames of its own) shows `text`. */
async function waitForFrameText(page, text, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const count = await frame
        .getByText(text)
        .count()
        .catch(() => 0);
      if (count > 0) {
        return;
      }
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`No frame showed "${text}" within ${timeoutMs / 1000} s.`);
}

async function closeNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.waitForTimeout(300);
}

/** The practice server's consent page: opened by the sign-in in a new tab, approved here. */
async function signInWithPractice(page) {
  await runCommand(page, 'OAuth Workbench: Start Practice Server');
  // The status bar names the built-in profile once the server runs.
  await page.locator('.statusbar-item', { hasText: 'Practice (local)' }).first().waitFor();
  await closeNotifications(page);
  const popup = page.context().waitForEvent('page', { timeout: 30_000 });
  await runCommand(page, 'OAuth Workbench: Sign In');
  const picker = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Practice (local)' });
  if (
    await picker
      .first()
      .isVisible({ timeout: 2000 })
      .catch(() => false)
  ) {
    await picker.first().click();
  }
  // code-server asks before opening an external site.
  const open = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
  if (await open.isVisible({ timeout: 5000 }).catch(() => false)) {
    await open.click();
  }
  const consent = await popup;
  await consent.setViewportSize({ width: 900, height: 680 });
  await consent
    .locator('#approve')
    .waitFor()
    .catch(async (err) => {
      await consent.screenshot({ path: path.join(os.tmpdir(), 'oauth-workbench-screenshots-popup.png') });
      throw new Error(`The sign-in page at ${consent.url()} has no Approve button: ${err.message}`);
    });
  if (wanted('practice-sign-in')) {
    await shoot(consent, 'practice-sign-in');
  }
  await consent.locator('#approve').click();
  await consent.waitForLoadState();
  await consent.close();
}

/** Drags the primary side bar's edge so the tree's descriptions (expiry, scopes) are readable. */
async function widenSideBar(page, by) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) {
    return;
  }
  const x = box.x + box.width + 1;
  await page.mouse.move(x, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(x + by, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
}

async function tokenExplorer(page) {
  await openFile(page, '3-calling-the-api.http');
  await runCommand(page, 'View: Show OAuth Workbench');
  await widenSideBar(page, 200);
  const profile = page.locator('.monaco-list-row', { hasText: 'Practice (local)' }).first();
  await profile.waitFor();
  await page.locator('.monaco-list-row', { hasText: 'signed in' }).first().waitFor({ timeout: 30_000 });
  if ((await profile.getAttribute('aria-expanded')) !== 'true') {
    await profile.click();
  }
  await page
    .locator('.monaco-list-row', { hasText: /expires in/ })
    .first()
    .waitFor();
  await closeNotifications(page);
  await shoot(page, 'token-explorer');
}

/** Check Consent on the practice profile: the report opens rendered, beside the tree. */
async function consentReport(page) {
  await runCommand(page, 'OAuth Workbench: Check Consent');
  await page.locator('.tab.active', { hasText: /Preview.*Consent/ }).waitFor({ timeout: 30_000 });
  await waitForFrameText(page, 'What the statuses mean');
  // The text is there; give the table a moment to lay out.
  await page.waitForTimeout(1000);
  await closeNotifications(page);
  await shoot(page, 'consent-report');
}

/** Switches on the practice server's "Wrong client secret" and refreshes: the failure toast with its actions. */
async function failureToast(page) {
  // A rendered preview can take the focus back while it loads, which closes a quick pick opened meanwhile: close the
  // editors first.
  await closeAllEditors(page);
  await closeNotifications(page);
  await runCommand(page, 'OAuth Workbench: Practice Trouble…');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('wrong-client');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'Wrong client secret' })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  await closeNotifications(page);
  await runCommand(page, 'OAuth Workbench: Refresh Token');
  const toast = page.locator('.notification-toast', { hasText: /invalid_client|client secret/i }).first();
  await toast.waitFor({ timeout: 30_000 });
  await toast.locator('.monaco-button').first().waitFor();
  await page.waitForTimeout(500);
  await shoot(page, 'failure-toast');
}

async function hoverAndProblems(page) {
  await closeAllEditors(page);
  await closeNotifications(page);
  await openFile(page, 'recorded-rabobank-errors.http');
  const value = page.locator('.view-line span', { hasText: '"invalid_grant"' }).first();
  await value.waitFor();
  // Diagnostics are debounced; wait for the squiggle before hovering.
  await page.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 30_000 });
  if (wanted('hover-invalid-grant')) {
    await value.hover();
    await page
      .locator('.monaco-hover:not(.hidden)', { hasText: /invalid/i })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    await shoot(page, 'hover-invalid-grant');
    await page.mouse.move(5, 5);
  }
  if (wanted('problems-panel')) {
    await runCommand(page, 'View: Focus Problems');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor();
    await page.waitForTimeout(500);
    await shoot(page, 'problems-panel');
  }
}

/** An answer pasted into a scratch editor, selected, and explained in the rendered view beside it. */
async function explainError(page) {
  // Opening a .http file activates the extension, so its commands are in the palette.
  await openFile(page, 'recorded-rabobank-errors.http');
  await page.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 60_000 });
  // Not runCommand: its first match for this title is "File: Compare New Untitled Text Files".
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>File: New Untitled Text File');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: /^File: New Untitled Text File/ })
    .first()
    .click();
  await page.locator('.monaco-editor textarea').first().waitFor();
  await page.waitForTimeout(500);
  // Wrapped, so the whole answer shows beside its explanation instead of the end of its longest line.
  await runCommand(page, 'View: Toggle Word Wrap');
  const answer = [
    'HTTP/1.1 400 Bad Request',
    'Content-Type: application/json; charset=utf-8',
    '',
    '{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.","error_codes":[700082]}',
  ].join('\n');
  await page.keyboard.insertText(answer);
  await page.keyboard.press('Control+A');
  await runCommand(page, 'OAuth Workbench: Explain Error Response…');
  await page.locator('.tab', { hasText: 'Explained:' }).first().waitFor({ timeout: 15_000 });
  await waitForFrameText(page, 'AADSTS700082');
  await page.waitForTimeout(500);
  await closeNotifications(page);
  await shoot(page, 'explain-error');
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  build();
  ensureOfflineHost(root);
  const workspace = workspaceCopy();
  const server = await startCodeServer(root, {
    // Installed as a person has it (no test driver), so notification toasts show as they would for them.
    installedExtension: root,
    // VS Code opens 127.0.0.1 addresses through code-server's port proxy; the practice pages work behind it.
    proxy: true,
    // Room for what the pictures are about: no chat side bar, no minimap.
    settings: { 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'editor.minimap.enabled': false },
  });
  let browser;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    if (process.env.OAUTH_WORKBENCH_HOST_VERBOSE) {
      page.on('console', (message) => console.error(`[workbench ${message.type()}] ${message.text()}`));
    }
    // Under load the workbench takes longer than the default 30 s to load.
    await page.goto(workbenchUrl(server, { folder: workspace.folder }), { timeout: 120_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar').waitFor();
    // Let the extension host start and the extension activate.
    await page.waitForTimeout(3000);
    const hideSecondary = page.locator('[aria-label^="Hide Secondary Side Bar"]').first();
    if (await hideSecondary.isVisible().catch(() => false)) {
      await hideSecondary.click();
    }
    try {
      if (wanted('practice-sign-in') || wanted('token-explorer')) {
        await signInWithPractice(page);
        if (wanted('token-explorer')) {
          await tokenExplorer(page);
        }
      }
      if (wanted('consent-report')) {
        if (!wanted('practice-sign-in') && !wanted('token-explorer')) {
          await signInWithPractice(page);
        }
        if (wanted('consent-report')) {
          await consentReport(page);
        }
      }
      if (wanted('hover-invalid-grant') || wanted('problems-panel')) {
        await hoverAndProblems(page);
      }
      if (wanted('explain-error')) {
        await explainError(page);
      }
      // Last: the refused secret it provokes stays on the profile, and would show in every later picture.
      if (wanted('failure-toast')) {
        if (!wanted('practice-sign-in') && !wanted('token-explorer') && !wanted('consent-report')) {
          await signInWithPractice(page);
        }
        await failureToast(page);
      }
    } catch (err) {
      // What the page looked like when a step timed out, to see why.
      await page.screenshot({ path: path.join(os.tmpdir(), 'oauth-workbench-screenshots-failure.png') });
      console.error(
        `(the page at the failure: ${path.join(os.tmpdir(), 'oauth-workbench-screenshots-failure.png')})`,
      );
      throw err;
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    workspace.remove();
  }
}

try {
  await main();
} catch (err) {
  console.error(`npm run screenshots: ${err instanceof HostError ? err.message : (err?.stack ?? err)}`);
  process.exitCode = 1;
}
