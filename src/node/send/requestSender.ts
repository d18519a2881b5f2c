/**
 * Sends a request of a `.http` file through the engine's HTTP client (the profile's proxy, CA bundle and client
 * certificate, or the editor's proxy), without following redirects: a 3xx is the answer shown. One client per send,
 * closed afterwards, so settings changed between sends always apply.
 */
import { STATUS_CODES } from 'node:http';
import type { SentResponse } from '../../core/send/requestSender';
import { ConcreteRequest } from '../../core/send/sendRequest';
import { NodeHttpClient, NodeHttpClientOptions } from '../nodeHttpClient';

/**
 * Headers the HTTP client sets itself from the connection and the body; a file that writes them would make the
 * request malformed (a stale Content-Length) or clash with the client's own connection handling (Connection, Transfer-Encoding).
 */
const CLIENT_OWNED_HEADERS = new Set([
  'content-length',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'expect',
]);

/** Sends `request`; rejects with the client's typed transport errors (timeout, refused, TLS, proxy, cancelled). */
export type { SentResponse };

export async function sendConcreteRequest(
  request: ConcreteRequest,
  options: NodeHttpClientOptions & { readonly signal?: AbortSignal },
): Promise<SentResponse> {
  const { signal, ...clientOptions } = options;
  const client = new NodeHttpClient({ keepAliveTimeoutMs: 1, ...clientOptions });
  try {
    const started = performance.now();
    const response = await client.send({
      method: request.method,
      url: request.url,
      headers: headerRecord(request.headers),
      body:
        request.body === undefined || request.method === 'GET' || request.method === 'HEAD'
          ? undefined
          : request.body,
      signal,
    });
    return {
      status: response.status,
      reason: STATUS_CODES[response.status],
      headers: response.headers,
      body: response.body,
      elapsedMs: performance.now() - started,
    };
  } finally {
    await client.close();
  }
}

/** The request's headers as one record; a name written twice keeps both values, joined as HTTP allows. */
function headerRecord(headers: ConcreteRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    if (CLIENT_OWNED_HEADERS.has(key)) {
      continue;
    }
    out[key] = key in out ? `${out[key]}, ${value}` : value;
  }
  return out;
}
