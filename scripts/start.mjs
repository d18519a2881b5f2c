// `npm start`: builds the extension, starts the practice server (a local Rabobank-like authorization server, see
// `oauth-workbench practice`) and opens VS Code for a person with the extension and the examples workspace. Desktop
// VS Code with --extensionDevelopmentPath when `code` is on PATH; otherwise the offline host (code-server on
// 127.0.0.1), printing the URL to open.
//
//   node scripts/start.mjs [--port N] [--offline] [--practice-port N] [--speed F]
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDependencies } from './bootstrap.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureDependencies(root);
const { values: opts } = parseArgs({
  options: {
    port: { type: 'string' },
    offline: { type: 'boolean', default: false },
    'practice-port': { type: 'string', default: '8642' },
    speed: { type: 'string', default: '1' },
  },
});

const build = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('npm start: the build failed; see the errors above.');
  process.exit(1);
}

const workspace = path.join(root, 'examples');
const code = opts.offline ? undefined : findOnPath('code');
// In VS Code for the web the browser reaches the practice pages through code-server's /proxy/PORT/, which sends
// code-server's own address as Host: the practice server must know it, so code-server's port is chosen first.
const offlinePort = code ? undefined : await codeServerPort();
const practice = await startPractice(
  offlinePort === undefined ? [] : [`127.0.0.1:${offlinePort}`, `localhost:${offlinePort}`],
);
if (code) {
  console.log(`Opening VS Code with the extension from ${root} and the workspace ${workspace}`);
  const child = spawn(code, ['--extensionDevelopmentPath', root, '--new-window', workspace], {
    stdio: 'inherit',
  });
  // `code` returns once the window is open; the practice server keeps serving it until Ctrl+C.
  child.on('exit', (status) => {
    if (!practice) {
      process.exit(status ?? 0);
    }
    console.log('\nVS Code is open. The practice server keeps running for it; press Ctrl+C to stop it.');
  });
  const stopPractice = () => {
    if (practice) {
      console.log('\nStopping the practice server.');
      practice.kill('SIGTERM');
    }
    process.exit(0);
  };
  process.once('SIGINT', stopPractice);
  process.once('SIGTERM', stopPractice);
} else {
  const { ensureOfflineHost, startCodeServer, workbenchUrl, HostError } =
    await import('../test/host/offlineHost.mjs');
  try {
    ensureOfflineHost(root);
    const port = offlinePort;
    // The port proxy lets the browser reach the practice server's sign-in page when VS Code rewrites its address.
    // The extension is installed as a person has it: no test driver, which would silence every notification.
    const server = await startCodeServer(root, { port, proxy: true, installedExtension: root });
    const url = workbenchUrl(server, { folder: workspace });
    console.log(
      '\n`code` is not on PATH, so OAuth Workbench runs in VS Code for the web (code-server) on this machine.',
    );
    console.log(`Open this URL in a browser on this machine:\n\n  ${url}\n\nPress Ctrl+C to stop.`);
    let stopping = false;
    const stop = async () => {
      stopping = true;
      console.log('\nStopping VS Code and the practice server…');
      practice?.kill('SIGTERM');
      await server.stop();
      console.log('Stopped.');
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const exit = await server.exitPromise;
    // A top-level `return` is a syntax error in an ES module, so the unexpected-exit path is guarded instead.
    if (!stopping) {
      console.error(`code-server stopped (${JSON.stringify(exit)}).`);
      practice?.kill('SIGTERM');
      await server.stop();
      process.exit(1);
    }
  } catch (err) {
    console.error(`npm start: ${err instanceof HostError ? err.message : (err?.stack ?? err)}`);
    practice?.kill('SIGTERM');
    process.exit(1);
  }
}

/**
 * Starts `oauth-workbench practice` from the fresh build and waits for its JSON line. Resolves to the child process,
 * or to undefined when the port is taken (a practice server from an earlier `npm start` may still be running).
 */
async function startPractice(allowedHosts) {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'dist', 'cli.js'),
      'practice',
      '--port',
      opts['practice-port'],
      '--speed',
      opts.speed,
      ...allowedHosts.flatMap((host) => ['--allow-host', host]),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const line = await new Promise((resolve) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('\n')) {
        resolve(stdout.split('\n')[0]);
      }
    });
    child.once('exit', () => resolve(undefined));
  });
  if (!line) {
    console.error(`npm start: the practice server did not start: ${stderr.trim() || 'no output'}`);
    console.error('Continuing without it (another one may already be running on that port).');
    return undefined;
  }
  const endpoints = JSON.parse(line);
  // A practice secret, made up for this machine: printing it is what the practice server's home page promises.
  console.log(
    `Practice server: ${endpoints.issuer} (trouble switches on its home page)\n` +
      `  client id ${endpoints.client_id}, client secret ${endpoints.client_secret}`,
  );
  child.stdout.resume();
  return child;
}

/** The port code-server will listen on: `--port N`, or a free one. */
async function codeServerPort() {
  if (opts.port === undefined) {
    const { freePort } = await import('../test/host/offlineHost.mjs');
    return freePort();
  }
  const port = Number(opts.port);
  if (!(Number.isInteger(port) && port > 0 && port < 65536)) {
    console.error(`npm start: --port must be a port number from 1 to 65535, not "${opts.port}".`);
    process.exit(1);
  }
  return port;
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}
