/**
 * Which proxy, if any, a request takes: the explicit setting (the profile's proxy or VS Code's `http.proxy`), else
 * HTTPS_PROXY / HTTP_PROXY with NO_PROXY from the environment (either case). A loopback target never goes through a
 * proxy. A proxy URL may carry basic credentials (`http://user:password@proxy:3128`).
 */
import { localText } from '../../core/text/localText';
import { HttpRequestError } from '../../core/oauth/oauthErrors';
import { isLoopbackUrl } from '../../core/profiles/clientProfile';

/** A proxy a request goes through, and the `Proxy-Authorization` its URL's credentials make. */
export interface ProxyServer {
  /** `http:` or `https:` (TLS to the proxy itself). */
  readonly protocol: 'http:' | 'https:';
  readonly hostname: string;
  readonly port: number;
  /** `host:port` as written, for the pool key. */
  readonly host: string;
  readonly authorization?: string;
}

/** Where the proxy settings come from. */
export interface ProxySettings {
  /** Explicit proxy URL; wins over the environment and ignores NO_PROXY. */
  readonly proxy?: string;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read (upper case first, then lower case). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

interface NoProxyEntry {
  readonly hostname: string;
  /** 0: any port. */
  readonly port: number;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

/** Decides the proxy per request; the settings are parsed once, a malformed proxy URL fails the requests that need it. */
export class ProxyRoutes {
  private readonly explicit: string | undefined;
  private readonly httpProxy: string | undefined;
  private readonly httpsProxy: string | undefined;
  private readonly noProxy: readonly NoProxyEntry[] | 'all';
  private readonly parsed = new Map<string, ProxyServer>();

  constructor(settings: ProxySettings) {
    const env = settings.env;
    this.explicit = settings.proxy?.trim() || undefined;
    this.httpProxy = (env.HTTP_PROXY ?? env.http_proxy)?.trim() || undefined;
    this.httpsProxy = (env.HTTPS_PROXY ?? env.https_proxy)?.trim() || this.httpProxy;
    this.noProxy = parseNoProxy(env.NO_PROXY ?? env.no_proxy ?? '');
  }

  /** True when some request may go through a proxy. */
  get configured(): boolean {
    return this.explicit !== undefined || this.httpsProxy !== undefined;
  }

  /** The proxy for `url`, or undefined to connect directly. */
  routeFor(url: URL): ProxyServer | undefined {
    if (isLoopbackUrl(url)) {
      return undefined;
    }
    if (this.explicit) {
      return this.server(this.explicit);
    }
    const fromEnv = url.protocol === 'https:' ? this.httpsProxy : this.httpProxy;
    if (!fromEnv || !this.shouldProxy(url)) {
      return undefined;
    }
    return this.server(fromEnv);
  }

  private shouldProxy(url: URL): boolean {
    if (this.noProxy === 'all') {
      return false;
    }
    // url.host keeps the brackets of an IPv6 address, as NO_PROXY entries write them.
    const hostname = url.host.replace(/:\d*$/, '').toLowerCase();
    const port = Number(url.port) || DEFAULT_PORTS[url.protocol] || 0;
    return !this.noProxy.some(
      (entry) =>
        (!entry.port || entry.port === port) &&
        (hostname === entry.hostname || hostname.endsWith(`.${entry.hostname}`)),
    );
  }

  private server(value: string): ProxyServer {
    let server = this.parsed.get(value);
    if (!server) {
      server = parseProxyUrl(value);
      this.parsed.set(value, server);
    }
    return server;
  }
}

/** NO_PROXY: entries split by commas or spaces, `host` or `host:port`, a leading `.` or `*.` ignored, `*` for all. */
function parseNoProxy(value: string): readonly NoProxyEntry[] | 'all' {
  const entries: NoProxyEntry[] = [];
  for (const entry of value.split(/[,\s]/)) {
    if (!entry) {
      continue;
    }
    if (entry === '*') {
      return 'all';
    }
    const withPort = /^(.+):(\d+)$/.exec(entry);
    entries.push({
      hostname: (withPort ? withPort[1] : entry).replace(/^\*?\./, '').toLowerCase(),
      port: withPort ? Number.parseInt(withPort[2], 10) : 0,
    });
  }
  return entries;
}

/** Parses a proxy URL; one written without a scheme (`proxy:3128`) is taken as http. Never echoes the value. */
export function parseProxyUrl(value: string): ProxyServer {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidProxy();
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw invalidProxy();
  }
  const user = decoded(url.username);
  const password = decoded(url.password);
  return {
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(url.port) || DEFAULT_PORTS[url.protocol],
    host: url.host,
    ...(user ? { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } : {}),
  };
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function invalidProxy(): HttpRequestError {
  return new HttpRequestError(
    'HTTP_PROXY',
    localText('The proxy setting is not an http:// or https:// URL.'),
    {
      fix: localText(
        'Edit the proxy URL (the profile’s proxy, http.proxy, or HTTPS_PROXY / HTTP_PROXY), e.g. {0}.',
        'http://proxy.example:3128',
      ),
    },
  );
}
