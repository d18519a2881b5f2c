// The person's path, checked for real: `npm start --offline` must open VS Code with the extension installed and
// WITHOUT the smoke-test driver (which would silence every notification toast), and a notification must pop up.
//
//   node test/host/startPathCheck.mjs       (also run by `npm test` after the integration suite)
import { spawn, spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launchChromium, SMOKE_TEST_DRIVER_OPTION } from './offlineHost.mjs';

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Command lines of the running processes that mention `needle` (the code-server npm start launched). */
function commandLinesWith(needle) {
  const ps = spawnSync('ps', ['-eo', 'args='], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes(needle));
}

/**
 * Runs `node scripts/start.mjs --offline` on free ports, waits for the URL it prints, and checks: no process it
 * started carries the driver option; the workbench loads the extension; a notification toast shows on screen.
 * Resolves to `{ passes, failures, messages }`; stops everything it started.
 */
export async function checkStartPath(root, log = console.error) {
  const port = await freePort();
  const practicePort = await freePort();
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'scripts', 'start.mjs'),
      '--offline',
      '--port',
      String(port),
      '--practice-port',
      String(practicePort),
    ],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const messages = [];
  let browser;
  let page;
  try {
    const deadline = Date.now() + 180_000;
    let url;
    while (!url && Date.now() < deadline) {
      url = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(output)?.[1];
      if (!url) {
        const done = await Promise.race([exited.then(() => true), delay(250).then(() => false)]);
        if (done) {
          throw new Error(`npm start exited before printing a URL:\n${output}`);
        }
      }
    }
    if (!url) {
      throw new Error(`npm start printed no URL within 3 minutes:\n${output}`);
    }
    if (!/client secret \S+/.test(output)) {
      messages.push('npm start did not print the practice client secret its home page refers to');
    }
    const lines = commandLinesWith(`127.0.0.1:${port}`);
    if (!lines.some((line) => line.includes('code-server'))) {
      messages.push(`no code-server process found listening on port ${port}`);
    }
    const withDriver = lines.filter((line) => line.includes(SMOKE_TEST_DRIVER_OPTION));
    if (withDriver.length > 0) {
      messages.push(`npm start passes ${SMOKE_TEST_DRIVER_OPTION}:\n${withDriver.join('\n')}`);
    }
    // The browser reaches the practice pages through code-server's port proxy, which sends code-server's Host.
    const proxied = await fetch(
      `${new URL(url).origin}/proxy/${practicePort}/.well-known/oauth-authorization-server`,
    ).catch((err) => ({ status: `unreachable (${err.message})` }));
    if (proxied.status !== 200) {
      messages.push(`the practice server does not answer through code-server's proxy: ${proxied.status}`);
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.locator('.activitybar [aria-label="OAuth Workbench"]').first().waitFor({ timeout: 60_000 });
    // Any command that answers with a notification: Start Practice Server finds the one npm start runs.
    // The palette lists the extension's commands only once the workbench has read its manifest, which can take a
    // while on a busy machine: open it again until the command is there.
    const row = page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Start Practice Server' })
      .first();
    const paletteDeadline = Date.now() + 120_000;
    for (;;) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('>OAuth Workbench: Start Practice Server');
      if (
        await row.waitFor({ timeout: 10_000 }).then(
          () => true,
          () => false,
        )
      ) {
        break;
      }
      if (Date.now() > paletteDeadline) {
        throw new Error('the command palette never listed OAuth Workbench: Start Practice Server');
      }
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press('Enter');
    try {
      await page.locator('.notifications-toasts .notification-toast').first().waitFor({ timeout: 30_000 });
    } catch {
      messages.push('no notification toast appeared after Start Practice Server under npm start');
    }
  } catch (err) {
    messages.push(err?.message ?? String(err));
    // What the page looked like when a step failed, to see why.
    const shot = path.join(os.tmpdir(), 'oauth-workbench-start-path-failure.png');
    if (
      await page?.screenshot({ path: shot }).then(
        () => true,
        () => false,
      )
    ) {
      messages.push(`the page at the failure: ${shot}`);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    // Ctrl+C as a person would; the script must say that it stops, then stop everything.
    try {
      process.kill(child.pid, 'SIGINT');
    } catch {
      // already gone
    }
    const stopped = await Promise.race([exited.then(() => true), delay(15_000).then(() => false)]);
    if (!stopped) {
      messages.push('npm start did not stop within 15 s of Ctrl+C');
    } else if (!/Stopped\./.test(output)) {
      messages.push('npm start stopped without saying so');
    }
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }
  for (const message of messages) {
    log(`start path: ${message}`);
  }
  return { passes: messages.length === 0 ? 1 : 0, failures: messages.length === 0 ? 0 : 1, messages };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const result = await checkStartPath(root);
  console.log(result.failures === 0 ? 'start path: ok' : 'start path: FAILED');
  process.exitCode = result.failures === 0 ? 0 : 1;
}
