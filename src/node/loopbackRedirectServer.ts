/**
 * The loopback redirect server: serves the registered redirect URI exactly (its port and path), on loopback only,
 * accepts exactly one valid callback, answers with static pages from `media/` that never reflect the request, and
 * closes when the flow ends, times out or is cancelled.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8252#section-7.3
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 */
import { localText } from '../core/text/localText';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  AuthorizationCallback,
  AuthorizationCallbackReceiver,
  CallbackExpectations,
  CallbackReceiverFactory,
  checkAuthorizationCallback,
} from '../core/oauth/authorizationCallback';
import { FlowDeadline } from '../core/oauth/flowDeadline';
import { AuthorizationFlowError, OAuthWorkbenchError } from '../core/oauth/oauthErrors';
import { LoopbackTarget, loopbackTargetOf } from '../core/profiles/loopbackTarget';

/** The static pages shown in the browser; read from `media/` once per server. */
interface CallbackPages {
  readonly success: string;
  readonly error: string;
  readonly invalid: string;
}

/** Options of {@link LoopbackRedirectServer.start} beyond the flow's expectations. */
export interface LoopbackRedirectServerOptions {
  /** Folder holding `oauth-callback-*.html`; found by walking up from this file when absent. */
  readonly mediaDir?: string;
  /** How long a closing server still answers the browser's request for the clean URL; default 2 s. */
  readonly closeGraceMs?: number;
  /**
   * A connection that has not sent a whole request within this time is closed (a client that connects and sends
   * nothing, or trickles its headers, must not hold the server); default 10 s. A browser sends its request at once.
   */
  readonly requestTimeoutMs?: number;
}

/** Sent with every answer: nothing is cached, sniffed, framed or allowed to run. */
const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

