/**
 * The {@link HttpClient} port over undici: per-request timeout, proxy (explicit setting, else HTTPS_PROXY / HTTP_PROXY
 * / NO_PROXY), mutual TLS and a custom CA through an undici Agent, and transport failures as typed errors.
 *
 * @see https://undici.nodejs.org/#/docs/api/ProxyAgent
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { Agent, Dispatcher, EnvHttpProxyAgent, ProxyAgent, request } from 'undici';
import {
  ConnectionSettings,
  HttpClient,
  HttpClientFactory,
  HttpRequest,
  HttpResponse,
} from '../core/oauth/httpClient';
import { AuthorizationFlowError, HttpRequestError, OAuthWorkbenchError } from '../core/oauth/oauthErrors';
import { isLoopbackUrl } from '../core/profiles/clientProfile';

/** Options of {@link UndiciHttpClient}. */
export interface UndiciHttpClientOptions {
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
  /** Resolves host names instead of the system resolver (split-horizon setups, tests); proxied targets are resolved by the proxy. */
  readonly lookup?: net.LookupFunction;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** An {@link HttpClient} for one set of connection settings; `close()` releases its sockets. */
export class UndiciHttpClient implements HttpClient {
  private readonly direct: Agent;
  private readonly proxied: Dispatcher | undefined;
  private readonly timeoutMs: number;

  constructor(options: UndiciHttpClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const connect = { ...tlsOptions(options.tls), rejectUnauthorized: options.rejectUnauthorized !== false };
    const common = {
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 1000,
      keepAliveMaxTimeout: options.keepAliveTimeoutMs ?? 1000,
      connect: { ...connect, timeout: this.timeoutMs, lookup: options.lookup },
    };
    this.direct = new Agent(common);
    const env = options.env ?? process.env;
    const httpsProxy = env.HTTPS_PROXY ?? env.https_proxy;
    const httpProxy = env.HTTP_PROXY ?? env.http_proxy;
    if (options.proxy) {
      this.proxied = new ProxyAgent({ ...common, uri: options.proxy, requestTls: connect });
    } else if (httpsProxy || httpProxy) {
      this.proxied = new EnvHttpProxyAgent({
        ...common,
        requestTls: connect,
        httpProxy: httpProxy ?? '',
        httpsProxy: httpsProxy ?? httpProxy ?? '',
        noProxy: env.NO_PROXY ?? env.no_proxy ?? '',
      });
    }
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    // An authorization server on loopback is never reached through a proxy.
    const dispatcher = this.proxied && !isLoopbackUrl(url) ? this.proxied : this.direct;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    try {
      const response = await request(url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher,
        signal,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const body = await readBody(response.body);
      return { status: response.statusCode, headers: flattenHeaders(response.headers), body };
    } catch (err) {
      throw transportError(err, url, {
        timedOut: timeout.aborted,
        cancelled: req.signal?.aborted === true,
        viaProxy: dispatcher !== this.direct,
      });
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.direct.close(), this.proxied?.close()]);
  }
}

/**
 * Hands out one {@link UndiciHttpClient} per distinct proxy / mTLS / CA combination, so profiles that share settings
 * share sockets. Pass `factory.forSettings` where an {@link HttpClientFactory} is wanted; `close()` on shutdown.
 */
export class UndiciHttpClientFactory {
  private readonly clients = new Map<string, UndiciHttpClient>();

  constructor(private readonly defaults: Omit<UndiciHttpClientOptions, 'proxy' | 'tls'> = {}) {}

