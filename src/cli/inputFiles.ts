/**
 * Files the CLI reads come from the command line, often from a glob over a checked-out repository: anything can sit
 * at such a path. A FIFO would block a read forever, a device never ends, and a huge file exhausts memory; so a file is
 * opened without blocking, checked, and only then read.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, Stats, statSync } from 'node:fs';
import { CliUsageError, MAX_INPUT_FILE_BYTES } from './cliIo';

export { MAX_INPUT_FILE_BYTES };

/** A file that may not be read, with a message that says why (never its contents). */
export class InputFileError extends Error {
  public readonly code = 'CLI_INPUT_FILE';
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

/**
 * Reads a regular file of at most {@link MAX_INPUT_FILE_BYTES} as UTF-8; refuses anything else before reading. The
 * reading is synchronous (the CLI waits for it anyway), which spares `lint` loading `node:fs/promises`.
 */
export async function readInputFile(path: string): Promise<string> {
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting; regular files ignore the flag.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    refuseUnlessSmallFile(info.isFile(), info.isDirectory(), info.size);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** Checks a path that another component reads later (a certificate or key), with the same rules. */
export function checkInputFile(path: string, flag: string): void {
  let info: Stats;
  try {
    info = statSync(path);
  } catch (err) {
    throw new CliUsageError(
      `--${flag}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  try {
    refuseUnlessSmallFile(info.isFile(), info.isDirectory(), info.size);
  } catch (err) {
    throw new CliUsageError(`--${flag}: ${(err as Error).message}`);
  }
}

function refuseUnlessSmallFile(isFile: boolean, isDirectory: boolean, size: number): void {
  if (isDirectory) {
    throw new InputFileError('it is a directory, not a file');
  }
  if (!isFile) {
    throw new InputFileError('it is not a regular file (a FIFO, socket or device)');
  }
  if (size > MAX_INPUT_FILE_BYTES) {
    throw new InputFileError(`it is larger than ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MB`);
  }
}
