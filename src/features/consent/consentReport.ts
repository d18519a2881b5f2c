import { ConsentDetails, explainConsentStatus } from '../../core/consent/consentDetails';

/** The consent as a markdown table: one row per scope and account, every status other than `valid` explained. */
export function renderConsentReport(label: string, consentId: string, details: ConsentDetails): string {
  const bad = details.entries.filter((entry) => entry.status !== 'valid');
  const lines = [
    `# Consent ${consentId} of "${label}"`,
    '',
    details.usable
      ? `Usable: yes. All ${details.entries.length} account entries are valid.`
      : details.entries.length === 0
        ? 'Usable: no. The consent lists no accounts.'
        : `Usable: no. ${bad.length} of ${details.entries.length} account entries are not valid; a consent is usable only when every entry is "valid".`,
    '',
    '| Scope | Account | Status | Valid until | Meaning |',
    '| --- | --- | --- | --- | --- |',
    ...details.entries.map(
      (entry) =>
        `| ${entry.scope} | ${entry.iban ?? '—'}${entry.currency ? ` (${entry.currency})` : ''} | ${entry.status} | ${entry.validUntil ?? '—'} | ${explainConsentStatus(entry.status)} |`,
    ),
    '',
    'Note: Rabobank’s troubleshooting guide speaks of an "invalid" status; no such value exists. Any status other than "valid" means the consent cannot be used.',
    '',
  ];
  return lines.join('\n');
}
