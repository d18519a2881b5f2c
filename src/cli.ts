import packageJson from '../package.json';
import { CliIo, CliUsageError } from './node/cli/cliIo';
import { runExplainCommand } from './node/cli/explainCommand';
import { runLintCommand } from './node/cli/lintCommand';
import { INTROSPECT_USAGE, runIntrospectCommand } from './node/cli/introspectCommand';
import { COMMON_USAGE } from './node/cli/oauthCliSupport';
import { PRACTICE_USAGE, runPracticeCommand } from './node/cli/practiceCommand';
import { REFRESH_USAGE, runRefreshCommand } from './node/cli/refreshCommand';
import { REVOKE_USAGE, runRevokeCommand } from './node/cli/revokeCommand';
import { runTokenCommand, TOKEN_USAGE } from './node/cli/tokenCommand';

const HELP = `OAuth Workbench ${packageJson.version}: OAuth 2.0 tooling for the command line.

Usage:
  oauth-workbench --help       Show this help.
  oauth-workbench --version    Print the version.
  oauth-workbench lint [--format text|json] [--fail-on warning|error] FILE…
                               Check .http files for OAuth error responses and risky requests.
  oauth-workbench explain ID   Explain a diagnostic id (causes, fixes, guide errata).
  oauth-workbench explain - [--url URL] [--grant-type TYPE] [--status CODE] [--format text|json]
                               Explain a server's answer read from standard input (e.g. from curl -si).
${TOKEN_USAGE}${REFRESH_USAGE}${REVOKE_USAGE}${INTROSPECT_USAGE}${COMMON_USAGE}
                               Secrets and tokens are read from the environment variables named, never from arguments.
                               Exit codes: 0 success, 1 the OAuth operation failed, 2 usage error.
${PRACTICE_USAGE}`;

/** Runs the command line given without the node and script paths; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [first] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (first === '--version' || first === '-v') {
      io.stdout(`${packageJson.version}\n`);
      return 0;
    }
    if (first === 'token') {
      return await runTokenCommand(argv.slice(1), io);
    }
    if (first === 'refresh') {
      return await runRefreshCommand(argv.slice(1), io);
    }
    if (first === 'revoke') {
      return await runRevokeCommand(argv.slice(1), io);
    }
    if (first === 'introspect') {
      return await runIntrospectCommand(argv.slice(1), io);
    }
    if (first === 'practice') {
      return await runPracticeCommand(argv.slice(1), io);
    }
    if (first === 'lint') {
      return await runLintCommand(argv.slice(1), io);
    }
    if (first === 'explain') {
      return await runExplainCommand(argv.slice(1), io);
    }
    throw new CliUsageError(
      `Unknown command "${first}". Run "oauth-workbench --help" for the list of commands.`,
    );
  } catch (err) {
    if (err instanceof CliUsageError) {
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

if (require.main === module) {
  void runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
