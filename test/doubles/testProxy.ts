import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';

/** Taken at load, so a test that replaces http.request (as VS Code's extension host does) leaves the proxy working. */
const upstreamRequest = http.request;

/** One request a {@link TestProxy} saw: a CONNECT tunnel or an absolute-form request, and its credentials. */
export interface ProxiedRequest {
  readonly kind: 'CONNECT' | 'forward';
  /** `host:port` of the target, as the client named it. */
  readonly target: string;
  /** The Proxy-Authorization header, if any. */
  readonly authorization?: string;
}

/** A forward proxy on 127.0.0.1 (what corporate networks run); a hand-written peer, since none is given to us offline. */
export interface TestProxy {
  readonly url: string;
  readonly port: number;
  readonly seen: ProxiedRequest[];
  /** The target host:port of every request, CONNECT or forwarded. */
  readonly targets: () => string[];
  close(): Promise<void>;
}

export interface TestProxyOptions {
  /** Answer 407 unless the request carries exactly this Proxy-Authorization. */
  readonly requireAuthorization?: string;
  /** Where a target is connected; default: 127.0.0.1 at the target's port (so names need no DNS). */
  readonly upstreamPort?: (target: URL) => number;
  /** Serve the proxy itself over TLS (an https:// proxy) with this certificate and key. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

/**
 * Tunnels CONNECT requests and forwards absolute-form requests, connecting every target to 127.0.0.1 at the target's
 * own port (or `upstreamPort`): no traffic leaves the machine whatever name the client asks for.
 */
export async function startTestProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const seen: ProxiedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
  };
  const portOf = (target: URL) => options.upstreamPort?.(target) ?? Number(target.port || 80);
  const refused = (authorization: string | undefined) =>
    options.requireAuthorization !== undefined && authorization !== options.requireAuthorization;
  const handle: http.RequestListener = (req, res) => {
    const authorization = req.headers['proxy-authorization'];
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    seen.push({ kind: 'forward', target: target.host, ...(authorization ? { authorization } : {}) });
    if (refused(authorization)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = upstreamRequest(
      {
        host: '127.0.0.1',
        port: portOf(target),
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers,
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  };
  const server = options.tls
    ? https.createServer({ ...options.tls, keepAliveTimeout: 200 }, handle)
    : http.createServer({ keepAliveTimeout: 200 }, handle);
  server.on('connection', track);
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const authorization = req.headers['proxy-authorization'];
    seen.push({ kind: 'CONNECT', target: req.url ?? '', ...(authorization ? { authorization } : {}) });
    if (refused(authorization)) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n',
      );
      return;
    }
    const upstream = net.connect(portOf(new URL(`http://${req.url}`)), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    track(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    seen,
    targets: () => seen.map((request) => request.target),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
