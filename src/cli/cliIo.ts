/** Where a CLI command writes and what it reads from its surroundings; injected so commands are testable in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard input as text (for `-` arguments); absent where there is none. */
  readonly readStdin?: () => Promise<string>;
}

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
