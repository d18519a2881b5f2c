/**
 * What the last answer of a server proved about a profile, beyond "the last command failed": the refresh token was
 * refused, the consent ended (or an API call suggests it did), or the client secret was refused. The tree, the status
 * bar and the token details show it with the one action that helps; a later token answer makes it stale.
 */
import type { KnowledgeActionKind } from '../knowledge/knowledgeEntry';
import type { Translate } from '../text/translate';
import type { TokenSet } from '../tokens/tokenSet';

/** The kinds of lasting problem an answer can prove. */
export type ProfileProblemKind =
  'refreshTokenRefused' | 'consentEnded' | 'consentInDoubt' | 'clientSecretRefused';

/** A lasting problem of a profile, as the answer that proved it showed it. */
export interface ProfileProblem {
  readonly kind: ProfileProblemKind;
  /** Epoch ms when the answer came. A token set received later was a successful answer, so the problem is stale. */
  readonly at: number;
  /** For `consentEnded`: the status the Consent Details API gave (e.g. `expired`, `revokedByPsu`). */
  readonly consentStatus?: string;
  /** For the consent kinds: the consent id the answer was about. */
  readonly consentId?: string;
}

/** The action that fits a problem: one of the knowledge base's actions, so the same command table runs it. */
export type ProblemAction = Extract<KnowledgeActionKind, 'signIn' | 'checkConsent' | 'setClientSecret'>;

/** The words for a problem: a short tree/status label, a full sentence, and the next step as a sentence. */
export interface ProblemWords {
  readonly short: string;
  readonly sentence: string;
  readonly nextStep: string;
  readonly action: ProblemAction;
}

/** What is known about a failed operation; taken from the engine error, so no message text is parsed. */
export interface FailureFacts {
  readonly operation: 'signIn' | 'refresh' | 'revoke' | 'checkConsent';
  /** The OAuth `error` the server answered, if it answered one. */
  readonly error?: string;
  /** The knowledge base entry the engine chose. */
  readonly catalogId?: string;
  /** Whether the profile authenticates with a client secret (`token_endpoint_auth_method` is not `none`). */
  readonly usesClientSecret: boolean;
}

const CLIENT_REFUSED_ENTRIES = new Set(['rabobank.token.invalid-client', 'oauth.token.invalid_client']);

/**
 * The lasting problem a failed operation proves, if any. Only server answers count: a timeout or a refused
 * connection proves nothing about the tokens, so it returns `undefined` (and the caller keeps what it knew).
 */
export function problemOfFailure(facts: FailureFacts, at: number): ProfileProblem | undefined {
  const clientRefused =
    facts.error === 'invalid_client' ||
    (facts.catalogId !== undefined && CLIENT_REFUSED_ENTRIES.has(facts.catalogId));
  if (clientRefused && facts.usesClientSecret) {
    return { kind: 'clientSecretRefused', at };
  }
  const refreshRefused =
    facts.catalogId === 'rabobank.token.invalid-refresh-token' ||
    (facts.operation === 'refresh' && facts.error === 'invalid_grant');
  if (refreshRefused) {
    return { kind: 'refreshTokenRefused', at };
  }
  return undefined;
}

/**
 * The problem a Consent Details answer proves: `consentEnded` with the first status that is not `valid`, or
 * `undefined` for a usable consent (which clears a consent problem: see {@link nextProblem}).
 */
export function problemOfConsentAnswer(
  answer: { readonly usable: boolean; readonly statuses: readonly string[] },
  consentId: string,
  at: number,
): ProfileProblem | undefined {
  if (answer.usable) {
    return undefined;
  }
  const consentStatus = answer.statuses.find((status) => status !== 'valid');
  return { kind: 'consentEnded', at, consentId, ...(consentStatus ? { consentStatus } : {}) };
}

/**
 * The problem an API answer suggests: a 403 of a resource call with a valid token most often means the consent
 * expired or was revoked (or the scope is missing), which only the Consent Details API can tell.
 */
export function problemOfResourceAnswer(
  status: number,
  consentId: string | undefined,
  at: number,
): ProfileProblem | undefined {
  return status === 403 ? { kind: 'consentInDoubt', at, ...(consentId ? { consentId } : {}) } : undefined;
}

