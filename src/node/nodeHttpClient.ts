/**
 * The {@link HttpClient} port over Node's `http` and `https`: a whole-request timeout, a proxy (explicit setting,
 * else HTTPS_PROXY / HTTP_PROXY / NO_PROXY; CONNECT tunnels for https targets), mutual TLS and an extra CA, a 5 MB
 * body limit, no redirects followed, and transport failures as typed errors.
 */
import { localText } from '../core/text/localText';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import * as tls from 'node:tls';
import {
  ConnectionSettings,
  HttpClient,
  HttpClientFactory,
  HttpRequest,
  HttpResponse,
} from '../core/oauth/httpClient';
import { HttpRequestError } from '../core/oauth/oauthErrors';
import { ProxyRoutes, ProxyServer } from './http/proxyRoute';
import {
  expireIdleSockets,
  forwardingAgent,
  proxyRefused,
  serverName,
  startRequest,
  TUNNEL_SIGNAL,
  TunnelAgent,
} from './http/proxyTunnel';
import { secureContextFor, TlsMaterial } from './http/secureContexts';
import { loadSystemStore, SystemStore, trustedCertificates } from './http/systemCertificates';
import { ExchangeState, transportError } from './http/transportError';

/** Options of {@link NodeHttpClient}. */
export interface NodeHttpClientOptions {
  /** Whole-request timeout (connect, headers and body); default 30 s. */
  readonly timeoutMs?: number;
  /** Explicit proxy URL; wins over the environment. */
  readonly proxy?: string;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read (either case); default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** mTLS client certificate and key, extra CA bundle (PEM file paths). */
  readonly tls?: ConnectionSettings['tls'];
  /** Idle keep-alive; short by default so tools and tests exit promptly. */
  readonly keepAliveTimeoutMs?: number;
  /** Verify server certificates (default); false only when the user turned VS Code's `http.proxyStrictSSL` off. */
  readonly rejectUnauthorized?: boolean;
  /** Also trust the operating system's certificate store, unless `tls` names a CA bundle (default false). */
  readonly systemCertificates?: boolean;
  /** Where the system store comes from; default this machine's, read once per process. */
  readonly systemStore?: () => SystemStore;
  /** Resolves host names instead of the system resolver (split-horizon setups, tests); proxied targets are resolved by the proxy. */
  readonly lookup?: net.LookupFunction;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Progress of one exchange, for the error mapping. */
type Progress = { -readonly [K in 'answered' | 'reusedSocket']?: boolean };

/** An {@link HttpClient} for one set of connection settings; `close()` releases its sockets. */
export class NodeHttpClient implements HttpClient {
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly material: TlsMaterial;
  private readonly rejectUnauthorized: boolean;
  private readonly targetTls: tls.ConnectionOptions;
  private proxyContext: tls.SecureContext | undefined;
  private readonly routes: ProxyRoutes;
  private readonly lookup: net.LookupFunction | undefined;
  private readonly agents = new Map<string, http.Agent>();

  constructor(options: NodeHttpClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.idleMs = options.keepAliveTimeoutMs ?? 1000;
    const rejectUnauthorized = options.rejectUnauthorized !== false;
    this.material = tlsMaterial(
      options.tls,
      options.systemCertificates === true,
      options.systemStore ?? loadSystemStore,
    );
    this.rejectUnauthorized = rejectUnauthorized;
    this.targetTls = { secureContext: secureContextFor(this.material), rejectUnauthorized };
    this.routes = new ProxyRoutes({ proxy: options.proxy, env: options.env ?? process.env });
    this.lookup = options.lookup;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const progress: Progress = {};
    let viaProxy: ExchangeState['viaProxy'];
    try {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new HttpRequestError(
          'HTTP_NETWORK',
          localText('Only http:// and https:// URLs can be requested ({0}).', url.protocol),
          {
            fix: localText('Edit the URL so it starts with http:// or https://.'),
          },
        );
      }
      const proxy = this.routes.routeFor(url);
      viaProxy = proxy ? (url.protocol === 'https:' ? 'tunnel' : 'forward') : undefined;
      return await this.exchange(url, req, proxy, signal, progress);
    } catch (err) {
      throw transportError(err, url, {
        timedOut: timeout.aborted,
        cancelled: req.signal?.aborted === true,
        viaProxy,
        ...progress,
      });
    }
  }

