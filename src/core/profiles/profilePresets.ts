/**
 * Presets a profile starts from. The Rabobank ones carry the bank's documented endpoints and lifetimes
 * (reference: oauth-error-reference.md, Part 4), so a user only adds client id, redirect URI, scopes and secret.
 */
import { LocalText, localText } from '../text/localText';
import { ClientProfile, ProfilePresetId } from './clientProfile';

/** Facts about a provider's tokens that the engine uses to explain errors and plan refreshes. */
export interface ProviderFacts {
  /** Lifetime the provider documents for access tokens (used when a response omits `expires_in`). */
  readonly accessTokenLifetimeSeconds?: number;
  /** Authorization codes die after this long; an exchange failing later says the code expired. */
  readonly authorizationCodeLifetimeSeconds: number;
  /** Each refresh returns a new refresh token and kills the old one (Rabobank: yes). */
  readonly singleUseRefreshTokens: boolean;
  /** True for Rabobank presets: selects the `rabobank.*` catalog ids when errors are explained. */
  readonly rabobank: boolean;
}

/** A preset: label, the profile fields it fills, provider facts, and scopes offered in a pick list. */
export interface ProfilePreset {
  readonly id: ProfilePresetId;
  /** Shown in the picker and given to a new profile as its name, in the user's language. */
  readonly label: LocalText;
  readonly defaults: Omit<ClientProfile, 'id' | 'label' | 'client_id' | 'redirect_uri' | 'scopes'>;
  readonly facts: ProviderFacts;
  readonly suggestedScopes: readonly string[];
}

const RABOBANK_FACTS: ProviderFacts = {
  accessTokenLifetimeSeconds: 3600,
  authorizationCodeLifetimeSeconds: 300,
  singleUseRefreshTokens: true,
  rabobank: true,
};

// RFC 6749 §4.1.2 recommends at most 10 minutes for a code; use that as the bound for unknown providers.
const GENERIC_FACTS: ProviderFacts = {
  authorizationCodeLifetimeSeconds: 600,
  singleUseRefreshTokens: false,
  rabobank: false,
};

const PSD2_SCOPES = [
  'ais.balances.read',
  'ais.transactions.read-90days',
  'ais.transactions.read-history',
  'caf.fundsconfirmation.read',
  'pi.bulk.read-write',
  'oauth2.consents.read',
];
const PREMIUM_SCOPES = [
  'bai.accountinformation.read',
  'bbpi.bulk.read-write',
  'bspi.single.read-write',
  'bdd.payments.write',
  'prs.paymentrequest.read-write',
  'oauth2.consents.read',
];

function rabobank(
  id: ProfilePresetId,
  label: LocalText,
  oauthBase: string,
  tokenBase: string,
  consentDetailsEndpoint: string,
  suggestedScopes: readonly string[],
): ProfilePreset {
  const apiHosts = [new URL(consentDetailsEndpoint).host];
  return {
    id,
    label,
    facts: RABOBANK_FACTS,
    suggestedScopes,
    defaults: {
      preset: id,
      authorization_endpoint: `${oauthBase}/authorize`,
      token_endpoint: `${tokenBase}/token`,
      consentDetailsEndpoint,
      // The bank's APIs answer on the host of the consent details API; a token goes nowhere else.
      apiHosts,
      token_endpoint_auth_method: 'client_secret_basic',
      // Rabobank documents no PKCE support; the user may switch it on.
      pkce: false,
      // "add a slight delay of 1000ms before calling this endpoint" (Rabobank OAuth2 troubleshooting guide).
      exchangeDelayMs: 1000,
    },
  };
}

function generic(id: 'generic-oauth2' | 'generic-oidc', label: LocalText): ProfilePreset {
  return {
    id,
    label,
    facts: GENERIC_FACTS,
    suggestedScopes: id === 'generic-oidc' ? ['openid', 'profile', 'email', 'offline_access'] : [],
    defaults: {
      preset: id,
      authorization_endpoint: '',
      token_endpoint: '',
      token_endpoint_auth_method: 'client_secret_basic',
      pkce: true,
      exchangeDelayMs: 0,
    },
  };
}

/** Every preset, in the order a picker shows them. */
export const PROFILE_PRESETS: readonly ProfilePreset[] = [
  rabobank(
    'rabobank-psd2-sandbox',
    localText('Rabobank PSD2 (sandbox)'),
    'https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2',
    'https://api-sandbox.rabobank.nl/openapi/sandbox/oauth2',
    'https://api-sandbox.rabobank.nl/openapi/sandbox/oauth2/consents',
    PSD2_SCOPES,
  ),
  rabobank(
    'rabobank-psd2-production',
    localText('Rabobank PSD2 (production)'),
    'https://oauth.rabobank.nl/openapi/oauth2',
    'https://oauth.rabobank.nl/openapi/oauth2',
    'https://api.rabobank.nl/openapi/oauth2/consents',
    PSD2_SCOPES,
  ),
  rabobank(
    'rabobank-premium-sandbox',
    localText('Rabobank Premium (sandbox)'),
    'https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2-premium',
    'https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2-premium',
    'https://api-sandbox.rabobank.nl/openapi/sandbox/oauth2-premium/v1/consents',
    PREMIUM_SCOPES,
  ),
  rabobank(
    'rabobank-premium-production',
    localText('Rabobank Premium (production)'),
    'https://oauth.rabobank.nl/openapi/oauth2-premium',
    'https://oauth.rabobank.nl/openapi/oauth2-premium',
    'https://api.rabobank.nl/openapi/oauth2-premium/v1/consents',
    PREMIUM_SCOPES,
  ),
  generic('generic-oauth2', localText('Generic OAuth 2.0')),
  generic('generic-oidc', localText('Generic OpenID Connect (discovery)')),
];

/** Looks a preset up by id; unknown ids (hand-edited settings) fall back to Generic OAuth 2.0. */
export function presetOf(id: ProfilePresetId | string): ProfilePreset {
  return PROFILE_PRESETS.find((preset) => preset.id === id) ?? PROFILE_PRESETS[4];
}

/** The fields a user supplies on top of a preset. */
export type ProfileInput = Pick<ClientProfile, 'id' | 'label' | 'client_id' | 'redirect_uri' | 'scopes'> &
  Partial<ClientProfile>;

/** Builds a profile from a preset plus the user's own fields; the user's values win over the preset's. */
export function createProfileFromPreset(presetId: ProfilePresetId, input: ProfileInput): ClientProfile {
  return { ...presetOf(presetId).defaults, ...input, preset: presetId };
}
