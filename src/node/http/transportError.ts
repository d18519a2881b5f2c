/** Maps a failed HTTP exchange (a Node socket, TLS or proxy error) to the engine's typed errors and their fixes. */
import { localText } from '../../core/text/localText';
import { AuthorizationFlowError, HttpRequestError, OAuthWorkbenchError } from '../../core/oauth/oauthErrors';
import { PROXY_CONNECT_FAILED } from './proxyTunnel';

/** What the client knew when the exchange failed. */
export interface ExchangeState {
  /** The whole-request timeout fired. */
  readonly timedOut: boolean;
  /** The caller aborted. */
  readonly cancelled: boolean;
  /** `tunnel`: an https target through CONNECT; `forward`: an http target sent to the proxy itself. */
  readonly viaProxy?: 'tunnel' | 'forward';
  /** The response's status line had arrived. */
  readonly answered?: boolean;
  /** The request went out on a kept-alive connection. */
  readonly reusedSocket?: boolean;
}

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO|ERR_OSSL_)/;

/** Codes Node gives a request it refuses to write: a header name or value HTTP does not allow. */
const INVALID_REQUEST_CODES = new Set([
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_UNESCAPED_CHARACTERS',
]);

/** Maps a transport failure (a Node socket error, possibly nested in `cause`) to a typed error. */
export function transportError(err: unknown, url: URL, state: ExchangeState): OAuthWorkbenchError {
  if (err instanceof OAuthWorkbenchError) {
    return err;
  }
  const target = url.host;
  if (state.cancelled) {
    return new AuthorizationFlowError('FLOW_CANCELLED', localText('The request was cancelled.'), {
      cause: err,
    });
  }
  const codes = errorCodes(err);
  const has = (test: (code: string) => boolean) => codes.some(test);
  if (state.timedOut || has((c) => /TIMEOUT|ETIMEDOUT/.test(c))) {
    return new HttpRequestError('HTTP_TIMEOUT', localText('The request to {0} timed out.', target), {
      cause: err,
      fix: localText(
        'Retry when the network is back; behind a proxy, set the profile’s proxy or http.proxy.',
      ),
    });
  }
  const invalid = codes.find((c) => INVALID_REQUEST_CODES.has(c));
  if (invalid) {
    return new HttpRequestError(
      'HTTP_NETWORK',
      localText('The request to {0} has a header or path that HTTP does not allow ({1}).', target, invalid),
      {
        cause: err,
        fix: localText(
          'Edit the request so header names are single words and no header value or URL holds a line break.',
        ),
      },
    );
  }
  if (
    has((c) => c === PROXY_CONNECT_FAILED) ||
    // Through a proxy, a refused connection or an unknown name is the proxy's (the target is resolved by the proxy).
    (state.viaProxy !== undefined &&
      has((c) => c === 'ECONNREFUSED' || c === 'ENOTFOUND' || c === 'EAI_AGAIN')) ||
    // An http target's request goes to the proxy itself: a TLS failure there is the proxy's.
    (state.viaProxy === 'forward' && has((c) => TLS_CODES.test(c)))
  ) {
    return new HttpRequestError(
      'HTTP_PROXY',
      localText('The proxy refused or failed the connection to {0}.', target),
      {
        cause: err,
        fix: localText(
          'Edit the proxy URL and credentials (the profile’s proxy, http.proxy, or HTTPS_PROXY / NO_PROXY).',
        ),
      },
    );
  }
  if (has((c) => TLS_CODES.test(c))) {
    return new HttpRequestError(
      'HTTP_TLS',
      localText(
        'The TLS connection to {0} failed ({1}).',
        target,
        codes.find((c) => TLS_CODES.test(c)) ?? '',
      ),
      {
        cause: err,
        fix: localText(
          'Add the server’s CA to the profile’s CA bundle and, for mTLS, set the client certificate and key (Edit Profile).',
        ),
      },
    );
  }
  if (url.protocol === 'https:' && has((c) => c === 'ECONNRESET') && !state.answered && !state.reusedSocket) {
    // A TLS 1.3 server that wants a client certificate may reject it after the handshake: the socket just closes.
    return new HttpRequestError(
      'HTTP_TLS',
      localText('{0} closed the TLS connection without answering.', target),
      {
        cause: err,
        fix: localText(
          'Set the client certificate and key in the profile (Edit Profile) and register that certificate with the provider, in case the server wants mTLS.',
        ),
      },
    );
  }
  if (has((c) => c === 'ECONNRESET' || c === 'EPIPE')) {
    return new HttpRequestError(
      'HTTP_NETWORK',
      localText('{0} closed the connection before the answer was complete.', target),
      {
        cause: err,
        fix: localText(
          'Retry; if it happens again, set or correct the proxy (the profile’s proxy or http.proxy).',
        ),
      },
    );
  }
  if (has((c) => c === 'ECONNREFUSED')) {
    return new HttpRequestError(
      'HTTP_CONNECTION_REFUSED',
      localText('Nothing accepts connections at {0}.', target),
      {
        cause: err,
        fix: localText('Start the server, or edit the profile and correct the endpoint URL and port.'),
      },
    );
  }
  return new HttpRequestError(
    'HTTP_NETWORK',
    localText('The request to {0} failed ({1}).', target, codes[0] ?? localText('network error')),
    {
      cause: err,
      fix: localText(
        'Edit the profile and correct the endpoint host name; behind a proxy, set the profile’s proxy or http.proxy.',
      ),
    },
  );
}

/** The error and its `cause`s, outermost first (a proxy failure nests the socket error). */
function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = err; e && chain.length < 5; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
  }
  return chain;
}

function errorCodes(err: unknown): string[] {
  return causeChain(err).flatMap((e) => {
    const code = (e as { code?: unknown }).code;
    const own = typeof code === 'string' ? [code] : [];
    return e instanceof AggregateError ? [...own, ...e.errors.flatMap(errorCodes)] : own;
  });
}
