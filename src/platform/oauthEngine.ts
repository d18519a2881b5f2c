import type { CallbackReceiverFactory } from '../core/oauth/authorizationCallback';
import type { HttpClient } from '../core/oauth/httpClient';
import type { ClientProfile } from '../core/profiles/clientProfile';
import type { TokenManager } from '../core/oauth/tokenManager';

/**
 * The OAuth engine as features see it: loaded on first use. The implementation (`wiring/engineLoader.ts`) imports
 * Node code, which neither platform nor features may do, so they depend on this interface only.
 */
export interface OAuthEngine {
  /** The token manager (refresh, revoke, sign out) over this window's vault and secret store. */
  tokenManager(): Promise<TokenManager>;
  /** The HTTP client for a profile's proxy / mTLS settings; each request and response is logged, redacted. */
  httpClientFor(profile: Pick<ClientProfile, 'proxy' | 'tls'>): Promise<HttpClient>;
  /** The loopback redirect server factory for the authorization-code flow. */
  loopbackReceiver(): Promise<CallbackReceiverFactory>;
}
