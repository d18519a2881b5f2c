// Only the version: the bundle then carries one string, not the whole manifest.
import { version } from '../../package.json';
import * as path from 'node:path';
import { CliIo, CliUsageError, isCliUsageError, MAX_INPUT_FILE_BYTES, withEnvSecretsMasked } from './cliIo';
import { loadWithCodeCache } from './codeCache';
import { processOutput } from './processOutput';
import { terminalSafeIo } from './terminalText';

/**
 * One subcommand: its usage text and how to run it. Loaded when named (each is a bundle of its own, see
 * scripts/cliBundle.mjs), so `lint` never loads the HTTP engine. This file stays small and imports no command.
 */
interface CliCommand {
  readonly usage: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<number> | number;
}

const SECRETS_NOTE = `                               Secrets and tokens are read from the environment variables named, never from arguments.
                               Exit codes: 0 success, 1 the OAuth operation failed, 2 usage error.
`;

/** Each command's module, imported on first use. */
const COMMANDS: Readonly<Record<string, () => Promise<CliCommand>>> = {
  lint: async () => {
    const cached = loadWithCodeCache(path.join(__dirname, 'cli', 'lintCommand.js'));
    const m =
      (cached?.exports as typeof import('./lintCommand.js') | undefined) ??
      (await import('./lintCommand.js'));
    return {
      usage: m.LINT_USAGE,
      run: (args, io) => m.runLintCommand(args, io, undefined, version),
    };
  },
  explain: async () => {
    const m = await import('./explainCommand.js');
    return { usage: m.EXPLAIN_USAGE, run: m.runExplainCommand };
  },
  token: async () => {
    const [m, common] = await Promise.all([import('./tokenCommand.js'), import('./oauthCliSupport.js')]);
    return { usage: oauthUsage(m.TOKEN_USAGE, common.COMMON_USAGE), run: m.runTokenCommand };
  },
  refresh: async () => {
    const [m, common] = await Promise.all([import('./refreshCommand.js'), import('./oauthCliSupport.js')]);
    return { usage: oauthUsage(m.REFRESH_USAGE, common.COMMON_USAGE), run: m.runRefreshCommand };
  },
  revoke: async () => {
    const [m, common] = await Promise.all([import('./revokeCommand.js'), import('./oauthCliSupport.js')]);
    return { usage: oauthUsage(m.REVOKE_USAGE, common.COMMON_USAGE), run: m.runRevokeCommand };
  },
  introspect: async () => {
    const [m, common] = await Promise.all([import('./introspectCommand.js'), import('./oauthCliSupport.js')]);
    return { usage: oauthUsage(m.INTROSPECT_USAGE, common.COMMON_USAGE), run: m.runIntrospectCommand };
  },
  practice: async () => {
    const m = await import('./practiceCommand.js');
    return { usage: `Usage:\n${m.PRACTICE_USAGE}`, run: m.runPracticeCommand };
  },
};

function oauthUsage(usage: string, common: string): string {
  return `Usage:\n${usage}${common}\n${SECRETS_NOTE}`;
}

async function help(): Promise<string> {
  const [token, refresh, revoke, introspect, common, practice] = await Promise.all([
    import('./tokenCommand.js'),
    import('./refreshCommand.js'),
    import('./revokeCommand.js'),
    import('./introspectCommand.js'),
    import('./oauthCliSupport.js'),
    import('./practiceCommand.js'),
  ]);
  return `OAuth Workbench ${version}: OAuth 2.0 tooling for the command line.

Usage:
  oauth-workbench --help       Show this help; COMMAND --help shows one command's.
  oauth-workbench --version    Print the version.
  oauth-workbench lint [--format text|json|sarif] [--fail-on none|warning|error] PATH…
                               Check .http files (files, directories, globs, - for stdin) for OAuth error responses
                               and risky requests. Exits 1 when a finding reaches --fail-on (default: error).
  oauth-workbench explain ID   Explain a diagnostic id (causes, fixes, guide errata).
  oauth-workbench explain - [--url URL] [--grant-type TYPE] [--status CODE] [--format text|json]
                               Explain a server's answer read from standard input (e.g. from curl -si).
${token.TOKEN_USAGE}${refresh.REFRESH_USAGE}${revoke.REVOKE_USAGE}${introspect.INTROSPECT_USAGE}${common.COMMON_USAGE}
${SECRETS_NOTE}${practice.PRACTICE_USAGE}`;
}

/** Runs the command line given without the node and script paths; resolves to the process exit code. */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(withEnvSecretsMasked(rawIo, argv));
  try {
    const [first, ...args] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.stdout(await help());
      return 0;
    }
    if (first === '--version' || first === '-v') {
      io.stdout(`${version}\n`);
      return 0;
    }
    const load = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (!load) {
      throw new CliUsageError(
        `Unknown command "${first}". Run "oauth-workbench --help" for the list of commands.`,
      );
    }
    const command = await load();
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(command.usage);
      return 0;
    }
    return await command.run(args, io);
  } catch (err) {
    if (isCliUsageError(err)) {
      io.stderr(`oauth-workbench: ${err.message}\n`);
      return err.exitCode;
    }
    const verbose = argv.includes('--verbose');
    const detail = verbose && err instanceof Error ? (err.stack ?? err.message) : describe(err);
    io.stderr(`oauth-workbench: ${detail}\n`);
    return 1;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Standard input as UTF-8, refused once it passes the size limit for input files. */
async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_INPUT_FILE_BYTES) {
      throw new CliUsageError(`it is larger than ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MB`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

if (require.main === module) {
  void runCli(process.argv.slice(2), {
    stdout: processOutput(1),
    stderr: processOutput(2),
    env: process.env,
    readStdin: readProcessStdin,
  }).then((code) => {
    process.exitCode = code;
  });
}
