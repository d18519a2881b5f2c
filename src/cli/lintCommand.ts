import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { lintHttpFile } from '../core/httpFile/httpFileDiagnostics';
import { DiagnosticSeverity, HttpDiagnostic } from '../core/httpFile/httpDiagnostic';
import { KnowledgeBase } from '../core/knowledge/knowledgeBase';
import { CliIo, CliUsageError } from './cliIo';

/** One finding as `lint --format json` prints it: 1-based lines and columns. */
export interface LintJsonRecord {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: DiagnosticSeverity;
  readonly code: string;
  readonly message: string;
}

/** Reads a file as text; injected so tests can simulate read errors. */
export type ReadTextFile = (path: string) => Promise<string>;

/** Printed for `lint --help`; states the exit codes CI relies on. */
export const LINT_USAGE = `Usage: oauth-workbench lint [--format text|json] [--fail-on warning|error] FILE…

Checks .http files for recorded OAuth error responses and risky requests.
Exit status: 0 when every file was read (whatever was found), 1 when --fail-on is given and a finding reaches that
severity, 2 on a usage error or a file that could not be read.
`;

const RANK: Record<DiagnosticSeverity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** `oauth-workbench lint`: the same diagnostics as the editor, for terminals and CI. */
export async function runLintCommand(
  args: readonly string[],
  io: CliIo,
  read: ReadTextFile = (path) => readFile(path, 'utf8'),
): Promise<number> {
  const { format, failOn, files } = parseLintArgs(args);
  if (files === undefined) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  const kb = KnowledgeBase.create();
  const records: LintJsonRecord[] = [];
  let readErrors = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await read(file);
    } catch (err) {
      readErrors++;
      const reason =
        (err as NodeJS.ErrnoException)?.code ?? (err instanceof Error ? err.message : String(err));
      io.stderr(`oauth-workbench: cannot read ${file}: ${reason}\n`);
      continue;
    }
    // Editors hide a BOM, so columns are counted after it.
    const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    for (const d of lintHttpFile(content, kb)) {
      records.push(toRecord(file, d));
    }
  }
  if (format === 'json') {
    io.stdout(`${JSON.stringify(records, null, 2)}\n`);
  } else {
    for (const r of records) {
      io.stdout(`${r.file}:${r.line}:${r.column}: ${r.severity} ${r.code}: ${r.message}\n`);
    }
    if (records.length === 0 && readErrors === 0) {
      io.stderr(`No findings in ${files.length} file${files.length === 1 ? '' : 's'}.\n`);
    }
  }
  if (readErrors > 0) {
    return 2;
  }
  if (failOn && records.some((r) => RANK[r.severity] >= RANK[failOn])) {
    return 1;
  }
  return 0;
}

function parseLintArgs(args: readonly string[]): {
  format: 'text' | 'json';
  failOn: 'warning' | 'error' | undefined;
  files: string[] | undefined;
} {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new CliUsageError(`lint: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { format, 'fail-on': failOn, help } = parsed.values;
  if (help) {
    return { format: 'text', failOn: undefined, files: undefined };
  }
  if (format !== 'text' && format !== 'json') {
    throw new CliUsageError(`lint: --format must be text or json, not "${format}".`);
  }
  if (failOn !== undefined && failOn !== 'warning' && failOn !== 'error') {
    throw new CliUsageError(`lint: --fail-on must be warning or error, not "${failOn}".`);
  }
  if (parsed.positionals.length === 0) {
    throw new CliUsageError(
      'lint: name at least one .http file. Run "oauth-workbench lint --help" for usage.',
    );
  }
  return { format, failOn, files: parsed.positionals };
}

function toRecord(file: string, d: HttpDiagnostic): LintJsonRecord {
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}
