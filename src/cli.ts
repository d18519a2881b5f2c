import packageJson from '../package.json';
import { CliIo, CliUsageError } from './node/cli/cliIo';
import { runExplainCommand } from './node/cli/explainCommand';
import { runLintCommand } from './node/cli/lintCommand';
import { PRACTICE_USAGE, runPracticeCommand } from './node/cli/practiceCommand';

const HELP = `OAuth Workbench ${packageJson.version}: OAuth 2.0 tooling for the command line.

Usage:
  oauth-workbench --help       Show this help.
  oauth-workbench --version    Print the version.
  oauth-workbench lint [--format text|json] [--fail-on warning|error] FILE…
                               Check .http files for OAuth error responses and risky requests.
  oauth-workbench explain ID   Explain a diagnostic id (causes, fixes, guide errata).
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
    if (first === 'practice') {
      return await runPracticeCommand(argv.slice(1), io);
    }
    if (first === 'lint') {
      return await runLintCommand(argv.slice(1), io);
    }
    if (first === 'explain') {
      return runExplainCommand(argv.slice(1), io);
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
