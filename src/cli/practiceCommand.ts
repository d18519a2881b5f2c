/**
 * `oauth-workbench practice [--port N] [--speed F]`: starts the practice server, prints one JSON line with its
 * endpoints and client, and serves until SIGINT or SIGTERM (or the given signal), then closes cleanly.
 */
import { parseArgs } from 'node:util';
import { PRACTICE_DEFAULT_PORT, speedProblem } from '../core/practice/practiceSettings';
import { PracticeServerError, startPracticeServer } from '../node/practice/practiceServer';
import { CliIo, CliUsageError } from './cliIo';

/** Usage lines for the top-level help. */
export const PRACTICE_USAGE = `  oauth-workbench practice [--port N] [--speed F] [--allow-host HOST:PORT]…
                               Start the local practice server (Rabobank-like; default port ${PRACTICE_DEFAULT_PORT}),
                               print its endpoints as one JSON line, serve until Ctrl+C. It answers only requests
                               addressed to its own loopback address; --allow-host adds the address of a proxy in
                               front of it that keeps its own Host (code-server's /proxy/PORT/ under npm start).
`;

/** Test hooks: stop the server with this signal instead of waiting for SIGINT / SIGTERM. */
export interface PracticeCommandOptions {
  readonly stop?: AbortSignal;
  /** Called once the JSON line is printed (the server is listening). */
  readonly onListening?: () => void;
}

/** Runs the command; resolves to the exit code once the server has stopped. */
export async function runPracticeCommand(
  argv: readonly string[],
  io: CliIo,
  options: PracticeCommandOptions = {},
): Promise<number> {
  const { port, speed, allowedHosts } = parsePracticeArgs(argv);
  let server;
  try {
    server = await startPracticeServer({ port, settings: { speed }, allowedHosts });
  } catch (err) {
    if (err instanceof PracticeServerError && err.code === 'PORT_IN_USE') {
      throw new CliUsageError(`${err.message} Pick another with --port N (0 picks a free one).`, 1);
    }
    throw err;
  }
  io.stdout(`${JSON.stringify(server.endpoints)}\n`);
  io.stderr(
    `oauth-workbench: practice server on ${server.url} (open it in a browser for the trouble switches); Ctrl+C stops it.\n`,
  );
  options.onListening?.();
  await waitForStop(options.stop);
  await server.close();
  return 0;
}

/** A `host:port` the way it arrives in a Host header: a name or IPv4 literal, or a bracketed IPv6 literal, and a port. */
const HOST_AND_PORT = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/;

function parsePracticeArgs(argv: readonly string[]): {
  port: number;
  speed: number;
  allowedHosts: string[];
} {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        speed: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        verbose: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new CliUsageError(
      `${err instanceof Error ? err.message : String(err)}. Usage: oauth-workbench practice [--port N] [--speed F]`,
    );
  }
  const port = values.port === undefined ? PRACTICE_DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliUsageError(`--port must be a port number from 0 to 65535, not "${values.port}".`);
  }
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  const problem = speedProblem(speed);
  if (problem) {
    throw new CliUsageError(`--speed "${values.speed}": ${problem}`);
  }
  const allowedHosts = values['allow-host'] ?? [];
  const bad = allowedHosts.find((host) => !HOST_AND_PORT.test(host));
  if (bad !== undefined) {
    throw new CliUsageError(`--allow-host takes HOST:PORT, e.g. 127.0.0.1:8080, not "${bad}".`);
  }
  return { port, speed, allowedHosts };
}

function waitForStop(stop: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (stop) {
      if (stop.aborted) {
        resolve();
      } else {
        stop.addEventListener('abort', () => resolve(), { once: true });
      }
      return;
    }
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
