/**
 * The practice server over Node's `http`: binds 127.0.0.1 only, reads each request, asks the pure state machine
 * (`src/core/practice/practiceAuthorizationServer.ts`) what to answer, and writes it. Started by
 * `oauth-workbench practice`, by `npm start` and by the VS Code command `oauthWorkbench.startPracticeServer`.
 *
 * A web page can reach a loopback port too, so the server guards itself: it answers only requests whose `Host` is
 * its own loopback address (a page on a rebound DNS name sends that name), refuses a body over 64 KB before reading
 * it, and gives up on clients that send headers or bodies too slowly.
 */
import { asLocalText, type LocalText, localText, renderText, type UserText } from '../../core/text/localText';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { PracticeAuthorizationServer } from '../../core/practice/practiceAuthorizationServer';
import { PracticeResponse } from '../../core/practice/practiceResponses';
import {
  PRACTICE_DEFAULT_SETTINGS,
  PracticeEndpoints,
  PracticeSettings,
  speedProblem,
} from '../../core/practice/practiceSettings';
import {
  findPracticeMediaDir,
  PRACTICE_STYLESHEET,
  PracticePageLanguage,
  PracticePageRenderer,
} from './practicePages';

/** Options of {@link startPracticeServer}. */
export interface PracticeServerOptions extends PracticePageLanguage {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Overrides of the registered client and the speed factor. */
  readonly settings?: Partial<PracticeSettings>;
  /** Epoch milliseconds; for tests that move time. */
  readonly now?: () => number;
  /** Folder with the page templates; found next to the code by default. */
  readonly mediaDir?: string;
  /**
   * Extra `host:port` values accepted in the `Host` header besides `127.0.0.1`, `localhost` and `[::1]` with the
   * server's port: for a trusted proxy in front of it that keeps its own `Host` (code-server's /proxy/PORT/).
   */
  readonly allowedHosts?: readonly string[];
  /** Limits for slow clients; the defaults suit people and REST clients, tests shorten them. */
  readonly timeouts?: Partial<PracticeTimeouts>;
}

/** How long a client may take: to send all headers, and to send the whole request. */
export interface PracticeTimeouts {
  readonly headersMs: number;
  readonly requestMs: number;
}

const DEFAULT_TIMEOUTS: PracticeTimeouts = { headersMs: 10_000, requestMs: 30_000 };

/** Why the practice server could not start; `code` is stable. */
export class PracticeServerError extends Error {
  /** The message as a sentence to render in the user's language (`message` is its English). */
  public readonly text: LocalText;

  constructor(
    public readonly code: 'PORT_IN_USE' | 'PRACTICE_LISTEN_FAILED' | 'PRACTICE_SETTINGS_INVALID',
    message: UserText,
    options?: { cause?: unknown },
  ) {
    const text = asLocalText(message);
    super(renderText(text), options);
    this.name = 'PracticeServerError';
    this.text = text;
  }
}

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 64 * 1024;

/** A running practice server; `close()` stops it and ends open connections. */
export interface PracticeServer {
  readonly url: string;
  readonly port: number;
  readonly endpoints: PracticeEndpoints;
  /** The state machine, for callers in the same process (the VS Code command, tests). */
  readonly authorizationServer: PracticeAuthorizationServer;
  /**
   * Also accepts `host:port` as `Host`, for a trusted proxy that forwards to this server under its own address (the
   * remote window's port forwarding, code-server's /proxy/PORT/). Only callers in this process can do this.
   */
  allowHost(hostAndPort: string): void;
  close(): Promise<void>;
}

