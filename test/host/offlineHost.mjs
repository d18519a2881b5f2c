// The offline VS Code host: VS Code's server and web workbench from the npm package code-server, run on Node 24 from
// the npm package node, opened in Debian's headless Chromium through playwright-core. Nothing is downloaded from
// Microsoft. See ../shared/reference/vscode-offline-test-host.md for the facts this relies on.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { ensureDebianPackages } from '../../scripts/bootstrap.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.21.0';
/** Lines the test index prints around the suite's own output (see test/integration/index.ts). */
/** The code-server option that lets a test drive the workbench; it also silences every notification toast. */
export const SMOKE_TEST_DRIVER_OPTION = 'enable-smoke-test-driver';

export const SUITE_START = '<<oauth-workbench-suite-start>>';
export const SUITE_END = '<<oauth-workbench-suite-end>>';
export const CHROMIUM = process.env.OAUTH_WORKBENCH_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep a root, headless Chromium on a machine without network quiet and working. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** User settings for the throwaway profile: everything that would try to reach the internet is off. */
const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'github.copilot.enable': { '*': false },
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
};

/** With workspace trust on: no prompt, so the folder opens in Restricted Mode and stays there. */
const TRUST_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'security.workspace.trust.emptyWindow': false,
};

/** Paths of the tools inside the ignored `.tools` folder of the project. */
export function toolPaths(root) {
  const tools = path.join(root, '.tools');
  const nodePrefix = path.join(tools, 'node24');
  const nodeHome = path.join(
    nodePrefix,
    'node_modules',
    'node',
    'node_modules',
    `node-${process.platform}-${process.arch}`,
  );
  const codeServerPrefix = path.join(tools, 'code-server');
  return {
    tools,
    nodePrefix,
    nodeHome,
    node: path.join(nodeHome, 'bin', 'node'),
    codeServerPrefix,
    codeServerEntry: path.join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

/** Installs Node 24 and code-server into `.tools` unless the same versions are already there. */
export function ensureOfflineHost(root, log = console.error) {
  const p = toolPaths(root);
  checkSystemPrerequisites(log);
  installOnce(p.nodePrefix, `node@${NODE24_VERSION}`, {}, log);
  if (!fs.existsSync(p.node)) {
    throw new HostError(
      `Node 24 was installed but ${p.node} is missing; delete ${p.nodePrefix} and try again.`,
    );
  }
  installOnce(
    p.codeServerPrefix,
    `code-server@${CODE_SERVER_VERSION}`,
    {
      // code-server's postinstall builds native modules and refuses any Node but 24; the headers ship with the
      // node package, so nothing is downloaded for node-gyp.
      PATH: `${path.join(p.nodeHome, 'bin')}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: p.nodeHome,
      npm_config_dangerously_allow_all_scripts: 'true',
    },
    log,
  );
  if (!fs.existsSync(p.codeServerEntry)) {
    throw new HostError(
      `code-server was installed but ${p.codeServerEntry} is missing; delete ${p.codeServerPrefix}.`,
    );
  }
  return p;
}

/** Debian packages the offline host needs: the browser, and what code-server's native modules build with. */
export const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'make', 'g++', 'python3'];

function checkSystemPrerequisites(log) {
  ensureDebianPackages(DEBIAN_PACKAGES, log);
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) {
    missing.push('chromium');
  }
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) {
    missing.push('libkrb5-dev');
  }
  for (const tool of ['make', 'g++', 'python3', 'pkg-config']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      missing.push(tool);
    }
  }
  if (missing.length > 0) {
    throw new HostError(
      `The offline VS Code host needs Debian packages that are missing: ${missing.join(', ')}.\n` +
        `Install them as root with: apt-get update && apt-get install -y ${missing.join(' ')}`,
    );
  }
}

function installOnce(prefix, spec, extraEnv, log) {
  const marker = path.join(prefix, '.installed');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === spec) {
    return;
  }
  log(`[offline host] installing ${spec} into ${path.relative(process.cwd(), prefix) || prefix} (once)…`);
  fs.rmSync(prefix, { recursive: true, force: true });
  fs.mkdirSync(prefix, { recursive: true });
  // A package.json of its own keeps npm from walking up into the project's.
  fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ private: true }));
  const started = Date.now();
  // npm says nothing until it is done (2-3 minutes for code-server); a separate process tells the person it is alive,
  // since spawnSync blocks this one.
  const ticker = spawn(
    process.execPath,
    [
      '-e',
      `let s = 0; setInterval(() => console.error('[offline host] still installing ${spec}… ' + (s += 15) + ' s'), 15000);`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const result = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec],
    {
      cwd: prefix,
      env: { ...withoutNpmScriptEnv(process.env), ...extraEnv },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  ticker.kill();
  if (result.status !== 0) {
    throw new HostError(`npm install ${spec} failed with exit code ${result.status}; see the output above.`);
  }
  fs.writeFileSync(marker, spec);
  log(`[offline host] ${spec} installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * Under `npm test`, npm exports its own Node (NODE, npm_node_execpath, npm_config_*) to child processes; a nested
 * npm would then run code-server's postinstall on that Node instead of Node 24. Start the nested npm clean.
 */
const KEPT_NPM_SETTINGS = /^npm_config_(registry|cache|proxy|https_proxy|noproxy|strict_ssl|cafile|ca)$/i;

function withoutNpmScriptEnv(env) {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([key]) => (!/^npm_/i.test(key) || KEPT_NPM_SETTINGS.test(key)) && key !== 'NODE' && key !== 'INIT_CWD',
    ),
  );
}

/** A failure of the host itself (not of a test): the message says what to do. */
export class HostError extends Error {
  constructor(message) {
    super(message);
    this.name = 'HostError';
  }
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 with a throwaway profile. Returns the base URL, the process and a stop() that ends
 * its whole process group and removes the profile. `proxy: true` keeps code-server's port proxy (/proxy/PORT/), which
 * VS Code uses when an extension opens a 127.0.0.1 address in the browser; `settings` are added to the user settings.
 */
export async function startCodeServer(
  root,
  {
    env = {},
    log = console.error,
    smokeTestDriver = false,
    installedExtension,
    port: wantedPort,
    proxy = false,
    settings = {},
    workspaceTrust = false,
  } = {},
) {
  const p = toolPaths(root);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-host-'));
  const dirs = {};
  for (const name of [
    'tmp',
    'user-data',
    'extensions',
    'xdg-config',
    'xdg-data',
    'xdg-cache',
    'xdg-runtime',
  ]) {
    dirs[name] = path.join(runDir, name);
    fs.mkdirSync(dirs[name], { recursive: true, mode: 0o700 });
  }
  fs.mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs['user-data'], 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...(workspaceTrust ? TRUST_SETTINGS : {}), ...settings }, null, 2),
  );

  const port = wantedPort ?? (await freePort());
  const args = [
    p.codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    dirs['user-data'],
    '--extensions-dir',
    dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (!proxy) {
    args.push('--disable-proxy');
  }
  if (smokeTestDriver) {
    // Without it the workbench ignores the URL payload that loads the extension under development and its tests. It
    // also makes the workbench skip every notification toast, so only test hosts may ask for it, never `npm start`.
    args.push('--vscode-option', SMOKE_TEST_DRIVER_OPTION);
  }
  if (installedExtension) {
    // For a person: the extension is installed into the throwaway extensions folder (a link to the project), so it
    // loads like any installed extension, with no driver.
    const manifest = JSON.parse(fs.readFileSync(path.join(installedExtension, 'package.json'), 'utf8'));
    const folder = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
    fs.symlinkSync(path.resolve(installedExtension), path.join(dirs.extensions, folder), 'dir');
  }
  const serverLog = fs.openSync(path.join(runDir, 'code-server.log'), 'a');
  const child = spawn(p.node, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', serverLog, serverLog],
    env: {
      ...process.env,
      ...env,
      TMPDIR: dirs.tmp,
      XDG_CONFIG_HOME: dirs['xdg-config'],
      XDG_DATA_HOME: dirs['xdg-data'],
      XDG_CACHE_HOME: dirs['xdg-cache'],
      XDG_RUNTIME_DIR: dirs['xdg-runtime'],
    },
  });
  fs.closeSync(serverLog);
  let exited = false;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
  });

  const stop = async () => {
    if (!exited) {
      killGroup(child.pid, 'SIGTERM');
      const done = await Promise.race([exitPromise.then(() => true), delay(5000).then(() => false)]);
      if (!done) {
        killGroup(child.pid, 'SIGKILL');
        await exitPromise;
      }
    }
    // Helper processes of the server (extension host, watchers) share its group; make sure none outlive it.
    killGroup(child.pid, 'SIGKILL');
    fs.rmSync(runDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthy(baseUrl, exitPromise, 60_000);
  } catch (err) {
    const tail = readTail(path.join(runDir, 'code-server.log'));
    await stop();
    throw new HostError(`${err.message}\n--- code-server log (tail) ---\n${tail}`);
  }
  log(`[offline host] code-server ${CODE_SERVER_VERSION} listening on ${baseUrl}`);
  return { baseUrl, port, runDir, child, exitPromise, stop, logFile: path.join(runDir, 'code-server.log') };
}

