/**
 * What ships: the VSIX (per .vscodeignore, listed by vsce itself) and the command-line tool's npm package (per
 * .npmignore, listed by `npm pack --dry-run`). Both run in a scratch copy holding the packaging files and stand-ins for
 * the built ones, so the lists do not depend on whether `dist/` was built.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../support/paths';

interface Manifest {
  readonly icon?: string;
  readonly private?: boolean;
  readonly bin?: Record<string, string>;
  readonly repository?: { readonly url?: string };
  readonly bugs?: { readonly url?: string };
  readonly homepage?: string;
  readonly vsce?: { readonly dependencies?: boolean };
  readonly dependencies?: Record<string, string>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;

describe('packaging', function () {
  this.timeout(60_000);
  let scratch: string;

  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-packaging-'));
    for (const file of [
      'package.json',
      'package.nls.json',
      '.vscodeignore',
      '.npmignore',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
    ]) {
      fs.copyFileSync(path.join(repoRoot, file), path.join(scratch, file));
    }
    fs.cpSync(path.join(repoRoot, 'l10n'), path.join(scratch, 'l10n'), { recursive: true });
    fs.cpSync(path.join(repoRoot, 'media'), path.join(scratch, 'media'), { recursive: true });
    fs.cpSync(path.join(repoRoot, 'docs'), path.join(scratch, 'docs'), { recursive: true });
    fs.cpSync(path.join(repoRoot, 'syntaxes'), path.join(scratch, 'syntaxes'), { recursive: true });
    fs.copyFileSync(
      path.join(repoRoot, 'language-configuration.json'),
      path.join(scratch, 'language-configuration.json'),
    );
    fs.mkdirSync(path.join(scratch, 'dist', 'cli'), { recursive: true });
    fs.mkdirSync(path.join(scratch, 'src'));
    for (const file of [
      'dist/extension.js',
      'dist/cli.js',
      'dist/cli/lintCommand.js',
      'dist/cli/lintCommand.js.map',
      'dist/extension.js.map',
      'src/x.ts',
    ]) {
      fs.writeFileSync(path.join(scratch, file), '// stand-in\n');
    }
  });

  after(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('names the repository, the issue tracker, the home page and a 128×128 PNG icon', () => {
    assert.match(manifest.repository?.url ?? '', /^https:\/\/github\.com\/[\w-]+\/[\w-]+(\.git)?$/);
    assert.match(manifest.bugs?.url ?? '', /^https:\/\/github\.com\/.+\/issues$/);
    assert.match(manifest.homepage ?? '', /^https:\/\//);
    const png = fs.readFileSync(path.join(repoRoot, manifest.icon ?? 'missing'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  // `vsce ls` does not read the manifest's `vsce` options as `vsce package` does, so the flag is given here and the
  // manifest's setting is checked on its own.
  it('lets `vsce ls` list the VSIX: the extension bundle and media, not the CLI, screenshots or sources', () => {
    const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], {
      cwd: scratch,
      encoding: 'utf8',
    })
      .split(/\r?\n/)
      .filter((line) => line !== '');
    for (const wanted of [
      'dist/extension.js',
      'media/icon.png',
      'package.json',
      'package.nls.json',
      'l10n/bundle.l10n.json',
      'README.md',
    ]) {
      assert.ok(files.includes(wanted), `${wanted} is packaged`);
    }
    for (const unwanted of [
      'dist/cli.js',
      'dist/cli/lintCommand.js',
      'dist/extension.js.map',
      'src/x.ts',
      '.npmignore',
    ]) {
      assert.ok(!files.includes(unwanted), `${unwanted} is left out`);
    }
    assert.deepEqual(
      files.filter((file) => file.startsWith('docs/')),
      [],
      'screenshots stay in the repository',
    );
    assert.equal(manifest.vsce?.dependencies, false, 'the bundles need no node_modules, so none is packaged');
  });

  it('packs the command-line tool for npm: dist/cli.js, its command bundles and the practice pages, not the extension', () => {
    assert.notEqual(manifest.private, true, 'private: true would block `npm pack` users from installing it');
    assert.equal(manifest.bin?.['oauth-workbench'], './dist/cli.js');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const [pack] = JSON.parse(
      execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: scratch,
        encoding: 'utf8',
      }),
    ) as { files: { path: string }[] }[];
    const files = pack.files.map((file) => file.path);
    for (const wanted of [
      'dist/cli.js',
      'dist/cli/lintCommand.js',
      'media/practice/authorize.html',
      'media/practice/practice.css',
      'LICENSE',
    ]) {
      assert.ok(files.includes(wanted), `${wanted} is packed`);
    }
    for (const unwanted of [
      'dist/extension.js',
      'dist/cli/lintCommand.js.map',
      'media/icon.png',
      'src/x.ts',
      'docs/images',
    ]) {
      assert.ok(!files.some((file) => file.startsWith(unwanted)), `${unwanted} is left out`);
    }
  });

  // HTTP goes through Node's own http / https, so neither bundle carries an npm package (undici was most of the VSIX).
  it('bundles no npm package into the extension or the CLI, and the CLI package depends on none', async () => {
    const esbuild = await import('esbuild');
    for (const entry of ['src/extension.ts', 'src/cli/cli.ts']) {
      const result = await esbuild.build({
        entryPoints: [path.join(repoRoot, entry)],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        external: ['vscode'],
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const packages = Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules'));
      assert.deepEqual(packages, [], entry);
    }
    assert.deepEqual(manifest.dependencies ?? {}, {});
  });
});
