import type { KnowledgeActionKind } from './knowledgeEntry';

/**
 * Actions for engine error codes that no catalog entry describes (the profile's own state, not a server's answer).
 * Data, like the entries' `actions`: the boundary never guesses from ids or message text.
 */
export const CODE_ACTIONS: Readonly<Record<string, readonly KnowledgeActionKind[]>> = {
  CLIENT_SECRET_MISSING: ['setClientSecret'],
};

/** Order of the buttons between "Retry" and "Show Log"; "Edit Profile" always comes last. */
const BUTTON_ORDER: readonly KnowledgeActionKind[] = [
  'setClientSecret',
  'signIn',
  'refreshToken',
  'checkConsent',
];

/** What the failed command and its error say about which actions may help. */
export interface FailureFacts {
  /** The `actions` of the catalog entry the error names, if any. */
  readonly entryActions?: readonly KnowledgeActionKind[];
  /** The engine's error code, for {@link CODE_ACTIONS}. */
  readonly code?: string;
  /** Actions the failed operation itself suggests (a failed refresh: sign in again, check the consent). */
  readonly operationActions?: readonly KnowledgeActionKind[];
  /** The action that is the same as "Retry" (not offered twice). */
  readonly retry?: KnowledgeActionKind;
  /** Whether the profile has a consent details endpoint ("Check Consent" cannot work without one). */
  readonly canCheckConsent: boolean;
}

/**
 * The actions to offer for a failure, in button order: what the catalog entry and the error code name, or else what
 * the operation suggests; without the retry action, without impossible ones, and "Edit Profile" last.
 */
export function failureActions(facts: FailureFacts): KnowledgeActionKind[] {
  const specific = [
    ...(facts.entryActions ?? []),
    ...((facts.code !== undefined ? CODE_ACTIONS[facts.code] : undefined) ?? []),
  ];
  // What the operation suggests is a guess for errors nobody described; an entry that names its own actions knows
  // better, and more buttons than a notification can show are cut to unreadable stubs.
  const named = new Set<KnowledgeActionKind>(specific.length > 0 ? specific : (facts.operationActions ?? []));
  named.delete('editProfile');
  if (facts.retry) {
    named.delete(facts.retry);
  }
  if (!facts.canCheckConsent) {
    named.delete('checkConsent');
  }
  return [...BUTTON_ORDER.filter((kind) => named.has(kind)), 'editProfile'];
}
