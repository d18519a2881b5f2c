/**
 * How the CLI writes to standard output and standard error: a synchronous write to the file descriptor, as Node's
 * own `process.stdout` does for files, pipes and terminals on Linux and macOS, but without building that stream,
 * which loads Node's whole stream machinery and costs `lint` and `explain` a noticeable part of their start-up.
 *
 * Two cases leave the direct path: a descriptor in non-blocking mode that is full (`EAGAIN`, possible when a parent
 * shares such a pipe) hands the rest of the output to the Node stream, which waits for room; a reader that stopped
 * early (`lint … | head -1`: `EPIPE`, or `ECONNRESET` when the pipe is a socket pair, as Node's child processes get)
 * does not want the rest, which is no failure, so the process ends with status 0.
 */
import { writeSync } from 'node:fs';

/** What a write fails with when the reader has gone away. */
const READER_GONE: ReadonlySet<string> = new Set(['EPIPE', 'ECONNRESET']);

/** Writes `length` bytes of `buffer` from `offset` to `fd`; returns how many were written (a short write is fine). */
export type WriteToFd = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

export interface FdOutputParts {
  readonly fd: number;
  /** The Node stream of the same descriptor, built only when the direct path cannot go on. */
  readonly stream: () => { write(chunk: Uint8Array): unknown };
  /** Called when the reader has gone away; the real one ends the process with status 0. */
  readonly onClosedPipe: () => void;
  readonly write?: WriteToFd;
}

/** A `(text) => void` writer for one descriptor, as {@link CliIo} `stdout` and `stderr` want. */
export function fdOutput(parts: FdOutputParts): (text: string) => void {
  const write = parts.write ?? writeSync;
  let viaStream = false;
  return (text) => {
    const bytes = Buffer.from(text, 'utf8');
    if (viaStream) {
      parts.stream().write(bytes);
      return;
    }
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += write(parts.fd, bytes, offset, bytes.length - offset);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          viaStream = true;
          parts.stream().write(bytes.subarray(offset));
          return;
        }
        if (code !== undefined && READER_GONE.has(code)) {
          parts.onClosedPipe();
          return;
        }
        throw err;
      }
    }
  };
}

/** The process's stdout or stderr (fd 1 or 2) written through {@link fdOutput}. */
export function processOutput(fd: 1 | 2): (text: string) => void {
  let stream: NodeJS.WriteStream | undefined;
  const exitQuietly = () => process.exit(0);
  return fdOutput({
    fd,
    stream: () => {
      if (!stream) {
        stream = fd === 1 ? process.stdout : process.stderr;
        stream.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code !== undefined && READER_GONE.has(err.code)) {
            exitQuietly();
          }
          throw err;
        });
      }
      return stream;
    },
    onClosedPipe: exitQuietly,
  });
}
