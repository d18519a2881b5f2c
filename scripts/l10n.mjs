// Localization files, without @vscode/l10n-dev:
//   node scripts/l10n.mjs          writes l10n/bundle.l10n.json from the `vscode.l10n.t('…')` calls in src/, the
//                                  `translate('…')` and `localText('…')` calls of core's text port (src/core/text) and the
//                                  sentences of the error catalog (src/core/knowledge), and moves
//                                  the titles and descriptions in package.json's `contributes` into package.nls.json
//                                  as `%key%` references (strings already referenced are left alone).
//   node scripts/l10n.mjs --check  writes nothing; exits 1 and names what is missing.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Every message passed as a string literal (the first argument) to `vscode.l10n.t` or to core's text port, which is
 * always a function named `translate` or `localText`, in file order.
 */
export function extractMessages(sourceRoot = path.join(root, 'src')) {
  const messages = new Set();
  const call =
    /\b(?:l10n\.t|translate|localText)\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\$]|\\.)*`)/g;
  for (const file of sourceFiles(sourceRoot)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(call)) {
      messages.add(unquote(match[1]));
    }
  }
  return [...messages];
}

/**
 * Every sentence of the error catalog a person reads (titles, summaries, causes, fixes, link titles, the guide's
 * errata): `KnowledgeBase.translated` passes each through the text port, so each must be in the bundle. The catalog is
 * TypeScript data, so it is bundled with esbuild and read rather than searched for literals.
 */
export function catalogMessages(projectRoot = root) {
  const esbuild = createRequire(path.join(projectRoot, 'package.json'))('esbuild');
  const { outputFiles } = esbuild.buildSync({
    stdin: {
      contents:
        "export { KnowledgeBase } from './src/core/knowledge/knowledgeBase';\n" +
        "export { ERRATA } from './src/core/knowledge/errata';\n",
      resolveDir: projectRoot,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    logLevel: 'error',
  });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-l10n-catalog-'));
  try {
    const file = path.join(scratch, 'catalog.cjs');
    fs.writeFileSync(file, outputFiles[0].text);
    const { KnowledgeBase, ERRATA } = createRequire(file)(file);
    const messages = [];
    for (const e of KnowledgeBase.create().all()) {
      messages.push(e.title, e.summary, ...e.causes.map((c) => c.text), ...e.fixes, e.link.title);
    }
    for (const erratum of Object.values(ERRATA)) {
      messages.push(erratum.title, erratum.text);
    }
    return messages;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function unquote(literal) {
  const body = literal.slice(1, -1);
  // JSON understands the escapes TypeScript string literals use here (\n, \", \\, \u…); quotes need adjusting.
  return JSON.parse(
    `"${body
      .replace(/\\'/g, "'")
      .replace(/\\`/g, '`')
      .replace(/(?<!\\)"/g, '\\"')}"`,
  );
}

const LOCALIZED_KEYS = new Set([
  'title',
  'category',
  'altText',
  'description',
  'markdownDescription',
  'contents',
  'enumDescriptions',
]);
const SKIPPED_KEYS = new Set(['default', 'examples', 'defaultSnippets', 'const', 'enum', 'pattern']);

/** Replaces each localizable string under `contributes` with `%key%`; returns the strings by key. */
export function externalize(manifest, existing = {}) {
  const strings = { ...existing };
  const visit = (node, keyPath) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        const id = child && typeof child === 'object' ? (child.command ?? child.id ?? i) : i;
        node[i] = visitValue(child, [...keyPath, String(id)], keyPath.at(-1));
      });
      return node;
    }
    for (const [key, value] of Object.entries(node)) {
      if (!SKIPPED_KEYS.has(key)) {
        node[key] = visitValue(value, [...keyPath, key], key);
      }
    }
    return node;
  };
  const visitValue = (value, keyPath, key) => {
    if (typeof value === 'string') {
      const localizable =
        LOCALIZED_KEYS.has(key) || (key === 'name' && keyPath.includes('views') && !keyPath.includes('when'));
      if (!localizable || /^%.+%$/.test(value)) {
        return value;
      }
      // One key for the shared command category; otherwise the key is where the string sits.
      const nlsKey = key === 'category' ? 'category' : keyPath.join('.').replace(/^contributes\./, '');
      strings[nlsKey] = value;
      return `%${nlsKey}%`;
    }
    return value && typeof value === 'object' ? visit(value, keyPath) : value;
  };
  visit(manifest.contributes ?? {}, ['contributes']);
  return strings;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const check = process.argv.includes('--check');
  const bundlePath = path.join(root, 'l10n', 'bundle.l10n.json');
  const nlsPath = path.join(root, 'package.nls.json');
  const manifestPath = path.join(root, 'package.json');
  const bundle = Object.fromEntries([...extractMessages(), ...catalogMessages()].map((m) => [m, m]));
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const nls = fs.existsSync(nlsPath) ? JSON.parse(fs.readFileSync(nlsPath, 'utf8')) : {};
  const before = JSON.stringify(manifest);
  const strings = externalize(manifest, nls);
  if (check) {
    const current = fs.existsSync(bundlePath) ? JSON.parse(fs.readFileSync(bundlePath, 'utf8')) : {};
    const missing = Object.keys(bundle).filter((m) => !(m in current));
    const literal = JSON.stringify(manifest) !== before;
    for (const message of missing) {
      console.error(`not in l10n/bundle.l10n.json: ${message}`);
    }
    if (literal) {
      console.error(
        'package.json contributes a title or description that is not a %key% in package.nls.json',
      );
    }
    process.exit(missing.length > 0 || literal ? 1 : 0);
  }
  fs.mkdirSync(path.dirname(bundlePath), { recursive: true });
  fs.writeFileSync(bundlePath, `${JSON.stringify(bundle, null, 2)}\n`);
  fs.writeFileSync(nlsPath, `${JSON.stringify(strings, null, 2)}\n`);
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(
    `${Object.keys(bundle).length} messages in l10n/bundle.l10n.json, ${Object.keys(strings).length} in package.nls.json`,
  );
}