  close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    agents.forEach((agent) => agent.destroy());
    return Promise.resolve();
  }

  /** One request and its whole answer; rejects with the raw error, which {@link send} maps. */
  private exchange(
    url: URL,
    req: HttpRequest,
    proxy: ProxyServer | undefined,
    signal: AbortSignal,
    progress: Progress,
  ): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      signal.throwIfAborted();
      const request = this.open(url, req, proxy, signal);
      let response: http.IncomingMessage | undefined;
      let settled = false;
      const fail = (err: unknown) => {
        if (!settled) {
          settled = true;
          signal.removeEventListener('abort', onAbort);
          request.destroy();
          response?.destroy();
          reject(err);
        }
      };
      const onAbort = () => fail(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      request.once('socket', () => (progress.reusedSocket = request.reusedSocket));
      request.on('error', fail);
      request.once('response', (res: http.IncomingMessage) => {
        response = res;
        progress.answered = true;
        if (proxy && url.protocol === 'http:' && res.statusCode === 407) {
          fail(proxyRefused(url.host, 407));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            fail(
              new HttpRequestError(
                'HTTP_UNEXPECTED_RESPONSE',
                localText('The response body is larger than 5 MB.'),
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', fail);
        res.once('end', () => {
          if (!settled) {
            settled = true;
            signal.removeEventListener('abort', onAbort);
            resolve({
              status: res.statusCode ?? 0,
              headers: flattenHeaders(res.headersDistinct),
              body: Buffer.concat(chunks).toString('utf8'),
            });
          }
        });
      });
      request.end(req.body);
    });
  }

  /** The request, directly, through a CONNECT tunnel (https target) or in absolute form to the proxy (http target). */
  private open(
    url: URL,
    req: HttpRequest,
    proxy: ProxyServer | undefined,
    signal: AbortSignal,
  ): http.ClientRequest {
    const target = {
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
    };
    if (!proxy) {
      const secure = url.protocol === 'https:';
      const options = {
        ...target,
        method: req.method,
        headers: req.headers,
        agent: this.directAgent(secure),
      };
      const withLookup = this.lookup ? { ...options, lookup: this.lookup } : options;
      return startRequest(withLookup, secure);
    }
    if (url.protocol === 'https:') {
      const options = { ...target, method: req.method, headers: req.headers, agent: this.tunnelAgent(proxy) };
      return startRequest({ ...options, [TUNNEL_SIGNAL]: signal } as https.RequestOptions, true);
    }
    const headers: Record<string, string> = { host: url.host, ...req.headers };
    if (proxy.authorization) {
      headers['proxy-authorization'] = proxy.authorization;
    }
    const options = {
      hostname: proxy.hostname,
      port: proxy.port,
      servername: serverName(proxy.hostname),
      path: url.href.replace(/#.*$/, ''),
      method: req.method,
      headers,
      agent: this.agent(`forward ${proxy.protocol}//${proxy.host}`, () =>
        forwardingAgent(proxy, this.proxyTls),
      ),
    };
    return startRequest(options, proxy.protocol === 'https:');
  }

  private directAgent(secure: boolean): http.Agent {
    return secure
      ? this.agent('https', () => new https.Agent({ keepAlive: true, ...this.targetTls }))
      : this.agent('http', () => new http.Agent({ keepAlive: true }));
  }

  private tunnelAgent(proxy: ProxyServer): http.Agent {
    return this.agent(
      `tunnel ${proxy.protocol}//${proxy.host} ${proxy.authorization ?? ''}`,
      () => new TunnelAgent(proxy, this.proxyTls, { keepAlive: true, ...this.targetTls }),
    );
  }

  /** TLS to an https:// proxy: the same trust as the targets, no client certificate. */
  private get proxyTls(): tls.ConnectionOptions {
    this.proxyContext ??= secureContextFor({ ca: this.material.ca });
    return { secureContext: this.proxyContext, rejectUnauthorized: this.rejectUnauthorized };
  }

  private agent(key: string, create: () => http.Agent): http.Agent {
    let agent = this.agents.get(key);
    if (!agent) {
      agent = expireIdleSockets(create(), this.idleMs);
      this.agents.set(key, agent);
    }
    return agent;
  }
}

/**
 * Hands out one {@link NodeHttpClient} per distinct proxy / mTLS / CA combination, so profiles that share settings
 * share sockets. Pass `factory.forSettings` where an {@link HttpClientFactory} is wanted; `close()` on shutdown.
 */
export class NodeHttpClientFactory {
  private readonly clients = new Map<string, NodeHttpClient>();

  constructor(private readonly defaults: Omit<NodeHttpClientOptions, 'proxy' | 'tls'> = {}) {}

  readonly forSettings: HttpClientFactory = (settings) => {
    const strict = settings.rejectUnauthorized !== false;
    const system = settings.systemCertificates === true;
    const key = JSON.stringify([settings.proxy ?? '', settings.tls ?? {}, strict, system]);
    let client = this.clients.get(key);
    if (!client) {
      client = new NodeHttpClient({
        ...this.defaults,
        proxy: settings.proxy,
        tls: settings.tls,
        ...(strict ? {} : { rejectUnauthorized: false }),
        systemCertificates: system,
      });
      this.clients.set(key, client);
    }
    return client;
  };

  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((client) => client.close()));
  }
}

/** The profile's certificate and key, and the CA list it trusts (undefined: Node's bundled roots). */
function tlsMaterial(
  settings: ConnectionSettings['tls'],
  systemCertificates: boolean,
  systemStore: () => SystemStore,
): TlsMaterial {
  let cert: Buffer | undefined;
  let key: Buffer | undefined;
  let profileCa: string | undefined;
  try {
    if (settings?.clientCertificatePath) {
      cert = fs.readFileSync(settings.clientCertificatePath);
    }
    if (settings?.clientKeyPath) {
      key = fs.readFileSync(settings.clientKeyPath);
    }
    if (settings?.caBundlePath) {
      profileCa = fs.readFileSync(settings.caBundlePath, 'utf8');
    }
  } catch (err) {
    throw new HttpRequestError(
      'HTTP_TLS',
      localText('A TLS file of the profile (certificate, key or CA bundle) cannot be read.'),
      {
        cause: err,
        fix: localText(
          'Edit the profile so its certificate, key and CA bundle paths point at readable PEM files.',
        ),
      },
    );
  }
  // Added to Node's roots rather than replacing them, so public endpoints keep working.
  const ca = trustedCertificates({ profileCa, systemCertificates }, systemStore);
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

function flattenHeaders(headers: Record<string, string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      out[name.toLowerCase()] = value.join(', ');
    }
  }
  return out;
}
