/**
 * The one rule that decides where a profile's credentials may go. A `.http` file is attacker input: it chooses the URL
 * and may carry the victim's client id or a forged token, so a profile's client secret, its Basic header or its
 * tokens only ever go to that profile's own endpoints (and, for an access token, the API hosts it declares). The
 * profile is never chosen from a client id or from token claims; the caller names it, and this says yes or no.
 */
import { type LocalText, localText, renderText } from '../text/localText';
import { ClientProfile, isLoopbackUrl } from './clientProfile';

/** What a request would carry: the client's credentials (`Basic`, id, secret) or a token of the profile's. */
export type CredentialKind = 'clientCredentials' | 'bearerToken';

/** The profile fields the rule reads. */
export type CredentialTargets = Pick<
  ClientProfile,
  'token_endpoint' | 'revocation_endpoint' | 'introspection_endpoint' | 'consentDetailsEndpoint' | 'apiHosts'
> & {
  /** RFC 9126 pushed authorization request endpoint, when the profile knows one. */
  readonly pushed_authorization_request_endpoint?: string;
};

/**
 * Why a credential may not be used at a URL, in a sentence for the user (never naming a secret): `reasonText` to render
 * in the user's language, `reason` its English.
 */
export type CredentialTargetVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string; readonly reasonText: LocalText };

function refused(reasonText: LocalText): CredentialTargetVerdict {
  return { allowed: false, reason: renderText(reasonText), reasonText };
}

const ALLOWED: CredentialTargetVerdict = { allowed: true };

/**
 * Whether `kind` credentials of `profile` may be sent to `url` (the request's URL with every variable resolved).
 * Client credentials: only the token, revocation, introspection or PAR endpoint, matched on scheme, host, port and
 * path. A token: those, the consent details API below its base path, and `https` (or loopback `http`) URLs on one of
 * the profile's `apiHosts`. A URL with user info, or one that is not http(s), never qualifies.
 */
export function credentialTargetVerdict(
  profile: CredentialTargets,
  kind: CredentialKind,
  url: string,
): CredentialTargetVerdict {
  const target = parseHttpUrl(url);
  if (!target) {
    return refused(localText('the request URL is not an absolute http(s) URL'));
  }
  if (target.username || target.password) {
    return refused(localText('the request URL carries user info'));
  }
  const own = [
    profile.token_endpoint,
    profile.revocation_endpoint,
    profile.introspection_endpoint,
    profile.pushed_authorization_request_endpoint,
  ];
  if (own.some((endpoint) => sameEndpoint(endpoint, target))) {
    return ALLOWED;
  }
  if (kind === 'clientCredentials') {
    return refused(
      localText(
        "the client credentials go only to the profile's token, revocation, introspection or PAR endpoint",
      ),
    );
  }
  if (belowBase(profile.consentDetailsEndpoint, target)) {
    return ALLOWED;
  }
  const secure = target.protocol === 'https:' || isLoopbackUrl(target);
  if (secure && (profile.apiHosts ?? []).some((host) => sameHost(host, target))) {
    return ALLOWED;
  }
  return refused(
    localText(
      "{0} is neither one of the profile's endpoints nor one of its API hosts ({1})",
      target.host,
      'apiHosts',
    ),
  );
}

/** {@link credentialTargetVerdict} as a yes or no. */
export function mayCarryCredentials(profile: CredentialTargets, kind: CredentialKind, url: string): boolean {
  return credentialTargetVerdict(profile, kind, url).allowed;
}

function parseHttpUrl(value: string | undefined): URL | undefined {
  if (!value) {
    return undefined;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Same scheme, host, port and path (a trailing `/` aside); query and fragment do not matter. */
function sameEndpoint(endpoint: string | undefined, target: URL): boolean {
  const own = parseHttpUrl(endpoint);
  return (
    own !== undefined &&
    own.origin === target.origin &&
    trimSlash(own.pathname) === trimSlash(target.pathname)
  );
}

/** The target is on the base URL's origin, at its path or below it. */
function belowBase(base: string | undefined, target: URL): boolean {
  const own = parseHttpUrl(base);
  if (!own || own.origin !== target.origin) {
    return false;
  }
  const prefix = trimSlash(own.pathname);
  const path = trimSlash(target.pathname);
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** A declared `host` or `host:port` against the target; without a port, the scheme's default port only. */
function sameHost(declared: string, target: URL): boolean {
  const own = parseHttpUrl(`${target.protocol}//${declared}/`);
  return own !== undefined && own.host === target.host && !own.username && !own.password;
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * The profile an answer from `url` belongs to: the one profile whose endpoints, consent API or API hosts the URL is on
 * (the rule above for a token). None when no profile or more than one fits, so the caller asks instead of guessing.
 */
export function profileOfUrl<P extends CredentialTargets>(
  profiles: readonly P[],
  url: string | undefined,
): P | undefined {
  if (!url) {
    return undefined;
  }
  const fitting = profiles.filter((p) => mayCarryCredentials(p, 'bearerToken', url));
  return fitting.length === 1 ? fitting[0] : undefined;
}
