import { CliIo } from '../../src/cli/cliIo';

/** A {@link CliIo} that records what a command printed, for in-process CLI tests. */
export function captureCliIo(
  env: Readonly<Record<string, string>> = {},
): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}
