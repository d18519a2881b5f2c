/**
 * The connections to a proxy: an https target through an HTTP CONNECT tunnel (TLS to the target inside it, so the
 * proxy sees only the host name), an http target as an absolute-form request to the proxy. Both pool their sockets.
 */
import { localText } from '../../core/text/localText';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { HttpRequestError } from '../../core/oauth/oauthErrors';
import type { ProxyServer } from './proxyRoute';

/** The code of an error met while reaching the proxy or opening the tunnel (the socket error is its `cause`). */
export const PROXY_CONNECT_FAILED = 'WB_PROXY_CONNECT';

/** Request option that hands the request's abort signal to the tunnel it waits for. */
export const TUNNEL_SIGNAL = 'workbenchTunnelSignal';

/**
 * Starts a request with Node's ClientRequest rather than `http.request` / `https.request`: VS Code's extension host
 * replaces those two functions for extensions (its own proxy support) and, for a host other than localhost, drops the
 * agent given, and with it the profile's proxy, client certificate, CA and certificate-check setting.
 */
export function startRequest(options: https.RequestOptions, secure: boolean): http.ClientRequest {
  return new http.ClientRequest({
    ...options,
    protocol: secure ? 'https:' : 'http:',
    // What https.request adds: the agent type to build for `agent: false`, and the default port.
    _defaultAgent: secure ? https.globalAgent : http.globalAgent,
  } as http.ClientRequestArgs);
}

/** Keeps idle sockets for `idleMs` only, and never times out a socket while a request uses it. */
export function expireIdleSockets<T extends http.Agent>(agent: T, idleMs: number): T {
  // Node's keepSocketAlive answers whether the socket may be kept (its typing says void).
  const keep = agent.keepSocketAlive.bind(agent) as (socket: Duplex) => boolean | undefined;
  const reuse = agent.reuseSocket.bind(agent);
  agent.keepSocketAlive = (socket) => {
    const kept = keep(socket);
    if (kept !== false) {
      // The agent destroys a free socket when it times out.
      (socket as net.Socket).setTimeout(idleMs);
    }
    return kept;
  };
  agent.reuseSocket = (socket, request) => {
    (socket as net.Socket).setTimeout(0);
    reuse(socket, request);
  };
  return agent;
}

/** An https agent whose sockets are TLS connections to the target inside CONNECT tunnels through `proxy`. */
export class TunnelAgent extends https.Agent {
  private readonly pending = new Set<http.ClientRequest>();

  constructor(
    private readonly proxy: ProxyServer,
    /** TLS options for an https:// proxy itself (CA, certificate checks); the target's are the agent's options. */
    private readonly proxyTls: tls.ConnectionOptions,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(
    options: http.ClientRequestArgs & tls.ConnectionOptions & { readonly [TUNNEL_SIGNAL]?: AbortSignal },
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const host = options.hostname ?? options.host ?? 'localhost';
    const authority = `${net.isIPv6(host) ? `[${host}]` : host}:${options.port ?? 443}`;
    this.openTunnel(authority, options[TUNNEL_SIGNAL]).then(
      (raw) => {
        const socket = tls.connect({
          secureContext: options.secureContext,
          rejectUnauthorized: options.rejectUnauthorized,
          // The name the certificate is checked against; no SNI for an IP address.
          host,
          servername: options.servername || undefined,
          socket: raw,
        });
        callback?.(null, socket);
      },
      (err: Error) => callback?.(err, undefined as unknown as Duplex),
    );
    return undefined;
  }

  override destroy(): void {
    this.pending.forEach((request) => request.destroy());
    this.pending.clear();
    super.destroy();
  }

  /** Sends CONNECT to the proxy; resolves with the tunnel's socket once the proxy answers 200. */
  private openTunnel(authority: string, signal: AbortSignal | undefined): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { host: authority };
      if (this.proxy.authorization) {
        headers['proxy-authorization'] = this.proxy.authorization;
      }
      const options: https.RequestOptions = {
        method: 'CONNECT',
        hostname: this.proxy.hostname,
        port: this.proxy.port,
        path: authority,
        headers,
        agent: false,
        ...(signal ? { signal } : {}),
      };
      const request =
        this.proxy.protocol === 'https:'
          ? startRequest({ ...options, ...this.proxyTls, servername: serverName(this.proxy.hostname) }, true)
          : startRequest(options, false);
      this.pending.add(request);
      request.once('connect', (response: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
        this.pending.delete(request);
        if (response.statusCode !== 200) {
          socket.destroy();
          reject(proxyRefused(authority, response.statusCode));
          return;
        }
        if (head.length > 0) {
          socket.unshift(head);
        }
        resolve(socket);
      });
      request.once('error', (err) => {
        this.pending.delete(request);
        reject(proxyConnectFailed(err));
      });
      request.end();
    });
  }
}

/** An agent for absolute-form requests to an http:// or https:// proxy (one per proxy). */
export function forwardingAgent(proxy: ProxyServer, proxyTls: tls.ConnectionOptions): http.Agent {
  return proxy.protocol === 'https:'
    ? new https.Agent({ keepAlive: true, ...proxyTls, servername: serverName(proxy.hostname) })
    : new http.Agent({ keepAlive: true });
}

/** The proxy answered, but not with a tunnel (or, for an http target, with 407). */
export function proxyRefused(target: string, status: number | undefined): HttpRequestError {
  return new HttpRequestError(
    'HTTP_PROXY',
    status
      ? localText('The proxy refused the connection to {0} (status {1}).', target, status)
      : localText('The proxy refused the connection to {0}.', target),
    {
      fix:
        status === 407
          ? localText(
              'Add the proxy user name and password to the proxy URL ({0}) of the profile’s proxy, http.proxy or HTTPS_PROXY.',
              'http://user:password@proxy:port',
            )
          : localText(
              'Edit the proxy URL and credentials (the profile’s proxy, http.proxy, or HTTPS_PROXY / NO_PROXY).',
            ),
    },
  );
}

function proxyConnectFailed(cause: Error): Error {
  return Object.assign(new Error(`Cannot reach the proxy: ${cause.message}`, { cause }), {
    code: PROXY_CONNECT_FAILED,
  });
}

/**
 * The TLS server name for a host: '' (no SNI) for an IP address, which TLS does not allow as a name. Given explicitly,
 * since Node would otherwise take it from the Host header, which names the target, not the proxy.
 */
export function serverName(hostname: string): string {
  return net.isIP(hostname) ? '' : hostname;
}
