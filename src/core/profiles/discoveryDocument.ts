/**
 * Reads an OpenID Connect discovery document (or RFC 8414 authorization-server metadata) into the profile fields it
 * provides, so the "Generic OpenID Connect" preset needs only an issuer URL.
 *
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3
 */
import { english, type Translate } from '../text/translate';
import { ClientProfile } from './clientProfile';

/** The profile fields a discovery document fills. */
export type DiscoveredFields = Pick<ClientProfile, 'issuer' | 'authorization_endpoint' | 'token_endpoint'> &
  Partial<
    Pick<ClientProfile, 'revocation_endpoint' | 'introspection_endpoint' | 'device_authorization_endpoint'>
  >;

/**
 * The URLs to try for what the user typed: the URL itself when it already names a `.well-known` document, else the
 * OIDC location then the RFC 8414 one (path-aware: the well-known segment goes before the issuer's path).
 */
export function discoveryUrlsFor(input: string): string[] {
  const url = new URL(input.trim());
  if (url.pathname.includes('/.well-known/')) {
    return [url.toString()];
  }
  const path = url.pathname.replace(/\/+$/, '');
  return [
    `${url.origin}${path}/.well-known/openid-configuration`,
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
  ];
}

/** The profile fields from a discovery document, or a sentence (through `translate`) saying what is missing. */
export function fieldsFromDiscovery(
  document: Readonly<Record<string, unknown>>,
  translate: Translate = english,
): DiscoveredFields | string {
  const text = (name: string) =>
    typeof document[name] === 'string' && document[name] !== '' ? (document[name] as string) : undefined;
  const issuer = text('issuer');
  const authorization = text('authorization_endpoint');
  const token = text('token_endpoint');
  if (!issuer || !authorization || !token) {
    return translate('The discovery document lacks issuer, authorization_endpoint or token_endpoint.');
  }
  const fields: DiscoveredFields = {
    issuer,
    authorization_endpoint: authorization,
    token_endpoint: token,
    revocation_endpoint: text('revocation_endpoint'),
    introspection_endpoint: text('introspection_endpoint'),
    device_authorization_endpoint: text('device_authorization_endpoint'),
  };
  return JSON.parse(JSON.stringify(fields)) as DiscoveredFields;
}
