/**
 * A token endpoint on 127.0.0.1:0 whose answer each test chooses: a normal token response, an OAuth error, or a
 * transport fault (a stall, a reset in the middle of the body, HTML, broken JSON). Counts the requests and stops every
 * socket and timer it started on `close()`, so a test that ends leaves nothing running.
 */
import * as http from 'node:http';
import * as net from 'node:net';

/** What the endpoint does with one request: write the answer (or not) on `res`. */
export type TokenEndpointBehaviour = (
  res: http.ServerResponse,
  request: {
    readonly body: URLSearchParams;
    readonly number: number;
    readonly headers?: Readonly<Record<string, string | string[] | undefined>>;
  },
) => void;

/** A running endpoint. */
export interface FaultyTokenEndpoint {
  readonly url: string;
  /** Replaces what the endpoint does from the next request on. */
  behave(behaviour: TokenEndpointBehaviour): void;
  requests(): number;
  /** Schedules a timer that `close()` clears (for stalls that must not outlive the test). */
  later(ms: number, run: () => void): void;
  close(): Promise<void>;
}

/** A JSON answer. */
export function answerJson(status: number, body: unknown): TokenEndpointBehaviour {
  return (res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

/** A successful refresh answer: new tokens numbered after the request. */
export const answerTokens: TokenEndpointBehaviour = (res, { number }) =>
  answerJson(200, {
    access_token: `access-${number}`,
    token_type: 'Bearer',
    expires_in: 3600,
    refresh_token: `refresh-${number}`,
  })(res, { body: new URLSearchParams(), number });

/** Starts the endpoint; it answers with {@link answerTokens} until told otherwise. */
export async function startFaultyTokenEndpoint(): Promise<FaultyTokenEndpoint> {
  let behaviour: TokenEndpointBehaviour = answerTokens;
  let count = 0;
  const sockets = new Set<net.Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server = http.createServer({ keepAliveTimeout: 200 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      behaviour(res, {
        body: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
        number: ++count,
        headers: req.headers,
      }),
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/token`,
    behave: (next) => {
      behaviour = next;
    },
    requests: () => count,
    later: (ms, run) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, ms);
      timers.add(timer);
    },
    close: async () => {
      timers.forEach((timer) => clearTimeout(timer));
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        sockets.forEach((socket) => socket.destroy());
      });
    },
  };
}
