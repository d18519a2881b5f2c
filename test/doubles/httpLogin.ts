/**
 * Completes oidc-provider's development login and consent over plain HTTP, the way a browser would, at unit-test
 * speed: follows redirects by hand with a cookie jar, submits each form it meets (login with any name and password,
 * then consent), and stops at the redirect URI.
 */
import { Agent, request } from 'undici';

/** How the walk through the provider ended. */
export type HttpLoginResult =
  /** The provider redirected to the redirect URI; `url` is the full callback URL (code or error). */
  | { readonly kind: 'callback'; readonly url: string }
  /** The provider stopped on a page that is neither a redirect nor a form (e.g. 400 for an unknown redirect_uri). */
  | { readonly kind: 'page'; readonly status: number; readonly body: string };

/** Walks from the authorization URL to the callback; see the file comment. */
export async function loginOverHttp(
  authorizationUrl: string,
  redirectUri: string,
  login = 'alice',
): Promise<HttpLoginResult> {
  const agent = new Agent({ keepAliveTimeout: 100, keepAliveMaxTimeout: 100 });
  const cookies = new Map<string, string>();
  const redirect = new URL(redirectUri);
  let url = new URL(authorizationUrl);
  let method: 'GET' | 'POST' = 'GET';
  let body: string | undefined;
  try {
    for (let step = 0; step < 20; step++) {
      const res = await request(url, {
        method,
        body,
        dispatcher: agent,
        headers: {
          cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      });
      const text = await res.body.text();
      for (const line of toArray(res.headers['set-cookie'])) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
      const location = res.headers.location;
      if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === 'string') {
        const next = new URL(location, url);
        if (next.origin === redirect.origin && next.pathname === redirect.pathname) {
          return { kind: 'callback', url: next.toString() };
        }
        url = next;
        method = 'GET';
        body = undefined;
        continue;
      }
      const form = parseForm(text);
      if (res.statusCode !== 200 || !form) {
        return { kind: 'page', status: res.statusCode, body: text };
      }
      if ('login' in form.fields || /name="login"/.test(text)) {
        form.fields.login = login;
        form.fields.password = 'any-password';
      }
      url = new URL(form.action, url);
      method = 'POST';
      body = new URLSearchParams(form.fields).toString();
    }
    throw new Error('The login did not reach the redirect URI within 20 steps.');
  } finally {
    await agent.close();
  }
}

function parseForm(html: string): { action: string; fields: Record<string, string> } | undefined {
  // Either attribute order: the login forms put action first, the device-flow confirmation method first.
  const tag = /<form[^>]*method="post"[^>]*>/i.exec(html)?.[0];
  const form = tag ? /action="([^"]*)"/i.exec(tag) : null;
  if (!form) {
    return undefined;
  }
  const fields: Record<string, string> = {};
  for (const input of html.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (name) {
      fields[decodeEntities(name)] = decodeEntities(value);
    }
  }
  return { action: decodeEntities(form[1]), fields };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCharCode(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function toArray(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** One GET without following redirects, on its own short-lived connection: how a browser hits the callback. */
export async function getOnce(
  url: string,
  init: { readonly method?: string; readonly headers?: Record<string, string> } = {},
): Promise<{ status: number; location?: string; body: string; contentType?: string }> {
  const agent = new Agent({ keepAliveTimeout: 100, keepAliveMaxTimeout: 100 });
  try {
    const res = await request(url, {
      method: (init.method ?? 'GET') as 'GET',
      headers: init.headers,
      dispatcher: agent,
    });
    const location = res.headers.location;
    const contentType = res.headers['content-type'];
    return {
      status: res.statusCode,
      location: typeof location === 'string' ? location : undefined,
      contentType: typeof contentType === 'string' ? contentType : undefined,
      body: await res.body.text(),
    };
  } finally {
    await agent.close();
  }
}

/** Logs in over HTTP and delivers the callback to the redirect URI, as a browser would; returns the walk's result. */
export async function loginAndDeliver(
  authorizationUrl: string,
  redirectUri: string,
): Promise<HttpLoginResult> {
  const result = await loginOverHttp(authorizationUrl, redirectUri);
  if (result.kind === 'callback') {
    await getOnce(result.url);
  }
  return result;
}