const PAGE_HEADERS = { ...COMMON_HEADERS, 'content-type': 'text/html; charset=utf-8' };
const TEXT_HEADERS = { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' };

/** One flow's redirect receiver; see the file comment. Create with {@link LoopbackRedirectServer.start}. */
export class LoopbackRedirectServer implements AuthorizationCallbackReceiver {
  private readonly deadline: FlowDeadline;
  private readonly result: Promise<AuthorizationCallback>;
  private settle!: {
    resolve: (cb: AuthorizationCallback) => void;
    reject: (err: OAuthWorkbenchError) => void;
  };
  private outcome: 'success' | 'error' | undefined;
  private closed = false;
  private readonly boundPort: number;

  private constructor(
    private readonly servers: readonly http.Server[],
    private readonly target: LoopbackTarget,
    private readonly expectations: CallbackExpectations,
    private readonly pages: CallbackPages,
    private readonly closeGraceMs: number,
  ) {
    this.boundPort = (servers[0].address() as net.AddressInfo).port;
    this.result = new Promise<AuthorizationCallback>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.result.catch(() => undefined);
    this.deadline = new FlowDeadline(expectations.timeoutMs, expectations.signal);
    this.deadline.expired.catch((err: OAuthWorkbenchError) => {
      this.settle.reject(err);
      this.close();
    });
    for (const server of servers) {
      server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res));
    }
  }

  /**
   * Listens on the redirect URI's loopback address(es), port and path. Rejects with `PORT_IN_USE` (and the fix) when
   * the port is taken, `REDIRECT_URI_NOT_SERVABLE` for a URI loopback cannot serve.
   */
  static async start(
    expectations: CallbackExpectations,
    options: LoopbackRedirectServerOptions = {},
  ): Promise<LoopbackRedirectServer> {
    const target = loopbackTargetOf(expectations.redirectUri);
    if (!target) {
      throw new AuthorizationFlowError(
        'REDIRECT_URI_NOT_SERVABLE',
        localText(
          'The redirect URI {0} is not a loopback http URI, so it cannot be served locally.',
          expectations.redirectUri,
        ),
        {
          fix: localText(
            'Use paste-back, or register a loopback redirect URI such as {0}.',
            'http://127.0.0.1:8765/callback',
          ),
        },
      );
    }
    const pages = readPages(options.mediaDir);
    const servers = await listenAll(target, options.requestTimeoutMs ?? 10_000);
    const server = new LoopbackRedirectServer(
      servers,
      target,
      expectations,
      pages,
      options.closeGraceMs ?? 2000,
    );
    if (expectations.signal?.aborted) {
      await server.dispose();
    }
    return server;
  }

  /** The port actually bound (differs from the URI's only when the URI says port 0, as tests do). */
  get port(): number {
    return this.boundPort;
  }

  /** The addresses the server listens on (loopback only: 127.0.0.1 and/or ::1). */
  get addresses(): readonly net.AddressInfo[] {
    return this.servers.flatMap((server) => {
      const address = server.address();
      return address !== null && typeof address === 'object' ? [address] : [];
    });
  }

  /** The redirect URI with the bound port filled in. */
  get redirectUri(): string {
    const url = new URL(this.expectations.redirectUri);
    url.port = String(this.port);
    return url.toString();
  }

  waitForCallback(): Promise<AuthorizationCallback> {
    return this.deadline.race(this.result);
  }

  /** Stops listening at once; a connection already open may still fetch the clean URL for a short grace period. */
  async dispose(): Promise<void> {
    this.settle.reject(new AuthorizationFlowError('FLOW_CANCELLED', localText('The sign-in was cancelled.')));
    this.close();
  }

  private close(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.deadline.dispose();
    for (const server of this.servers) {
      // net.Server#close stops accepting connections but, unlike http.Server#close, leaves the browser's keep-alive
      // connection open, so it can still follow the redirect to the clean URL during the grace period.
      net.Server.prototype.close.call(server);
    }
    const timer = setTimeout(
      () =>
        this.servers.forEach((server) => {
          server.closeAllConnections();
          // http.Server#close also stops the timer that enforces the request timeout.
          server.close();
        }),
      this.closeGraceMs,
    );
    timer.unref();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://loopback');
    if (!isLoopbackHostHeader(req.headers.host)) {
      // A page on another origin reaching us through DNS rebinding would carry its own host name.
      return this.page(res, 400, 'invalid');
    }
    if (url.pathname !== this.target.path) {
      res.writeHead(404, TEXT_HEADERS);
      res.end('Not found\n');
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405, { ...TEXT_HEADERS, allow: 'GET' });
      res.end('Method not allowed\n');
      return;
    }
    if (isPrefetch(req.headers)) {
      // A browser (or a link preview) fetching ahead would spend the one-time code on a page nobody sees, and the
      // real navigation would then find the server closed. Refuse it without touching the flow, and uncached.
      res.writeHead(503, { ...TEXT_HEADERS, 'retry-after': '1' });
      res.end('Not served to prefetch requests\n');
      return;
    }
    if (url.search === '' && this.outcome) {
      // The clean URL the callback redirected to: the code is gone from the address bar and from history.
      return this.page(res, 200, this.outcome === 'success' ? 'success' : 'error', { connection: 'close' });
    }
    if (this.outcome || this.closed) {
      return this.page(res, 400, 'invalid', { connection: 'close' });
    }
    const verdict = checkAuthorizationCallback(url.searchParams, this.expectations);
    if (verdict.kind === 'reject') {
      return this.page(res, 400, 'invalid');
    }
    this.outcome = verdict.kind === 'code' ? 'success' : 'error';
    res.writeHead(303, { ...COMMON_HEADERS, location: this.target.path });
    res.end();
    if (verdict.kind === 'code') {
      this.settle.resolve(verdict.callback);
    } else {
      this.settle.reject(verdict.error);
    }
    this.close();
  }

  private page(
    res: http.ServerResponse,
    status: number,
    page: keyof CallbackPages,
    extra: Record<string, string> = {},
  ): void {
    res.writeHead(status, { ...PAGE_HEADERS, ...extra });
    res.end(this.pages[page]);
  }
}

