/**
 * Decides whether the browser's redirect to a loopback redirect URI can reach the loopback server the extension
 * starts, from what VS Code tells about the window. Pure: the caller gathers the facts.
 *
 * - The extension runs where the window runs (desktop, or the UI side of a remote window): the browser, the loopback
 *   server and the certificate files are on one machine.
 * - The extension runs on a remote host and VS Code forwards the port to the same address: the redirect arrives.
 * - The window is a web page served from a loopback address (code-server on this machine): the browser sits on the
 *   machine the server listens on, so the registered loopback URI reaches it directly.
 * - Otherwise (Codespaces in a browser, a forwarded port with another number) the browser ends on an address nothing
 *   serves, and the user has to paste the URL it ended on.
 */
export interface RedirectReachFacts {
  /** The extension host runs on another machine than the window (a remote workspace extension host). */
  readonly remoteExtensionHost: boolean;
  /** The window is a web page (`vscode.env.uiKind === UIKind.Web`). */
  readonly webWindow: boolean;
  /** The registered redirect URI (a loopback URI). */
  readonly registered: string;
  /** What `vscode.env.asExternalUri` made of it. */
  readonly external: string;
}

export type RedirectReach = 'loopback' | 'needsPasteBack';

/** See {@link RedirectReachFacts}. Unparsable input counts as unreachable, so the user keeps a way to finish. */
export function redirectReach(facts: RedirectReachFacts): RedirectReach {
  if (!facts.remoteExtensionHost) {
    return 'loopback';
  }
  const registered = parse(facts.registered);
  const external = parse(facts.external);
  if (!registered || !external) {
    return 'needsPasteBack';
  }
  if (external.protocol === registered.protocol && external.host === registered.host) {
    return 'loopback';
  }
  return facts.webWindow && isLoopbackHost(external.hostname) ? 'loopback' : 'needsPasteBack';
}

/** True for `localhost`, 127.0.0.0/8 and `[::1]` (a URL's `hostname` keeps the brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
