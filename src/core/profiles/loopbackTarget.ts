/**
 * Where the loopback redirect server must listen to receive a registered redirect URI exactly, or `undefined` when it
 * cannot (https, a non-loopback host): then the flow falls back to paste-back.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8252#section-7.3
 */
export interface LoopbackTarget {
  /** Addresses to bind: the literal as written, or both loopback families for `localhost`. */
  readonly hosts: readonly ('127.0.0.1' | '::1')[];
  readonly port: number;
  /** The path (without query) a valid callback must arrive on. */
  readonly path: string;
}

/** Computes the loopback listen target for a redirect URI; see {@link LoopbackTarget}. */
export function loopbackTargetOf(redirectUri: string): LoopbackTarget | undefined {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || url.username || url.password) {
    return undefined;
  }
  const port = url.port === '' ? 80 : Number(url.port);
  const path = url.pathname || '/';
  switch (url.hostname) {
    case '127.0.0.1':
      return { hosts: ['127.0.0.1'], port, path };
    case '[::1]':
      return { hosts: ['::1'], port, path };
    case 'localhost':
      // A browser may resolve localhost to either family; listen on both where the machine has them.
      return { hosts: ['127.0.0.1', '::1'], port, path };
    default:
      return undefined;
  }
}