/** The {@link CallbackReceiverFactory} to pass to `signIn` in Node (CLI, VS Code desktop). */
export const startLoopbackRedirectServer: CallbackReceiverFactory = (expectations) =>
  LoopbackRedirectServer.start(expectations);

/**
 * Whether a request is a speculative fetch rather than a navigation: `Sec-Purpose: prefetch` (also
 * `prefetch;prerender`), the older `Purpose: prefetch` and `X-Purpose: preview`, and Firefox's `X-Moz: prefetch`.
 */
export function isPrefetch(headers: http.IncomingHttpHeaders): boolean {
  const tokens = (name: string): string[] => {
    const value = headers[name];
    const text = Array.isArray(value) ? value.join(',') : (value ?? '');
    return text.toLowerCase().split(/[\s,;]+/);
  };
  return (
    tokens('sec-purpose').includes('prefetch') ||
    tokens('purpose').some((t) => t === 'prefetch' || t === 'preview') ||
    tokens('x-purpose').some((t) => t === 'prefetch' || t === 'preview') ||
    tokens('x-moz').includes('prefetch')
  );
}

function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) {
    return false;
  }
  const name = host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
}

async function listenAll(target: LoopbackTarget, requestTimeoutMs: number): Promise<http.Server[]> {
  const servers: http.Server[] = [];
  let port = target.port;
  try {
    for (const host of target.hosts) {
      const server = http.createServer({
        keepAliveTimeout: 5000,
        headersTimeout: requestTimeoutMs,
        requestTimeout: requestTimeoutMs,
        // How often Node looks for connections past those timeouts (its default, 30 s, would let them linger).
        connectionsCheckingInterval: Math.max(50, Math.min(1000, requestTimeoutMs / 2)),
      });
      try {
        await listen(server, host, port);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // `localhost` on a machine without IPv6: the IPv4 socket is enough.
        if (servers.length > 0 && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) {
          continue;
        }
        throw bindError(err, host, port);
      }
      servers.push(server);
      port = (server.address() as { port: number }).port;
    }
  } catch (err) {
    servers.forEach((server) => server.close());
    throw err;
  }
  return servers;
}

function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function bindError(err: unknown, host: string, port: number): AuthorizationFlowError {
  const code = (err as NodeJS.ErrnoException).code;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (code === 'EADDRINUSE') {
    return new AuthorizationFlowError(
      'PORT_IN_USE',
      localText('Port {0} on {1} is already in use, so the redirect cannot be received.', port, where),
      {
        cause: err,
        fix: localText(
          'Stop the program using port {0} (perhaps another sign-in still waiting) and try again, or register another loopback port at the provider and put it in the profile’s redirect URI.',
          port,
        ),
      },
    );
  }
  return new AuthorizationFlowError(
    'LOOPBACK_BIND_FAILED',
    localText('Cannot listen on {0} ({1}).', where, code ?? localText('unknown error')),
    {
      cause: err,
      fix:
        code === 'EACCES'
          ? localText('Register a redirect URI with a port above 1024 (lower ports need privileges).')
          : undefined,
    },
  );
}

function readPages(mediaDir: string | undefined): CallbackPages {
  const dir = mediaDir ?? findMediaDir(__dirname);
  const read = (name: string) => fs.readFileSync(path.join(dir, `oauth-callback-${name}.html`), 'utf8');
  return { success: read('success'), error: read('error'), invalid: read('invalid') };
}

// The bundle (dist/), the compiled tests (out/run-*/src/node/) and the sources sit at different depths below the root.
function findMediaDir(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'media');
    if (fs.existsSync(path.join(candidate, 'oauth-callback-success.html'))) {
      return candidate;
    }
    if (path.dirname(dir) === dir) {
      throw new AuthorizationFlowError(
        'LOOPBACK_BIND_FAILED',
        localText('The sign-in pages ({0}) are missing.', 'media/oauth-callback-*.html'),
      );
    }
  }
}
