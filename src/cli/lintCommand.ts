import { lintHttpFile } from '../core/httpFile/httpFileDiagnostics';
import { DiagnosticSeverity, HttpDiagnostic } from '../core/httpFile/httpDiagnostic';
import { KnowledgeBase } from '../core/knowledge/knowledgeBase';
import { CliIo, CliUsageError } from './cliIo';
import { InputFileError, readInputFile } from './inputFiles';
import { expandLintInputs } from './lintInputs';
import { LintRecord, sarifLog } from './sarifLog';

/** One finding as `lint --format json` prints it: 1-based lines and columns. */
export type LintJsonRecord = LintRecord;

/** Reads a file as text; injected so tests can simulate read errors. */
export type ReadTextFile = (path: string) => Promise<string>;

/** Printed for `lint --help`; states the exit codes CI relies on. */
export const LINT_USAGE = `Usage: oauth-workbench lint [--format text|json|sarif] [--fail-on none|warning|error] PATH…

Checks .http files for recorded OAuth error responses and risky requests.
PATH is a file, a directory (searched for .http and .rest files, skipping node_modules and .git), a glob such as
"requests/**/*.http" (quote it so the shell leaves it alone), or - for standard input.
Exit status: 0 when nothing reached the --fail-on severity (default: error), 1 when a finding did, 2 on a usage
error or an input that could not be read.
`;

/** The name findings read from standard input carry. */
const STDIN_NAME = '<stdin>';

type FailOn = 'none' | 'warning' | 'error';

const RANK: Record<DiagnosticSeverity, number> = { error: 3, warning: 2, information: 1, hint: 0 };
const FAIL_RANK: Record<FailOn, number> = { none: Infinity, warning: 2, error: 3 };

/** `oauth-workbench lint`: the same diagnostics as the editor, for terminals and CI. */
export async function runLintCommand(
  args: readonly string[],
  io: CliIo,
  read: ReadTextFile = readInputFile,
  version = '',
): Promise<number> {
  const options = parseLintArgs(args);
  if (options === undefined) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  const { format, failOn, paths } = options;
  const { inputs, unmatched } = await expandLintInputs(paths);
  let readErrors = unmatched.length;
  for (const { argument, reason } of unmatched) {
    io.stderr(`oauth-workbench: ${argument}: ${reason}\n`);
  }
  const kb = KnowledgeBase.create();
  const records: LintRecord[] = [];
  for (const input of inputs) {
    const name = input.kind === 'stdin' ? STDIN_NAME : input.path;
    let text: string;
    try {
      text = input.kind === 'stdin' ? await readStdin(io) : await read(input.path);
    } catch (err) {
      readErrors++;
      io.stderr(`oauth-workbench: cannot read ${name}: ${readFailure(err)}\n`);
      continue;
    }
    // Editors hide a BOM, so columns are counted after it.
    const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    for (const d of lintHttpFile(content, kb)) {
      records.push(toRecord(name, d));
    }
  }
  if (format === 'json') {
    io.stdout(`${JSON.stringify(records, null, 2)}\n`);
  } else if (format === 'sarif') {
    io.stdout(`${JSON.stringify(sarifLog(records, kb, version, STDIN_NAME), null, 2)}\n`);
  } else {
    for (const r of records) {
      io.stdout(`${r.file}:${r.line}:${r.column}: ${r.severity} ${r.code}: ${r.message}\n`);
    }
    if (records.length === 0 && readErrors === 0) {
      io.stderr(`No findings in ${inputs.length} file${inputs.length === 1 ? '' : 's'}.\n`);
    }
  }
  if (readErrors > 0) {
    return 2;
  }
  return records.some((r) => RANK[r.severity] >= FAIL_RANK[failOn]) ? 1 : 0;
}

/** Why an input could not be read, in words that never include its contents. */
function readFailure(err: unknown): string {
  if (err instanceof InputFileError || err instanceof CliUsageError) {
    return err.message;
  }
  return (err as NodeJS.ErrnoException)?.code ?? (err instanceof Error ? err.message : String(err));
}

async function readStdin(io: CliIo): Promise<string> {
  if (!io.readStdin) {
    throw new CliUsageError('standard input is not available here');
  }
  return io.readStdin();
}

/** `undefined` for `--help`. Unknown options and values are usage errors (exit 2). */
function parseLintArgs(
  args: readonly string[],
): { format: 'text' | 'json' | 'sarif'; failOn: FailOn; paths: string[] } | undefined {
  let format = 'text';
  let failOn = 'error';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) {
        throw new CliUsageError(`lint: ${flag} needs a value.`);
      }
      return v;
    };
    if (arg === '--help' || arg === '-h') {
      return undefined;
    } else if (flag === '--format') {
      format = value();
    } else if (flag === '--fail-on') {
      failOn = value();
    } else if (arg === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new CliUsageError(`lint: unknown option ${JSON.stringify(flag)}.`);
    } else {
      paths.push(arg);
    }
  }
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new CliUsageError(`lint: --format must be text, json or sarif, not "${format}".`);
  }
  if (failOn !== 'none' && failOn !== 'warning' && failOn !== 'error') {
    throw new CliUsageError(`lint: --fail-on must be none, warning or error, not "${failOn}".`);
  }
  if (paths.length === 0) {
    throw new CliUsageError(
      'lint: name at least one .http file, directory, glob or -. Run "oauth-workbench lint --help" for usage.',
    );
  }
  return { format, failOn, paths };
}

function toRecord(file: string, d: HttpDiagnostic): LintRecord {
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
