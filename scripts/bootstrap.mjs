// First-run set-up shared by `npm start` and `npm test`, so that each works as the only command on a fresh machine.
// Uses Node built-ins only: it runs before the project's dependencies exist.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Runs `npm ci` when the project's dependencies are not installed yet. */
export function ensureDependencies(root) {
  if (fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
    return;
  }
  console.error('[setup] installing the project dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[setup] npm ci failed; see the output above.');
    process.exit(1);
  }
}

/**
 * Installs missing Debian packages with apt-get when running as root; otherwise says which command to run.
 * Returns the names that are still missing.
 */
export function ensureDebianPackages(packages, log = console.error) {
  const missing = packages.filter((name) => !isDebianPackageInstalled(name));
  if (missing.length === 0) {
    return [];
  }
  const canInstall = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!canInstall) {
    return missing;
  }
  log(`[setup] installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
  return missing.filter((name) => !isDebianPackageInstalled(name));
}

function isDebianPackageInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  if (r.error) {
    // Not a Debian system: nothing to check here; the caller's own checks say what is missing.
    return true;
  }
  return r.status === 0 && r.stdout.includes('install ok installed');
}
