import { ClientProfile } from '../profiles/clientProfile';

/** A client registration as the lints need it; the VS Code side fills it from the client profiles. */
export interface LintProfile {
  /** The profile's id, passed to commands (Open profile, Sign in) from hovers. */
  readonly id?: string;
  readonly name: string;
  readonly clientId: string;
  /** Only when the caller may use it (to build a Basic header in a quick fix); never shown in messages. */
  readonly clientSecret?: string;
  readonly redirectUri?: string;
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
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
  /** A newer access token for the same grant, when one is held (for the "replace expired token" quick fix). */
  freshAccessToken?(accessToken: string): string | undefined;
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
  };
}