/** Starts the practice server on 127.0.0.1 and resolves once it listens. */
export async function startPracticeServer(options: PracticeServerOptions = {}): Promise<PracticeServer> {
  const settings: PracticeSettings = { ...PRACTICE_DEFAULT_SETTINGS, ...options.settings };
  const problem = speedProblem(settings.speed);
  if (problem) {
    throw new PracticeServerError('PRACTICE_SETTINGS_INVALID', problem);
  }
  const renderer = new PracticePageRenderer(options.mediaDir ?? findPracticeMediaDir(), {
    translate: options.translate,
    language: options.language,
  });
  // The state machine needs the listening port (for its own URLs), so it is created after listen().
  const ready: { machine?: PracticeAuthorizationServer; hosts?: Set<string> } = {};
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const server = http.createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // Node checks both timeouts on this interval (30 s by default), so it must be shorter than they are.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, timeouts.headersMs / 4)),
    },
    (req, res) => {
      const { machine, hosts } = ready;
      if (!machine || !hosts) {
        res.writeHead(503).end();
        return;
      }
      if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
        refuse(res, 403, 'This server answers only at its own loopback address.');
        return;
      }
      void serve(machine, renderer, settings, req, res);
    },
  );
  // Short keep-alive, so clients and tests are not held up by idle sockets.
  server.keepAliveTimeout = 1000;
  const port = await listen(server, options.port ?? 0);
  const url = `http://${HOST}:${port}`;
  const authorizationServer = new PracticeAuthorizationServer({ settings, baseUrl: url, now: options.now });
  ready.hosts = new Set(
    [`${HOST}:${port}`, `localhost:${port}`, `[::1]:${port}`, ...(options.allowedHosts ?? [])].map((host) =>
      host.toLowerCase(),
    ),
  );
  ready.machine = authorizationServer;
  return {
    url,
    port,
    endpoints: authorizationServer.endpoints,
    authorizationServer,
    allowHost: (hostAndPort) => ready.hosts?.add(hostAndPort.toLowerCase()),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new PracticeServerError(
              'PORT_IN_USE',
              localText('Port {0} on {1} is in use, so the practice server cannot start there.', port, HOST),
              { cause: err },
            )
          : new PracticeServerError(
              'PRACTICE_LISTEN_FAILED',
              localText(
                'The practice server could not listen on {0} ({1}).',
                `${HOST}:${port}`,
                err.code ?? err.message,
              ),
              {
                cause: err,
              },
            ),
      );
    };
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function serve(
  machine: PracticeAuthorizationServer,
  renderer: PracticePageRenderer,
  settings: PracticeSettings,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    // Pages link the stylesheet relatively, so they also work behind a path prefix (code-server's /proxy/PORT/).
    if (req.method === 'GET' && url.pathname.endsWith(`/${PRACTICE_STYLESHEET}`)) {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(renderer.stylesheet);
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const body = declared > MAX_BODY_BYTES ? undefined : await readBody(req);
    if (body === undefined) {
      // Answer at once and close the connection instead of reading the rest.
      refuse(res, 413, 'The request body is larger than this server accepts.');
      req.destroy();
      return;
    }
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const response = await machine.handle({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers,
      body,
    });
    write(res, response, renderer, settings);
  } catch {
    // Never a stack or request data in the answer.
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'application/json' });
    }
    res.end('{"error":"server_error"}');
  }
}

function write(
  res: http.ServerResponse,
  response: PracticeResponse,
  renderer: PracticePageRenderer,
  settings: PracticeSettings,
): void {
  switch (response.kind) {
    case 'json':
      res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
      res.end(JSON.stringify(response.body));
      return;
    case 'redirect':
      res.writeHead(response.status, { location: response.location, 'cache-control': 'no-store' });
      res.end();
      return;
    case 'empty':
      res.writeHead(response.status, { 'cache-control': 'no-store' });
      res.end();
      return;
    case 'page': {
      const redirectOrigin = new URL(settings.redirect_uri).origin;
      res.writeHead(response.status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on the pages' own form posts.
        'referrer-policy': 'same-origin',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        // No script, no remote asset; forms post to this server, whose answer may redirect to the registered URI.
        'content-security-policy': `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' ${redirectOrigin}; frame-ancestors 'none'; base-uri 'none'`,
      });
      res.end(renderer.render(response.page));
      return;
    }
  }
}

/** A short JSON refusal that also closes the connection, so nothing more of the request is read. */
function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ error: 'invalid_request', error_description: message }));
}

/** The body, or `undefined` as soon as it grows past the limit (a chunked body declares no length). */
function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.pause();
        resolve(undefined);
      } else {
        chunks.push(chunk);
      }
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
