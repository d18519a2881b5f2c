import { redactSecrets } from '../core/oauth/redactSecrets';

/** Where a CLI command writes and what it reads from its surroundings; injected so commands are testable in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard input as text (for `-` arguments); absent where there is none. */
  readonly readStdin?: () => Promise<string>;
}

/** The largest input file (or standard input) the CLI reads. */
export const MAX_INPUT_FILE_BYTES = 10 * 1024 * 1024;

/** A user-facing CLI failure: its message is printed as is (no stack), with the given exit code. */
export class CliUsageError extends Error {
  public readonly code = 'CLI_USAGE';
  constructor(
    message: string,
    public readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/**
 * Whether `err` is a {@link CliUsageError}, recognised by its code: a command's bundle carries its own copy of the
 * class, so `instanceof` fails for errors thrown there and caught in `cli.ts`.
 */
export function isCliUsageError(err: unknown): err is CliUsageError {
  const e = err as Partial<CliUsageError> | null;
  return err instanceof Error && e?.code === 'CLI_USAGE' && typeof e.exitCode === 'number';
}

/**
 * The same io with every secret the command line names (the values of the variables given to `--…-env` options)
 * masked in what goes to stderr, in any encoded form: a server may quote them back in an error. Stdout is left alone,
 * since `token` prints tokens there on purpose.
 */
export function withEnvSecretsMasked(io: CliIo, argv: readonly string[]): CliIo {
  const secrets: string[] = [];
  argv.forEach((arg, index) => {
    const inline = /^--[a-z-]+-env=(.*)$/s.exec(arg);
    const name = inline ? inline[1] : /^--[a-z-]+-env$/.test(arg) ? argv[index + 1] : undefined;
    const value = name === undefined ? undefined : io.env[name];
    if (value) {
      secrets.push(value);
    }
  });
  return { ...io, stderr: (text) => io.stderr(redactSecrets(text, secrets, { onlyRegistered: true })) };
}
