/**
 * The inputs `lint` is given, turned into the files to read: a file as it is, a directory searched for `.http` and
 * `.rest` files, a glob (`*`, `?`, `[…]`, `**`) matched by a small matcher of our own (the engine's Node has no
 * `fs.glob`), and `-` for standard input. Searches skip `node_modules` and `.git` and never follow symbolic links to
 * directories, so a link loop cannot make them run forever. The file system is read synchronously: the CLI has
 * nothing else to do meanwhile, and `node:fs/promises` would add to every start-up of `lint`.
 */
import { Dirent, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** Where `lint` reads from: standard input, or a file found on disk. */
export type LintInput = { readonly kind: 'stdin' } | { readonly kind: 'file'; readonly path: string };

/** An argument that named nothing to read (a glob that matched no file, a path that does not exist). */
export interface UnmatchedInput {
  readonly argument: string;
  readonly reason: string;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const LINTED_EXTENSIONS = /\.(?:http|rest)$/i;
const GLOB_CHARS = /[*?[]/;

/** Expands `lint`'s arguments, in the order given and without duplicates; files found by a search are sorted. */
export async function expandLintInputs(
  args: readonly string[],
): Promise<{ inputs: LintInput[]; unmatched: UnmatchedInput[] }> {
  const inputs: LintInput[] = [];
  const unmatched: UnmatchedInput[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      inputs.push({ kind: 'file', path: file });
    }
  };
  for (const arg of args) {
    if (arg === '-') {
      if (!seen.has('-')) {
        seen.add('-');
        inputs.push({ kind: 'stdin' });
      }
      continue;
    }
    if (GLOB_CHARS.test(arg)) {
      const found = await matchGlob(arg);
      if (found.length === 0) {
        unmatched.push({ argument: arg, reason: 'no file matches this pattern' });
      }
      found.forEach(add);
      continue;
    }
    let isDirectory = false;
    try {
      isDirectory = statSync(arg).isDirectory();
    } catch {
      // Reading it reports why it cannot be read.
    }
    if (isDirectory) {
      const found: string[] = [];
      await walk(arg, (file) => LINTED_EXTENSIONS.test(file), found);
      found.sort().forEach(add);
    } else {
      add(arg);
    }
  }
  return { inputs, unmatched };
}

/** Files under `dir` (not `node_modules` or `.git`, no linked directories) for which `wanted` holds. */
async function walk(dir: string, wanted: (file: string) => boolean, out: string[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) {
        await walk(full, wanted, out);
      }
    } else if ((entry.isFile() || entry.isSymbolicLink()) && wanted(full)) {
      out.push(full);
    }
  }
}

/** The files a glob names, sorted. Separators are `/` on every platform (and `\` too on Windows). */
export async function matchGlob(pattern: string): Promise<string[]> {
  const slashed = path.sep === '\\' ? pattern.replace(/\\/g, '/') : pattern;
  // `./x/*.http` names the same files as `x/*.http`; the files found are named the second way.
  const normalized = slashed.replace(/^(?:\.\/)+/, '');
  const segments = normalized.split('/');
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  const base = segments.slice(0, firstGlob).join('/') || (normalized.startsWith('/') ? '/' : '.');
  const matcher = globToRegExp(normalized);
  const found: string[] = [];
  await walk(base, (file) => matcher.test(toSlashes(file)), found);
  return found.sort();
}

function toSlashes(file: string): string {
  return path.sep === '\\' ? file.replace(/\\/g, '/') : file;
}

/** A glob as a regular expression over a whole `/`-separated path. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        if (atSegmentStart && slashAfter) {
          source += '(?:[^/]*/)*';
          i += 2;
        } else {
          source += '.*';
          i += 1;
        }
      } else {
        source += '[^/]*';
      }
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      body = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&');
      source += negated ? `[^/${body}]` : `[${body}]`;
      i = close;
    } else {
      source += c.replace(/[.+^${}()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