  readonly forSettings: HttpClientFactory = (settings) => {
    const strict = settings.rejectUnauthorized !== false;
    const key = JSON.stringify([settings.proxy ?? '', settings.tls ?? {}, strict]);
    let client = this.clients.get(key);
    if (!client) {
      client = new UndiciHttpClient({
        ...this.defaults,
        proxy: settings.proxy,
        tls: settings.tls,
        ...(strict ? {} : { rejectUnauthorized: false }),
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

function tlsOptions(settings: ConnectionSettings['tls']): tls.ConnectionOptions {
  if (!settings) {
    return {};
  }
  const options: tls.ConnectionOptions = {};
  try {
    if (settings.clientCertificatePath) {
      options.cert = fs.readFileSync(settings.clientCertificatePath);
    }
    if (settings.clientKeyPath) {
      options.key = fs.readFileSync(settings.clientKeyPath);
    }
    if (settings.caBundlePath) {
      // Add to the system roots rather than replace them, so public endpoints keep working.
      options.ca = [...tls.rootCertificates, fs.readFileSync(settings.caBundlePath, 'utf8')];
    }
  } catch (err) {
    throw new HttpRequestError(
      'HTTP_TLS',
      'A TLS file of the profile (certificate, key or CA bundle) cannot be read.',
      {
        cause: err,
        fix: 'Edit the profile so its certificate, key and CA bundle paths point at readable PEM files.',
      },
    );
  }
  return options;
}

async function readBody(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw new HttpRequestError('HTTP_UNEXPECTED_RESPONSE', 'The response body is larger than 5 MB.');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return out;
}

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO|ERR_OSSL_)/;

/** Maps a transport failure (undici or Node socket error, possibly nested in `cause`) to a typed error. */
export function transportError(
  err: unknown,
  url: URL,
  state: { readonly timedOut: boolean; readonly cancelled: boolean; readonly viaProxy?: boolean },
): OAuthWorkbenchError {
  if (err instanceof OAuthWorkbenchError) {
    return err;
  }
  const target = url.host;
  if (state.cancelled) {
    return new AuthorizationFlowError('FLOW_CANCELLED', 'The request was cancelled.', { cause: err });
  }
  const codes = errorCodes(err);
  const has = (test: (code: string) => boolean) => codes.some(test);
  if (state.timedOut || has((c) => /TIMEOUT|ETIMEDOUT/.test(c))) {
    return new HttpRequestError('HTTP_TIMEOUT', `The request to ${target} timed out.`, {
      cause: err,
      fix: 'Retry when the network is back; behind a proxy, set the profile’s proxy or http.proxy.',
    });
  }
  if (
    has((c) => c === 'UND_ERR_PRX_TLS') ||
    (has((c) => c === 'UND_ERR_ABORTED') && /proxy/i.test(messages(err))) ||
    // Through a proxy, a refused connection or an unknown name is the proxy's (the target is resolved by the proxy).
    (state.viaProxy && has((c) => c === 'ECONNREFUSED' || c === 'ENOTFOUND' || c === 'EAI_AGAIN'))
  ) {
    return new HttpRequestError('HTTP_PROXY', `The proxy refused or failed the connection to ${target}.`, {
      cause: err,
      fix: 'Edit the proxy URL and credentials (the profile’s proxy, http.proxy, or HTTPS_PROXY / NO_PROXY).',
    });
  }
  if (has((c) => TLS_CODES.test(c))) {
    return new HttpRequestError(
      'HTTP_TLS',
      `The TLS connection to ${target} failed (${codes.find((c) => TLS_CODES.test(c))}).`,
      {
        cause: err,
        fix: 'Add the server’s CA to the profile’s CA bundle and, for mTLS, set the client certificate and key (Edit Profile).',
      },
    );
  }
  if (url.protocol === 'https:' && has((c) => c === 'UND_ERR_SOCKET') && closedBeforeAnswer(err)) {
    // A TLS 1.3 server that wants a client certificate rejects it after the handshake: the socket just closes.
    return new HttpRequestError('HTTP_TLS', `${target} closed the TLS connection without answering.`, {
      cause: err,
      fix: 'Set the client certificate and key in the profile (Edit Profile) and register that certificate with the provider, in case the server wants mTLS.',
    });
  }
  if (
    has((c) => c === 'ECONNRESET' || c === 'UND_ERR_SOCKET' || c === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH')
  ) {
    return new HttpRequestError(
      'HTTP_NETWORK',
      `${target} closed the connection before the answer was complete.`,
      {
        cause: err,
        fix: 'Retry; if it happens again, set or correct the proxy (the profile’s proxy or http.proxy).',
      },
    );
  }
  if (has((c) => c === 'ECONNREFUSED')) {
    return new HttpRequestError('HTTP_CONNECTION_REFUSED', `Nothing accepts connections at ${target}.`, {
      cause: err,
      fix: 'Start the server, or edit the profile and correct the endpoint URL and port.',
    });
  }
  return new HttpRequestError(
    'HTTP_NETWORK',
    `The request to ${target} failed (${codes[0] ?? 'network error'}).`,
    {
      cause: err,
      fix: 'Edit the profile and correct the endpoint host name; behind a proxy, set the profile’s proxy or http.proxy.',
    },
  );
}

/** The error and its `cause`s, outermost first (undici nests the socket error one or two levels down). */
function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = err; e && chain.length < 5; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
  }
  return chain;
}

function errorCodes(err: unknown): string[] {
  return causeChain(err).flatMap((e) => {
    const code = (e as { code?: unknown }).code;
    const own = typeof code === 'string' ? [code] : [];
    return e instanceof AggregateError ? [...own, ...e.errors.flatMap(errorCodes)] : own;
  });
}

function closedBeforeAnswer(err: unknown): boolean {
  return causeChain(err).some((e) => (e as { socket?: { bytesRead?: number } }).socket?.bytesRead === 0);
}

function messages(err: unknown): string {
  return causeChain(err)
    .map((e) => (e instanceof Error ? e.message : String(e)))
    .join(' | ');
}
