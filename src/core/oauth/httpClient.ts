/**
 * Port for HTTP, so `core` stays free of Node I/O and tests can inject a fake. The Node implementation is
 * `src/node/nodeHttpClient.ts` (timeouts, proxy, mTLS, custom CA).
 */
import { ClientProfile } from '../profiles/clientProfile';

/** One HTTP request as the engine builds it (or Send Request sends it); the body is already encoded. */
export interface HttpRequest {
  /** The engine sends GET and POST; Send Request any method a `.http` file names. */
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

/** One HTTP response; header names are lower-case; the body is read whole as text. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Sends requests. Implementations resolve for every HTTP status and reject only for transport failures, with an
 * `HttpRequestError` (`HTTP_TIMEOUT`, `HTTP_CONNECTION_REFUSED`, `HTTP_TLS`, `HTTP_PROXY`, `HTTP_NETWORK`).
 */
export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>;
}

/** The connection settings of a profile that decide which client (proxy, mTLS, CA) to use. */
export type ConnectionSettings = Pick<ClientProfile, 'tls' | 'proxy'> & {
  /** Verify server certificates (default); false only when the user turned VS Code's `http.proxyStrictSSL` off. */
  readonly rejectUnauthorized?: boolean;
  /** Also trust the operating system's certificate store (VS Code's `http.systemCertificates`); default false. */
  readonly systemCertificates?: boolean;
};

/** Gives the HTTP client for a profile's connection settings (one per distinct proxy / mTLS / CA combination). */
export type HttpClientFactory = (settings: ConnectionSettings) => HttpClient;