/** The workbench URL that opens `folder` and loads the extension (and tests) into the server's extension host. */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  if (!extensionDevelopmentPath) {
    return `${server.baseUrl}/?${new URLSearchParams({ folder }).toString()}`;
  }
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  if (extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  }
  payload.push(['skipWelcome', 'true']);
  const query = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
  return `${server.baseUrl}/?${query.toString()}`;
}

/** Launches Debian's Chromium headless through playwright-core (never a browser download). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Runs the integration suite in the offline host. Resolves to the results the test index wrote:
 * `{ passes, failures, pending, files, loadErrors }`. Throws HostError when the host itself fails.
 */
export async function runTestsInOfflineHost({
  root,
  extensionDevelopmentPath,
  extensionTestsPath,
  workspace,
  workspaceTrust = false,
  grep,
  timeoutMs = 10 * 60_000,
  log = console.error,
  print = (line) => process.stdout.write(`${line}\n`),
}) {
  ensureOfflineHost(root, log);
  const resultsFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-results-')),
    'results.json',
  );
  // With `workspaceTrust`, the folder opens untrusted and only the Restricted Mode suites run (see the test index).
  const env = {
    OAUTH_WORKBENCH_TEST_RESULTS: resultsFile,
    ...(workspaceTrust ? { OAUTH_WORKBENCH_RESTRICTED: '1' } : {}),
    ...(grep ? { OAUTH_WORKBENCH_TEST_GREP: grep } : {}),
  };
  const server = await startCodeServer(root, { env, log, workspaceTrust, smokeTestDriver: true });
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    let settle;
    const exitCode = new Promise((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => settle({ code }));
    // The workbench forwards its own console and the extension host's here. Only what the test index prints between
    // its markers is the suite's output; the rest (workbench chatter) is shown with OAUTH_WORKBENCH_HOST_VERBOSE=1.
    const verbose = Boolean(process.env.OAUTH_WORKBENCH_HOST_VERBOSE);
    let inSuite = false;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.split('\n')) {
        if (line.includes(SUITE_START)) {
          inSuite = true;
        } else if (line.includes(SUITE_END)) {
          inSuite = false;
        } else if (inSuite || verbose) {
          print(inSuite ? line : `[workbench ${type}] ${line}`);
        }
      }
    });
    const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath, extensionTestsPath });
    // Under load (several hosts on two cores) the workbench takes longer than page.goto's 30 s default to load.
    await page.goto(url, { timeout: 120_000 });
    const outcome = await Promise.race([
      exitCode,
      server.exitPromise.then((e) => ({ serverExit: e })),
      delay(timeoutMs).then(() => ({ timeout: true })),
    ]);
    if (outcome.timeout) {
      throw new HostError(`The extension tests did not finish within ${Math.round(timeoutMs / 1000)} s.`);
    }
    if (outcome.serverExit) {
      throw new HostError(
        `code-server exited early (${JSON.stringify(outcome.serverExit)}):\n${readTail(server.logFile)}`,
      );
    }
    if (!fs.existsSync(resultsFile)) {
      throw new HostError(
        `The workbench reported exit code ${outcome.code}, but the test index wrote no results: the extension host ` +
          `probably crashed or the tests never loaded.\n--- code-server log (tail) ---\n${readTail(server.logFile)}`,
      );
    }
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    results.exitCode = outcome.code;
    return results;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
  }
}

async function waitForHealthy(baseUrl, exitPromise, timeoutMs) {
  let exited;
  void exitPromise.then((e) => (exited = e));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      throw new HostError(`code-server exited before it was ready (${JSON.stringify(exited)}).`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.status === 200) {
        return;
      }
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  throw new HostError(`code-server did not answer ${baseUrl}/healthz within ${timeoutMs / 1000} s.`);
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

function readTail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
