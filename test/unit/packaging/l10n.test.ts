import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../support/paths';

/** Runs `scripts/l10n.mjs --check` in `cwd` (a copy of the repository's files or the repository itself). */
function check(cwd: string): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(cwd, 'scripts', 'l10n.mjs'), '--check'], {
    cwd,
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr };
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** User-facing text handed to VS Code as a bare literal instead of through `vscode.l10n.t`. */
const UNTRANSLATED = [
  /show(?:Information|Warning|Error)Message\(\s*['"`][A-Za-z]/g,
  /\.(?:tooltip|label|description|placeholder|title|prompt)\s*=\s*['"`][A-Za-z]/g,
  /\b(?:placeHolder|prompt|tooltip|title|label)\s*:\s*['"`][A-Z][a-z]/g,
  // A sentence thrown as an error reaches the user through the error boundary's notification.
  /\bthrow new \w*Error\(\s*['"`][A-Z][a-z]*[ ,']/g,
  // A message l10n cannot bundle: the text port itself is the one call that passes a variable on.
  /\bl10n\.t\(\s*(?!message,\s*\.\.\.args\))[A-Za-z_$][\w.$[\]]*\s*[,)]/g,
  // English words glued to values in a template: "${kind} of ${label}" cannot be translated as a whole.
  /\b(?:detail|description|tooltip|label|placeholder|placeHolder|prompt|title)\s*[:=]\s*`[^`]*\}\s+[a-z]{2,}\s/g,
  /show(?:Information|Warning|Error)Message\(\s*`[^`]*\}\s+[a-z]{2,}\s/g,
];

describe('localization', function () {
  this.timeout(30_000);
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    l10n?: string;
  };

  it('has every vscode.l10n.t message in the bundle and every contributed title in package.nls.json', () => {
    assert.equal(manifest.l10n, './l10n');
    const result = check(repoRoot);
    assert.equal(result.status, 0, `run \`node scripts/l10n.mjs\`:\n${result.stderr}`);
    const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<
      string,
      string
    >;
    const referenced = [
      ...fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8').matchAll(/"%([^%"]+)%"/g),
    ];
    assert.ok(referenced.length > 30);
    for (const [, key] of referenced) {
      assert.ok(key in nls, `package.nls.json has ${key}`);
    }
  });

  it('fails the check when a message or a title is left out', () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-l10n-'));
    try {
      for (const item of ['scripts/l10n.mjs', 'package.json', 'package.nls.json', 'l10n', 'src']) {
        fs.cpSync(path.join(repoRoot, item), path.join(scratch, item), { recursive: true });
      }
      // The check bundles the error catalog with esbuild.
      fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(scratch, 'node_modules'));

      // A sentence of the error catalog left out of the bundle.
      const bundlePath = path.join(scratch, 'l10n', 'bundle.l10n.json');
      const bundle = JSON.parse(fs.readFileSync(bundlePath, 'utf8')) as Record<string, string>;
      const someFix = Object.keys(bundle).find((m) => m.startsWith('Run Set Client Secret with the secret'));
      assert.ok(someFix, 'a catalog fix is in the bundle');
      delete bundle[someFix];
      fs.writeFileSync(bundlePath, JSON.stringify(bundle));
      const catalogMissing = check(scratch);
      assert.equal(catalogMissing.status, 1);
      assert.ok(
        catalogMissing.stderr.includes(`not in l10n/bundle.l10n.json: ${someFix}`),
        catalogMissing.stderr,
      );
      fs.cpSync(path.join(repoRoot, 'l10n'), path.join(scratch, 'l10n'), { recursive: true });
      const feature = path.join(scratch, 'src', 'features', 'added.ts');
      fs.writeFileSync(feature, "vscode.l10n.t('A message nobody bundled, {0}', name);\n");
      const missing = check(scratch);
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /not in l10n\/bundle\.l10n\.json: A message nobody bundled, \{0\}/);

      fs.rmSync(feature);
      // Core's text port: a message passed to `translate` must be bundled too.
      const core = path.join(scratch, 'src', 'core', 'added.ts');
      fs.writeFileSync(
        core,
        "export const text = (translate: T) => translate('A core text nobody bundled');\n",
      );
      const coreMissing = check(scratch);
      assert.equal(coreMissing.status, 1);
      assert.match(coreMissing.stderr, /not in l10n\/bundle\.l10n\.json: A core text nobody bundled/);

      fs.rmSync(core);
      const pkg = path.join(scratch, 'package.json');
      fs.writeFileSync(
        pkg,
        fs.readFileSync(pkg, 'utf8').replace(/"%commands\.[^"]+\.title%"/, '"Literal Title"'),
      );
      const literal = check(scratch);
      assert.equal(literal.status, 1);
      assert.match(literal.stderr, /not a %key%/);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('passes user-facing text in features, platform and the wiring through vscode.l10n.t', () => {
    const found: string[] = [];
    for (const dir of ['features', 'platform', 'wiring']) {
      for (const file of sourceFiles(path.join(repoRoot, 'src', dir))) {
        const text = fs.readFileSync(file, 'utf8');
        for (const pattern of UNTRANSLATED) {
          for (const match of text.matchAll(pattern)) {
            const line = text.slice(0, match.index).split('\n').length;
            found.push(`${path.relative(repoRoot, file)}:${line}: ${match[0]}`);
          }
        }
      }
    }
    assert.deepEqual(found, []);
  });

  it('recognizes an untranslated message when it sees one', () => {
    const count = (sample: string) => UNTRANSLATED.flatMap((pattern) => [...sample.matchAll(pattern)]).length;
    const sample =
      "void vscode.window.showWarningMessage(\n  'Plain text');\nitem.tooltip = `Refresh token`;";
    assert.equal(count(sample), 2);
    const offenders = [
      'throw new Error(`No profile "${id}" exists.`);',
      "throw new TypeError(\n  'The value must be a number.',\n);",
      'const action = new vscode.CodeAction(vscode.l10n.t(title), kind);',
      'item.detail = `${KIND_WORDS[kind]} of “${profile.label}”`;',
      'void vscode.window.showWarningMessage(`${label} could not be refreshed.`);',
    ];
    for (const offender of offenders) {
      assert.equal(count(offender), 1, offender);
    }
    const fine = [
      'throw new Error(vscode.l10n.t(\'No profile "{0}" exists.\', id));',
      "vscode.l10n.t('Refresh Token')",
      'export const vscodeTranslate: Translate = (message, ...args) => vscode.l10n.t(message, ...args);',
      'item.description = `${trouble.id} · ${kind}`;',
    ];
    for (const ok of fine) {
      assert.equal(count(ok), 0, ok);
    }
  });
});
