/**
 * An {@link HttpClient} decorator that writes one line per request and one per response to a logger, with every
 * secret removed, so the user can follow what was sent where without the log ever holding a token.
 */
import { HttpClient, HttpRequest, HttpResponse } from './httpClient';
import { OAuthLogger, redactSecrets } from './oauthLogger';

const MAX_LOGGED_BODY = 500;

/** Logs `→ POST https://…/token` and `← 400 POST https://…/token (85 ms)`; an error body (redacted) follows a non-2xx. */
export class LoggingHttpClient implements HttpClient {
  constructor(
    private readonly inner: HttpClient,
    private readonly logger: OAuthLogger,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    const target = `${request.method} ${redactSecrets(request.url)}`;
    this.logger.info(`→ ${target}`);
    const started = this.now();
    try {
      const response = await this.inner.send(request);
      const line = `← ${response.status} ${target} (${this.now() - started} ms)`;
      if (response.status >= 200 && response.status < 300) {
        this.logger.info(line);
      } else {
        const body = redactSecrets(response.body.trim()).slice(0, MAX_LOGGED_BODY);
        this.logger.warn(body ? `${line}: ${body.replace(/\s+/g, ' ')}` : line);
      }
      return response;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.logger.warn(`✗ ${target} failed after ${this.now() - started} ms: ${redactSecrets(reason)}`);
      throw err;
    }
  }
}
