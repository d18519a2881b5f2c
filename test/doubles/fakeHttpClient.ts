import { HttpClient, HttpRequest, HttpResponse } from '../../src/core/oauth/httpClient';

/** An in-memory {@link HttpClient}: answers with `respond(request)` and records every request. */
export class FakeHttpClient implements HttpClient {
  readonly requests: HttpRequest[] = [];

  constructor(private readonly respond: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    return this.respond(request);
  }
}

/** A JSON response, as a token endpoint sends it. */
export function jsonResponse(status: number, body: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
