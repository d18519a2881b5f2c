import type { Translate } from '../text/translate';
import { ConsentDetails } from './consentDetails';

/** What the last consent check said, kept for the tree (no account numbers: the tooltip needs none). */
export interface ConsentCheckSummary {
  readonly consentId: string;
  readonly usable: boolean;
  readonly entries: number;
  /** Entries whose status is not `valid`, as `scope: status`. */
  readonly problems: readonly string[];
  /** The earliest `validUntil` of the entries, when the bank gave one. */
  readonly validUntil?: string;
  /** Epoch ms of the check. */
  readonly at: number;
}

/** Condenses a consent check for the tree. */
export function summarizeConsent(
  consentId: string,
  details: ConsentDetails,
  at: number,
): ConsentCheckSummary {
  const until = details.entries
    .map((entry) => entry.validUntil)
    .filter((value): value is string => value !== undefined)
    .sort()[0];
  return {
    consentId,
    usable: details.usable,
    entries: details.entries.length,
    problems: details.entries
      .filter((entry) => entry.status !== 'valid')
      .map((entry) => `${entry.scope}: ${entry.status}`),
    ...(until !== undefined ? { validUntil: until } : {}),
    at,
  };
}

/**
 * The consent row's tooltip, in plain text: the id, what the last check found (or that none ran yet) and how
 * long the consent lasts, then what a click does. A summary of another consent id (the user signed in again since)
 * counts as no check. The words go through `translate`.
 */
export function consentTooltip(
  consentId: string,
  summary: ConsentCheckSummary | undefined,
  formatTime: (epochMs: number) => string,
  translate: Translate,
): string {
  const lines = [translate('Consent {0}', consentId)];
  if (!summary || summary.consentId !== consentId) {
    lines.push(
      translate('Status: not checked yet.'),
      translate('Click to ask the bank whether it is still valid.'),
    );
    return lines.join('\n');
  }
  const time = formatTime(summary.at);
  if (summary.usable) {
    lines.push(translate('Status: valid for all {0} account entries (checked {1}).', summary.entries, time));
  } else if (summary.entries === 0) {
    lines.push(translate('Status: cannot be used, it lists no accounts (checked {0}).', time));
  } else {
    lines.push(translate('Status: cannot be used (checked {0}): {1}.', time, summary.problems.join(', ')));
  }
  lines.push(
    summary.validUntil
      ? translate('Valid until: {0}.', summary.validUntil)
      : translate('Valid until: not given by the bank.'),
  );
  lines.push(
    summary.usable
      ? translate('Click to check it again.')
      : translate('Sign in again to give a new consent, or click to check again.'),
  );
  return lines.join('\n');
}
