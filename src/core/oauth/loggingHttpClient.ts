/**
 * An {@link HttpClient} decorator that writes one line per request and one per response to a logger, with every
 * secret removed, so the user can follow what was sent where without the log ever holding a token.
 */
import { HttpClient, HttpRequest, HttpResponse } from './httpClient';
import { OAuthLogger } from './oauthLogger';
import { redactSecrets } from './redactSecrets';
import { parseBasicCredentials } from '../wire/basicAuthentication';
import { formEncode } from '../wire/formEncoding';

const MAX_LOGGED_BODY = 500;

// Form parameters whose values are credentials (RFC 6749 §4.1.3, §6, RFC 7009, RFC 7662, RFC 7636).
const SECRET_PARAMS = [
  'client_secret',
  'refresh_token',
  'code',
  'code_verifier',
  'token',
  'client_assertion',
];

/** Logs `→ POST https://…/token` and `← 400 POST https://…/token (85 ms)`; an error body (redacted) follows a non-2xx. */
export class LoggingHttpClient implements HttpClient {
  constructor(
    private readonly inner: HttpClient,
    private readonly logger: OAuthLogger,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    const target = `${request.method} ${redactSecrets(request.url)}`;
    // A server may quote what it was sent ("refresh token … is invalid for client …"): mask those values too.
    const sent = secretsOf(request);
    this.logger.info(`→ ${target}`);
    const started = this.now();
    try {
      const response = await this.inner.send(request);
      const line = `← ${response.status} ${target} (${this.now() - started} ms)`;
      if (response.status >= 200 && response.status < 300) {
        this.logger.info(line);
      } else {
        const body = redactSecrets(response.body.trim(), sent, { serverText: true }).slice(
          0,
          MAX_LOGGED_BODY,
        );
        this.logger.warn(body ? `${line}: ${body.replace(/\s+/g, ' ')}` : line);
      }
      return response;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.logger.warn(`✗ ${target} failed after ${this.now() - started} ms: ${redactSecrets(reason, sent)}`);
      throw err;
    }
  }
}

/** The credential values a request carries: the Basic id:secret or the Bearer token, and secret form parameters. */
export function secretsOf(request: HttpRequest): string[] {
  const found: string[] = [];
  const authorization = Object.entries(request.headers).find(
    ([name]) => name.toLowerCase() === 'authorization',
  )?.[1];
  const [scheme, credentials] = (authorization ?? '').split(/\s+/, 2);
  if (/^bearer$/i.test(scheme ?? '') && credentials) {
    found.push(credentials);
  } else if (/^basic$/i.test(scheme ?? '') && credentials) {
    const secret = parseBasicCredentials(credentials)?.secret;
    if (secret) {
      // The engine sends the secret form-encoded; a server may quote either form.
      found.push(secret, formEncode(secret));
    }
  }
  if (request.body) {
    const form = new URLSearchParams(request.body);
    for (const name of SECRET_PARAMS) {
      const value = form.get(name);
      if (value) {
        found.push(value);
      }
    }
  }
  return found;
}
