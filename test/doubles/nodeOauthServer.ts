/**
 * A second, independently written authorization server for engine tests: `@node-oauth/oauth2-server` (a library)
 * behind a thin `node:http` wiring on 127.0.0.1, with an in-memory model. It differs from oidc-provider where it
 * matters: no OpenID (no ID token, so no nonce rules), its own error answers (a wrong secret is a 401 with
 * `WWW-Authenticate: Basic`, a refused redirect URI a JSON 400 at the authorization endpoint, not a page), and scopes
 * it does not know are dropped, not refused. The user is signed in and consents at once (no human).
 */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { freePort } from './oidcProviderServer';

/** A running server plus what tests need to observe it. */
export interface NodeOauthServer {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  close(): Promise<void>;
}

/** The scopes this server grants; any other requested scope is dropped from the grant. */
const KNOWN_SCOPES = ['openid', 'accounts.read'];

interface Client {
  readonly id: string;
  readonly redirectUris: string[];
  readonly grants: string[];
}

type Stored = Record<string, unknown>;

/** Starts the server on 127.0.0.1:0; every test that starts one closes it. */
export async function startNodeOauthServer(): Promise<NodeOauthServer> {
  // A computed specifier: the package is a test-only dependency, loaded only by the tests that start this server.
  const specifier = '@node-oauth/oauth2-server';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const OAuth2Server = require(specifier) as {
    new (options: object): {
      authorize(req: unknown, res: unknown, options: object): Promise<unknown>;
      token(req: unknown, res: unknown, options?: object): Promise<unknown>;
    };
    Request: new (options: object) => unknown;
    Response: new (options?: object) => { status: number; headers: Record<string, string>; body: unknown };
  };
  const clientId = 'second-server-client';
  const clientSecret = 'second-secret-0123456789';
  const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
  const client: Client = {
    id: clientId,
    redirectUris: [redirectUri],
    grants: ['authorization_code', 'refresh_token'],
  };
  const codes = new Map<string, Stored>();
  const refreshTokens = new Map<string, Stored>();
  const accessTokens = new Map<string, Stored>();
  const model = {
    getClient: (id: string, secret: string | null) =>
      id === clientId && (secret === null || secret === undefined || secret === clientSecret)
        ? client
        : false,
    saveAuthorizationCode: (code: Stored, c: Client, user: Stored) => {
      const saved = { ...code, client: c, user };
      codes.set(code.authorizationCode as string, saved);
      return saved;
    },
    getAuthorizationCode: (code: string) => codes.get(code) ?? false,
    revokeAuthorizationCode: (code: Stored) => codes.delete(code.authorizationCode as string),
    saveToken: (token: Stored, c: Client, user: Stored) => {
      const saved = { ...token, client: c, user };
      accessTokens.set(token.accessToken as string, saved);
      if (token.refreshToken) {
        refreshTokens.set(token.refreshToken as string, saved);
      }
      return saved;
    },
    getAccessToken: (token: string) => accessTokens.get(token) ?? false,
    getRefreshToken: (token: string) => refreshTokens.get(token) ?? false,
    revokeToken: (token: Stored) => refreshTokens.delete(token.refreshToken as string),
    validateScope: (_user: Stored, _client: Client, scope: string[] | undefined) =>
      (scope ?? []).filter((s) => KNOWN_SCOPES.includes(s)),
    verifyScope: () => true,
  };
  const oauth = new OAuth2Server({ model, allowEmptyState: false, accessTokenLifetime: 3600 });

  const server = http.createServer({ keepAliveTimeout: 500 }, (req, res) => {
    void handle(req, res).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    const request = new OAuth2Server.Request({
      method: req.method,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Object.fromEntries(new URLSearchParams(raw)),
    });
    const response = new OAuth2Server.Response();
    try {
      if (url.pathname === '/authorize' && req.method === 'GET') {
        await oauth.authorize(request, response, {
          authenticateHandler: { handle: () => ({ id: 'alice' }) },
        });
      } else if (url.pathname === '/token' && req.method === 'POST') {
        await oauth.token(request, response, { alwaysIssueNewRefreshToken: true });
      } else {
        response.status = 404;
        response.body = {};
      }
    } catch (err) {
      const e = err as { code?: number; name?: string; message?: string };
      // The library sets a redirect for errors it may send back to the client; other errors are answered here.
      if (!response.headers.location) {
        response.status = e.code ?? 500;
        response.body = { error: e.name, error_description: e.message };
      }
    }
    res.statusCode = response.status;
    for (const [name, value] of Object.entries(response.headers)) {
      res.setHeader(name, value);
    }
    if (response.body !== undefined && response.status !== 302) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(response.body));
    } else {
      res.end();
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    clientId,
    clientSecret,
    redirectUri,
    authorizationEndpoint: `${base}/authorize`,
    tokenEndpoint: `${base}/token`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
