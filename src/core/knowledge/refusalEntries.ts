import { KnowledgeEntry, entry } from './knowledgeEntry';

/** Refusals only the engine sees (it asked the server itself), which no `.http` answer pattern reports. */
export function refusalEntries(): KnowledgeEntry[] {
  return [
    entry({
      id: 'oauth.authorize.refused-before-login',
      title: 'The authorization endpoint refused before any login',
      place: 'authorize-page',
      status: [400, 401, 403, 404],
      summary:
        'Asked for the authorization URL, the server answered with an error page instead of a login. It sends the browser back only when it trusts the redirect URI, so the sign-in would never have come back.',
      causes: [
        'The redirect URI is not registered for this client, or differs in port, path or trailing slash.',
        'The client id is unknown to this server (another environment or tenant).',
        'A parameter the server insists on is missing or malformed.',
      ],
      fixes: [
        'Compare the profile’s redirect URI with the one registered at the provider, character by character.',
        'Compare the client id and the authorization endpoint of the profile (Edit Profile) with the provider’s.',
      ],
      link: {
        title: 'RFC 6749 §4.1.2.1 Error Response',
        url: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1',
      },
      actions: ['editProfile'],
    }),
    entry({
      id: 'oauth.authorize.redirect-uri-mismatch',
      title: 'The server showed a redirect URI mismatch page',
      place: 'authorize-page',
      status: [200, 400],
      summary:
        'The server answered with a page saying the redirect URI does not match, instead of a login or an OAuth answer. It will not send the browser back to an address it does not know.',
      causes: [
        'The profile’s redirect URI is not among the ones registered for this client: scheme, host, port, path or trailing slash differ.',
        'The client is registered in another environment or tenant, with other redirect URIs.',
      ],
      fixes: [
        'Copy the redirect URI registered at the provider into the profile exactly, or register the profile’s one there.',
        'Use the client id of the environment the authorization endpoint is in (Edit Profile).',
      ],
      link: {
        title: 'RFC 6749 §3.1.2 Redirection Endpoint',
        url: 'https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2',
      },
      actions: ['editProfile'],
    }),
  ];
}
