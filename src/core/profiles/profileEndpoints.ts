import type { ClientProfile } from './clientProfile';

/** The endpoints a profile has, by their spec names (for the token details and the tree). */
export function endpointsOf(profile: ClientProfile): [string, string][] {
  const all: [string, string | undefined][] = [
    ['issuer', profile.issuer],
    ['authorization_endpoint', profile.authorization_endpoint],
    ['token_endpoint', profile.token_endpoint],
    ['revocation_endpoint', profile.revocation_endpoint],
    ['introspection_endpoint', profile.introspection_endpoint],
    ['device_authorization_endpoint', profile.device_authorization_endpoint],
    ['consent_details_endpoint', profile.consentDetailsEndpoint],
  ];
  return all.filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
}
