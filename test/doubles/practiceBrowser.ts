/**
 * Plays the browser against the practice server at unit-test speed: opens the authorization URL, answers the consent
 * page with Approve or Deny, and (optionally) delivers the redirect to the loopback redirect server, as a browser
 * would. No redirect is followed except the one to the redirect URI.
 */
import { Agent, request } from 'undici';

/** How the walk ended: at the redirect URI (code or error), or on a page of the server (an error page). */
export type PracticeBrowserResult =
  | { readonly kind: 'callback'; readonly url: string }
  | { readonly kind: 'page'; readonly status: number; readonly body: string };

/** Options of {@link answerConsent}. */
export interface AnswerConsentOptions {
  readonly decision?: 'approve' | 'deny';
  /** GET the callback URL (hand it to the loopback redirect server). Default true. */
  readonly deliver?: boolean;
}

/** Opens the authorization URL, answers the consent page and returns where the browser ended up. */
export async function answerConsent(
  authorizationUrl: string,
  options: AnswerConsentOptions = {},
): Promise<PracticeBrowserResult> {
  const agent = new Agent({ keepAliveTimeout: 100, keepAliveMaxTimeout: 100 });
  try {
    const page = await request(authorizationUrl, { dispatcher: agent });
    const html = await page.body.text();
    const requestId = /name="request" value="([^"]+)"/.exec(html)?.[1];
    if (page.statusCode !== 200 || !requestId) {
      return { kind: 'page', status: page.statusCode, body: html };
    }
    const decision = await request(new URL('/oauth2/authorize/decision', authorizationUrl), {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request: requestId, decision: options.decision ?? 'approve' }).toString(),
    });
    const body = await decision.body.text();
    const location = decision.headers.location;
    if (decision.statusCode !== 302 || typeof location !== 'string') {
      return { kind: 'page', status: decision.statusCode, body };
    }
    if (options.deliver ?? true) {
      const callback = await request(location, { dispatcher: agent });
      await callback.body.text();
    }
    return { kind: 'callback', url: location };
  } finally {
    await agent.close();
  }
}

/** A free port on 127.0.0.1 for a redirect URI (the loopback server must bind the registered port). */
export async function freeLoopbackPort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
