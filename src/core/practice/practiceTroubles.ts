/**
 * The practice server's "trouble" switches: one per case of Rabobank's OAuth2 troubleshooting guide, so a user can
 * make that error happen for real and see how OAuth Workbench explains it. Shared by the server's own page, its
 * HTTP endpoint, the CLI and the VS Code command `oauthWorkbench.practiceTrouble`.
 *
 * Labels and descriptions are {@link LocalText}: the server's pages and VS Code show them in the user's language, the
 * JSON endpoint in English. The wire texts they quote (`invalid_grant`, "invalid client id or secret") stay as the bank
 * sends them.
 */
import { localText, type LocalText } from '../text/localText';

/** Stable ids of the trouble switches; the HTTP endpoint and the VS Code command take these. */
export type PracticeTroubleId =
  | 'unknown-client-id'
  | 'redirect-uri-mismatch'
  | 'expire-code'
  | 'spend-refresh-token'
  | 'wrong-client'
  | 'grant-type-mismatch'
  | 'expire-access-token'
  | 'expire-consent'
  | 'revoke-consent'
  | 'drop-scope'
  | 'gateway-failure';

/**
 * `next-request`: armed until the next matching request, which fails that way, then disarmed.
 * `state`: changes the server's state at once (tokens or consents), as the bank would.
 */
export type PracticeTroubleKind = 'next-request' | 'state';

/** One trouble switch: what it does, and which knowledge-base entry explains the error it causes. */
export interface PracticeTrouble {
  readonly id: PracticeTroubleId;
  readonly kind: PracticeTroubleKind;
  /** Short label for a button or a quick pick. */
  readonly label: LocalText;
  /** What happens, in one or two plain sentences. */
  readonly description: LocalText;
  /**
   * The id of the error knowledge-base entry that explains the resulting error; absent when the error is not an
   * OAuth one (a gateway failure is reported as a server error).
   */
  readonly catalogId?: string;
}

/** Every trouble switch, in the order of the guide: authorize, token endpoint, resource calls. */
export const PRACTICE_TROUBLES: readonly PracticeTrouble[] = [
  {
    id: 'unknown-client-id',
    kind: 'next-request',
    label: localText('Unknown client id at authorize'),
    description: localText(
      'The next authorization request answers 401 "invalid client id or secret", as when the app is not subscribed to OAuth 2.0 Services.',
    ),
    catalogId: 'rabobank.authorize.invalid-client',
  },
  {
    id: 'redirect-uri-mismatch',
    kind: 'next-request',
    label: localText('Demand another redirect URI'),
    description: localText(
      'The next authorization request shows the "Redirect URI Mismatch" page, as if another redirect URI were registered on the portal.',
    ),
    catalogId: 'rabobank.authorize.redirect-uri-mismatch',
  },
  {
    id: 'expire-code',
    kind: 'next-request',
    label: localText('Expire the authorization code'),
    description: localText(
      'The next code exchange answers 400 invalid_grant, as for a code older than 5 minutes.',
    ),
    catalogId: 'rabobank.token.invalid-code',
  },
  {
    id: 'spend-refresh-token',
    kind: 'state',
    label: localText('Refresh token already used'),
    description: localText(
      'Every refresh token issued so far counts as used, so the next refresh answers 401 invalid_grant.',
    ),
    catalogId: 'rabobank.token.invalid-refresh-token',
  },
  {
    id: 'wrong-client',
    kind: 'next-request',
    label: localText('Wrong client secret'),
    description: localText(
      'The next token, revocation or introspection call answers 401 invalid_client, as after a secret reset on the portal.',
    ),
    catalogId: 'rabobank.token.invalid-client',
  },
  {
    id: 'grant-type-mismatch',
    kind: 'next-request',
    label: localText('Grant type mismatch'),
    description: localText(
      'The next token call answers 400 invalid_request, as when grant_type does not fit the credential sent (e.g. "code").',
    ),
    catalogId: 'rabobank.token.grant-type-mismatch',
  },
  {
    id: 'expire-access-token',
    kind: 'state',
    label: localText('Expire the access tokens'),
    description: localText(
      'Every access token issued so far expires now, so the next API call answers 401 with the gateway body.',
    ),
    catalogId: 'rabobank.api.access-token-invalid',
  },
  {
    id: 'expire-consent',
    kind: 'state',
    label: localText('Expire the consent'),
    description: localText(
      'Every consent becomes "expired": API calls answer 403 Forbidden, refreshes 401 invalid_grant, and the consent details show the status per account.',
    ),
    catalogId: 'rabobank.api.forbidden',
  },
  {
    id: 'revoke-consent',
    kind: 'state',
    label: localText('Revoke the consent (as the user)'),
    description: localText(
      'Every consent becomes "revokedByPsu", as when the user revokes it in online banking: API calls answer 403 Forbidden, refreshes 401 invalid_grant.',
    ),
    catalogId: 'rabobank.api.forbidden',
  },
  {
    id: 'drop-scope',
    kind: 'state',
    label: localText('Drop the ais.* scopes'),
    description: localText(
      'Access tokens issued so far lose their ais.* scopes, so the next accounts call answers 403 Forbidden until a refresh or a new sign-in.',
    ),
    catalogId: 'rabobank.api.forbidden',
  },
  {
    id: 'gateway-failure',
    kind: 'next-request',
    label: localText('Gateway failure'),
    description: localText(
      'The next token call answers 502 with an HTML page instead of JSON, as when the gateway in front of the bank fails.',
    ),
  },
];

/** The trouble switch with this id, or `undefined`. */
export function practiceTroubleOf(id: string): PracticeTrouble | undefined {
  return PRACTICE_TROUBLES.find((trouble) => trouble.id === id);
}
