import type { ClientTlsSettings } from './clientProfile';

/**
 * The editor's own network settings (VS Code's `http.proxy`, `http.proxyStrictSSL` and `http.systemCertificates`), as
 * the user set them.
 */
export interface EditorConnection {
  /** `http.proxy` from the user's settings; undefined or empty when unset. */
  readonly proxy?: string;
  /** `http.proxyStrictSSL` from the user's settings; only an explicit `false` turns certificate checks off. */
  readonly strictSSL?: boolean;
  /** `http.systemCertificates` from the user's settings; only an explicit `false` leaves the system store out. */
  readonly systemCertificates?: boolean;
}

/** How one profile's HTTP traffic goes out: proxy, client certificate / CA files and whether certificates are checked. */
export interface ResolvedConnection {
  readonly proxy?: string;
  readonly tls?: ClientTlsSettings;
  readonly rejectUnauthorized: boolean;
  /** Trust the operating system's certificate store besides Node's roots (never together with a profile CA file). */
  readonly systemCertificates: boolean;
}

/**
 * The connection for a profile: what the profile sets wins; when it sets no proxy the editor's `http.proxy` applies
 * (and when that is unset too, the environment's HTTPS_PROXY / HTTP_PROXY / NO_PROXY, which the HTTP client reads).
 * Certificates are checked unless the user turned `http.proxyStrictSSL` off. The operating system's certificate store
 * is trusted too unless the user turned `http.systemCertificates` off or the profile names its own CA file, which then
 * is what it trusts besides Node's roots. One function for the engine and for Send Request, so a token call and a
 * request sent from a `.http` file always take the same way out.
 */
export function resolveConnection(
  profile: { readonly proxy?: string; readonly tls?: ClientTlsSettings } | undefined,
  editor: EditorConnection,
): ResolvedConnection {
  const proxy = profile?.proxy?.trim() || editor.proxy?.trim() || undefined;
  return {
    ...(proxy ? { proxy } : {}),
    ...(profile?.tls ? { tls: profile.tls } : {}),
    rejectUnauthorized: editor.strictSSL !== false,
    systemCertificates: editor.systemCertificates !== false && !profile?.tls?.caBundlePath,
  };
}
