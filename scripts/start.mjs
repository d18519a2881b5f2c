// `npm start`: builds the extension and opens it for a person. Desktop VS Code with --extensionDevelopmentPath when
// `code` is on PATH; otherwise the offline host (code-server on 127.0.0.1), printing the URL to open.
//
//   node scripts/start.mjs [--port N] [--offline]
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDependencies } from './bootstrap.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureDependencies(root);
const { values: opts } = parseArgs({
  options: { port: { type: 'string' }, offline: { type: 'boolean', default: false } },
});

const build = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('npm start: the build failed; see the errors above.');
  process.exit(1);
}

const workspace = path.join(root, 'examples');
const code = opts.offline ? undefined : findOnPath('code');
if (code) {
  console.log(`Opening VS Code with the extension from ${root} and the workspace ${workspace}`);
  const child = spawn(code, ['--extensionDevelopmentPath', root, '--new-window', workspace], {
    stdio: 'inherit',
  });
  child.on('exit', (status) => process.exit(status ?? 0));
} else {
  const { ensureOfflineHost, startCodeServer, workbenchUrl, HostError } =
    await import('../test/host/offlineHost.mjs');
  try {
    ensureOfflineHost(root);
    const port = opts.port === undefined ? undefined : Number(opts.port);
    if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
      throw new HostError(`--port must be a port number from 1 to 65535, not "${opts.port}".`);
    }
    const server = await startCodeServer(root, { port });
    const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: root });
    console.log(
      '\n`code` is not on PATH, so OAuth Workbench runs in VS Code for the web (code-server) on this machine.',
    );
    console.log(`Open this URL in a browser on this machine:\n\n  ${url}\n\nPress Ctrl+C to stop.`);
    let stopping = false;
    const stop = async () => {
      stopping = true;
      await server.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const exit = await server.exitPromise;
    if (stopping) {
      return;
    }
    console.error(`code-server stopped (${JSON.stringify(exit)}).`);
    await server.stop();
    process.exit(1);
  } catch (err) {
    console.error(`npm start: ${err instanceof HostError ? err.message : (err?.stack ?? err)}`);
    process.exit(1);
  }
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
