import { ClientProfile } from '../../core/profiles/clientProfile';
import { endpointsOf } from '../../core/profiles/profileEndpoints';
import { describeProblem, ProfileProblem } from '../../core/profiles/profileProblem';
import { decodeJwtUnverified } from '../../core/tokens/decodeJwt';
import { describeExpiry } from '../../core/tokens/expiryLabels';
import { maskToken } from '../../core/tokens/tokenFingerprint';
import { possiblySpentWarning, TokenSet } from '../../core/tokens/tokenSet';
import type { Translate } from '../../core/text/translate';

/**
 * The text of the read-only token-details document: the token set with tokens masked (unless revealed on request),
 * expiries, scope, consent id, endpoints, and decoded JWT claims marked as unverified. A `problem` the last answer
 * proved (refresh token refused, consent ended, client secret refused) comes first, with its next step. The words go
 * through `options.translate`; the token set's member names stay as the server sent them.
 */
export function renderTokenDetails(
  profile: ClientProfile,
  tokenSet: TokenSet | undefined,
  options: {
    readonly reveal: boolean;
    readonly nowMs: number;
    readonly problem?: ProfileProblem;
    readonly translate: Translate;
  },
): string {
  const { translate } = options;
  const lines: string[] = [`# ${profile.label} (${profile.id})`, ''];
  if (options.problem) {
    const words = describeProblem(options.problem, translate);
    lines.push(
      `## ${translate('Last answer')}`,
      '',
      `- ${words.short} (${new Date(options.problem.at).toISOString()}): ${words.sentence}`,
      `- ${translate('Next step: {0}', words.nextStep)}`,
      '',
    );
  }
  const show = (token: string) => (options.reveal ? token : maskToken(token));
  if (!tokenSet) {
    lines.push(translate('Not signed in.'), '');
  } else {
    if (options.reveal) {
      lines.push(
        `> ${translate('Tokens are shown in full. Do not share this document or a screenshot of it.')}`,
        '',
      );
    } else {
      lines.push(
        `> ${translate('Tokens are masked. Run "OAuth Workbench: Show Token Details" and choose Reveal to see them.')}`,
        '',
      );
    }
    const at = (iso: string | undefined) =>
      iso ? `${iso} (${describeExpiry(Date.parse(iso) - options.nowMs, translate)})` : translate('unknown');
    lines.push(
      `## ${translate('Token set')}`,
      '',
      `- token_type: ${tokenSet.token_type}`,
      `- access_token: ${show(tokenSet.access_token)}`,
      `- expires_at: ${at(tokenSet.expires_at)}`,
      `- refresh_token: ${tokenSet.refresh_token ? show(tokenSet.refresh_token) : translate('none')}`,
    );
    if (tokenSet.refresh_token) {
      lines.push(`- refresh_token_expires_at: ${at(tokenSet.refresh_token_expires_at)}`);
      const spent = possiblySpentWarning(tokenSet, translate);
      if (spent) {
        lines.push(`- ${translate('refresh_token may be spent: {0}', spent)}`);
      }
    }
    lines.push(
      `- scope: ${tokenSet.scope ?? translate('not stated')}`,
      `- consent_id: ${tokenSet.consent_id ?? translate('none')}`,
      `- id_token: ${tokenSet.id_token ? show(tokenSet.id_token) : translate('none')}`,
      `- received_at: ${tokenSet.received_at}`,
    );
    const other = Object.keys(tokenSet.other);
    if (other.length > 0) {
      lines.push(`- ${translate('other members: {0}', other.join(', '))}`);
    }
    for (const [title, token] of [
      [translate('Claims of the access token (decoded, signature NOT verified)'), tokenSet.access_token],
      [translate('Claims of the ID token (decoded, signature NOT verified)'), tokenSet.id_token],
    ] as const) {
      const jwt = token ? decodeJwtUnverified(token) : undefined;
      if (jwt) {
        lines.push(
          '',
          `## ${title}`,
          '',
          '```json',
          JSON.stringify({ header: jwt.header, claims: jwt.claims }, null, 2),
          '```',
        );
      }
    }
  }
  lines.push('', `## ${translate('Endpoints')}`, '');
  for (const [name, value] of endpointsOf(profile)) {
    lines.push(`- ${name}: ${value}`);
  }
  lines.push(`- redirect_uri: ${profile.redirect_uri}`, `- client_id: ${profile.client_id}`, '');
  return lines.join('\n');
}
