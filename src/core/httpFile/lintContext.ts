import { ClientProfile } from '../profiles/clientProfile';
import { CredentialTargets } from '../profiles/credentialTarget';
import { presetOf } from '../profiles/profilePresets';

/** A client registration as the lints need it; the VS Code side fills it from the client profiles. */
export interface LintProfile {
  /** The profile's id, passed to commands (Open profile, Sign in) from hovers. */
  readonly id?: string;
  readonly name: string;
  readonly clientId: string;
  /** Only when the caller holds it, to tell a Basic header with another secret; never shown, never inserted. */
  readonly clientSecret?: string;
  readonly redirectUri?: string;
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
  readonly revocationEndpoint?: string;
  readonly introspectionEndpoint?: string;
  readonly consentDetailsEndpoint?: string;
  readonly apiHosts?: readonly string[];
  /** The profile starts from a Rabobank preset: answers from its hosts are explained as Rabobank's. */
  readonly rabobank?: boolean;
}

/** Host (with port) → provider, from the profiles whose preset names one; hosts of other profiles are unknown. */
const profileHosts = new WeakMap<readonly LintProfile[], ReadonlyMap<string, 'rabobank'>>();

/**
 * The provider of a URL's host when a Rabobank profile uses that host (its endpoints or API hosts), e.g. a practice
 * server on 127.0.0.1; undefined otherwise. Built once per list of profiles.
 */
export function providerOfProfileHost(profiles: readonly LintProfile[], url: string): 'rabobank' | undefined {
  let hosts = profileHosts.get(profiles);
  if (!hosts) {
    const map = new Map<string, 'rabobank'>();
    for (const p of profiles.filter((profile) => profile.rabobank)) {
      const urls = [
        p.tokenEndpoint,
        p.authorizationEndpoint,
        p.revocationEndpoint,
        p.introspectionEndpoint,
        p.consentDetailsEndpoint,
      ];
      for (const host of [...urls.map(hostOf), ...(p.apiHosts ?? []).map((h) => hostOf(`https://${h}/`))]) {
        if (host) {
          map.set(host, 'rabobank');
        }
      }
    }
    hosts = map;
    profileHosts.set(profiles, hosts);
  }
  const host = hostOf(url);
  return host === undefined ? undefined : hosts.get(host);
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) {
    return undefined;
  }
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** The endpoints the credential target rule reads, from a lint profile. */
export function credentialTargetsOf(profile: LintProfile): CredentialTargets {
  return {
    token_endpoint: profile.tokenEndpoint ?? '',
    revocation_endpoint: profile.revocationEndpoint,
    introspection_endpoint: profile.introspectionEndpoint,
    consentDetailsEndpoint: profile.consentDetailsEndpoint,
    apiHosts: profile.apiHosts,
  };
}

/** What the token explorer knows about an access token found in a request. */
export interface KnownToken {
  readonly profileId?: string;
  readonly profileName: string;
  /** Epoch milliseconds. */
  readonly expiresAt?: number;
  readonly scopes?: readonly string[];
}

/**
 * Facts from outside the document that some lints need: registered profiles and tokens the extension holds. The CLI
 * and tests pass {@link EMPTY_LINT_CONTEXT}; lints that need a fact simply stay silent without it.
 */
export interface LintContext {
  /** Epoch milliseconds used to judge expiry; defaults to the current time. */
  readonly now?: number;
  readonly profiles: readonly LintProfile[];
  findToken?(accessToken: string): KnownToken | undefined;
  /**
   * The profile that now holds a newer access token in place of this one (for the quick fix that puts the profile's
   * token variable in its place). Known only from tokens the extension itself held, never from a token's claims.
   */
  freshTokenProfile?(accessToken: string): string | undefined;
}

/** No profiles, no tokens. */
export const EMPTY_LINT_CONTEXT: LintContext = { profiles: [] };

/** A stored client profile as the lints see it; the secret only when the caller holds it. */
export function lintProfileOf(profile: ClientProfile, clientSecret?: string): LintProfile {
  return {
    id: profile.id,
    name: profile.label,
    clientId: profile.client_id,
    clientSecret,
    redirectUri: profile.redirect_uri,
    authorizationEndpoint: profile.authorization_endpoint,
    tokenEndpoint: profile.token_endpoint,
    revocationEndpoint: profile.revocation_endpoint,
    introspectionEndpoint: profile.introspection_endpoint,
    consentDetailsEndpoint: profile.consentDetailsEndpoint,
    apiHosts: profile.apiHosts,
    rabobank: presetOf(profile.preset).facts.rabobank,
  };
}