/** An answer about a profile, for {@link nextProblem}. */
export type ProfileAnswer =
  | { readonly kind: 'failure'; readonly problem?: ProfileProblem }
  | { readonly kind: 'consent'; readonly problem?: ProfileProblem }
  | { readonly kind: 'secretReplaced' }
  | { readonly kind: 'forgotten' };

/**
 * The problem to keep after an answer. A failure that proves a problem replaces the old one; one that proves nothing
 * (a timeout) keeps it. A consent answer replaces a consent problem, or clears it when the consent is usable. A new
 * client secret clears a refused one (the refused value is gone). Sign-out or removal forgets everything. A
 * successful token answer needs no event: {@link problemShown} sees the newer token set.
 */
export function nextProblem(
  current: ProfileProblem | undefined,
  answer: ProfileAnswer,
): ProfileProblem | undefined {
  switch (answer.kind) {
    case 'failure':
      return answer.problem ?? current;
    case 'consent':
      if (answer.problem) {
        return answer.problem;
      }
      return current && isConsentProblem(current) ? undefined : current;
    case 'secretReplaced':
      return current?.kind === 'clientSecretRefused' ? undefined : current;
    case 'forgotten':
      return undefined;
  }
}

/**
 * The problem still true for the stored token set, or `undefined` when a later answer made it stale: tokens received
 * after it (a sign-in or refresh succeeded, which the refused secret, token or consent could not have done), the
 * refresh token it was about gone, or the consent it was about replaced.
 */
export function problemShown(
  problem: ProfileProblem | undefined,
  tokenSet: TokenSet | undefined,
): ProfileProblem | undefined {
  if (!problem) {
    return undefined;
  }
  if (tokenSet && Date.parse(tokenSet.received_at) > problem.at) {
    return undefined;
  }
  if (problem.kind === 'refreshTokenRefused' && !tokenSet?.refresh_token) {
    return undefined;
  }
  if (isConsentProblem(problem) && (!tokenSet || tokenSet.consent_id !== problem.consentId)) {
    return undefined;
  }
  return problem;
}

/** The action that helps with a problem: what the tree's inline button and the status bar's next step run. */
export function problemAction(problem: ProfileProblem): ProblemAction {
  switch (problem.kind) {
    case 'refreshTokenRefused':
    case 'consentEnded':
      return 'signIn';
    case 'consentInDoubt':
      return 'checkConsent';
    case 'clientSecretRefused':
      return 'setClientSecret';
  }
}

/** The words (through `translate`) and the action for a problem. */
export function describeProblem(problem: ProfileProblem, translate: Translate): ProblemWords {
  const action = problemAction(problem);
  switch (problem.kind) {
    case 'refreshTokenRefused':
      return {
        short: translate('refresh token refused'),
        sentence: translate(
          'The token endpoint refused the refresh token: it was already used, revoked, or ended with the consent.',
        ),
        nextStep: translate('Run Sign In Again to get new tokens.'),
        action,
      };
    case 'consentEnded': {
      const status = problem.consentStatus;
      return {
        short:
          status === 'expired'
            ? translate('consent expired')
            : isRevoked(status)
              ? translate('consent revoked')
              : translate('consent not valid'),
        sentence: translate(
          'The Consent Details API reports the consent as {0}, so its tokens cannot reach the accounts.',
          status ?? translate('not valid'),
        ),
        nextStep: translate('Run Sign In Again so the account holder gives a new consent.'),
        action,
      };
    }
    case 'consentInDoubt':
      return {
        short: translate('API refused (403)'),
        sentence: translate(
          'The API answered 403 Forbidden: the consent may have expired or been revoked, or the token lacks the scope.',
        ),
        nextStep: translate('Run Check Consent to see whether the consent is still valid.'),
        action,
      };
    case 'clientSecretRefused':
      return {
        short: translate('client secret refused'),
        sentence: translate(
          'The server refused the client credentials (invalid_client): the stored client secret is wrong or was reset.',
        ),
        nextStep: translate(
          'Run Set Client Secret with the secret shown for this app on the developer portal.',
        ),
        action,
      };
  }
}

function isConsentProblem(problem: ProfileProblem): boolean {
  return problem.kind === 'consentEnded' || problem.kind === 'consentInDoubt';
}

function isRevoked(status: string | undefined): boolean {
  return status === 'revokedByPsu' || status === 'terminatedByTpp';
}
