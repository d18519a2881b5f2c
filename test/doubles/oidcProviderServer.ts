/**
 * A real authorization server for tests: oidc-provider on 127.0.0.1 with one confidential client
 * (client_secret_basic, PKCE required, refresh-token rotation, revocation, introspection, client credentials).
 * Settings follow reference/oauth-peer-oidc-provider.md. Every test that starts one closes it.
 */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

/** Options for {@link startOidcProvider}. */
export interface OidcProviderOptions {
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Registered redirect URI; default `http://127.0.0.1:<free port>/callback`. */
  readonly redirectUri?: string;
  /** Access-token lifetime in seconds; default 3600. Changeable later with `setAccessTokenTtl`. */
  readonly accessTokenTtlS?: number;
}

/** A running provider plus what tests need to observe it. */
export interface OidcProviderServer {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly revocationEndpoint: string;
  readonly introspectionEndpoint: string;
  readonly deviceAuthorizationEndpoint: string;
  /** POST requests the token endpoint received so far. */
  tokenRequests(): number;
  setAccessTokenTtl(seconds: number): void;
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (bound and released; good enough for a test's redirect URI). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs `work` with oidc-provider's development warnings (printed on import and construction) silenced. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const { warn, info } = console;
  const filter =
    (inner: (...args: unknown[]) => void) =>
    (...args: unknown[]) =>
      typeof args[0] === 'string' && args[0].includes('oidc-provider ') ? undefined : inner(...args);
  console.warn = filter(warn);
  console.info = filter(info);
  try {
    return await work();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}

/** Starts oidc-provider on 127.0.0.1:0; see {@link OidcProviderServer}. */
export async function startOidcProvider(options: OidcProviderOptions = {}): Promise<OidcProviderServer> {
  const server = http.createServer({ keepAliveTimeout: 500 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = options.clientId ?? 'workbench-test';
  const clientSecret = options.clientSecret ?? 'test-secret-0123456789';
  const redirectUri = options.redirectUri ?? `http://127.0.0.1:${await freePort()}/callback`;
  let accessTokenTtl = options.accessTokenTtlS ?? 3600;
  let tokenRequests = 0;

  // oidc-provider is ESM-only; a computed specifier keeps TypeScript from compiling this into require().
  const specifier = 'oidc-provider';
  const provider = await quietly(async () => {
    const { default: Provider } = await import(specifier);
    return new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          token_endpoint_auth_method: 'client_secret_basic',
          redirect_uris: [redirectUri],
          grant_types: [
            'authorization_code',
            'refresh_token',
            'client_credentials',
            'urn:ietf:params:oauth:grant-type:device_code',
          ],
          response_types: ['code'],
          application_type: 'web',
          scope: 'openid offline_access ais.balances.read',
        },
      ],
      scopes: ['openid', 'offline_access', 'ais.balances.read'],
      cookies: { keys: ['oauth-workbench-test-cookie-key'] },
      pkce: { required: () => true },
      features: {
        devInteractions: { enabled: true },
        revocation: { enabled: true, allowedPolicy: () => true },
        introspection: { enabled: true, allowedPolicy: () => true },
        clientCredentials: { enabled: true },
        deviceFlow: { enabled: true },
      },
      issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(grant: string): boolean }) =>
        client.grantTypeAllowed('refresh_token'),
      rotateRefreshToken: true,
      clockTolerance: 0,
      ttl: {
        AccessToken: () => accessTokenTtl,
        ClientCredentials: () => accessTokenTtl,
        AuthorizationCode: 300,
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
        RefreshToken: 86_400,
        IdToken: 3600,
      },
      findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
      renderError: (ctx: { type: string; body: string }, out: { error: string }) => {
        ctx.type = 'html';
        ctx.body = `<!doctype html><title>${out.error.replace(/[^a-z_]/g, '')}</title><h1>oops! something went wrong</h1>`;
      },
    });
  });
  const handler = provider.callback();
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method === 'POST' && req.url?.startsWith('/token')) {
      tokenRequests++;
    }
    handler(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    revocationEndpoint: `${issuer}/token/revocation`,
    introspectionEndpoint: `${issuer}/token/introspection`,
    deviceAuthorizationEndpoint: `${issuer}/device/auth`,
    tokenRequests: () => tokenRequests,
    setAccessTokenTtl: (seconds) => {
      accessTokenTtl = seconds;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
