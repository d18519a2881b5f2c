/**
 * A small local stand-in for Rabobank's OAuth endpoints, for the shapes oidc-provider cannot produce (reference:
 * oauth-error-reference.md RABO-02..06 and §3.8): `{"error":"invalid_grant"}` with 401 on refresh and 400 on a code,
 * `{"error":"invalid_request"}` for a grant-type mismatch, the API Connect gateway body
 * `{"httpCode","httpMessage","moreInformation"}`, and the 200 "Redirect URI Mismatch" page. Plus a 502 HTML page
 * and an endpoint that never answers.
 */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

/** A running fake; `base` is `http://127.0.0.1:<port>`. */
export interface RabobankFakeServer {
  readonly base: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly consentId: string;
  /** Issues a fresh authorization code the token endpoint will accept once. */
  issueCode(): string;
  /** Requests the token endpoint received. */
  tokenRequests(): number;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1:0. */
export async function startRabobankFake(): Promise<RabobankFakeServer> {
  const clientId = 'rabo-client';
  const clientSecret = 'rabo-secret';
  const redirectUri = 'https://tpp.example/callback';
  const consentId = '3f2a8c1e-1b2d-4c5e-9f00-123456789abc';
  const codes = new Set<string>();
  const refreshTokens = new Set<string>();
  let counter = 0;
  let tokenRequests = 0;

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer({ keepAliveTimeout: 500 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (url.pathname === '/oauth2/authorize') {
        if (url.searchParams.get('redirect_uri') !== redirectUri) {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(
            '<html><head><title>Error</title></head><body><h1>Redirect URI Mismatch</h1></body></html>',
          );
          return;
        }
        const code = `code-${++counter}`;
        codes.add(code);
        res.writeHead(302, {
          location: `${redirectUri}?code=${code}&state=${url.searchParams.get('state') ?? ''}`,
        });
        res.end();
        return;
      }
      if (url.pathname === '/bad-gateway') {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
        return;
      }
      if (url.pathname === '/never') {
        return; // never answers: for timeouts
      }
      if (url.pathname !== '/oauth2/token' || req.method !== 'POST') {
        json(res, 404, {
          httpCode: '404',
          httpMessage: 'Not Found',
          moreInformation: 'No resources match requested URI',
        });
        return;
      }
      tokenRequests++;
      const [user, pass] = basicCredentials(req.headers.authorization);
      if (user !== clientId) {
        json(res, 401, {
          httpCode: '401',
          httpMessage: 'Unauthorized',
          moreInformation: 'Client id not registered.',
        });
        return;
      }
      if (pass !== clientSecret) {
        json(res, 401, { error: 'invalid_client' });
        return;
      }
      const form = new URLSearchParams(body);
      const grant = form.get('grant_type');
      if (grant === 'authorization_code' && form.has('code')) {
        const code = form.get('code') ?? '';
        if (!codes.delete(code)) {
          json(res, 400, { error: 'invalid_grant' });
          return;
        }
        json(res, 200, tokens(true));
        return;
      }
      if (grant === 'refresh_token' && form.has('refresh_token')) {
        if (!refreshTokens.delete(form.get('refresh_token') ?? '')) {
          json(res, 401, { error: 'invalid_grant' });
          return;
        }
        json(res, 200, tokens(false));
        return;
      }
      json(res, 400, { error: 'invalid_request' });
    });
  });

  function tokens(withConsent: boolean): Record<string, unknown> {
    const refresh = `refresh-${++counter}`;
    refreshTokens.add(refresh);
    return {
      token_type: 'Bearer',
      access_token: `access-${counter}`,
      expires_in: 3600,
      consented_on: Math.floor(Date.now() / 1000),
      scope: 'ais.balances.read oauth2.consents.read',
      refresh_token: refresh,
      refresh_token_expires_in: 157784760,
      ...(withConsent ? { metadata: `a:consentId ${consentId}` } : {}),
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    clientId,
    clientSecret,
    redirectUri,
    consentId,
    issueCode: () => {
      const code = `code-${++counter}`;
      codes.add(code);
      return code;
    },
    tokenRequests: () => tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function basicCredentials(header: string | undefined): [string?, string?] {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match) {
    return [];
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
  return [decode(decoded.slice(0, colon)), decode(decoded.slice(colon + 1))];
}
