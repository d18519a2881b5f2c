import { ConsentDetails, explainConsentStatus } from '../../core/consent/consentDetails';

/**
 * The consent as Markdown for the preview: a narrow table (scope, account, status, valid until) that fits without
 * wrapping, then what each status in it means. Every value comes from the bank's answer, so it is escaped: no link,
 * image or HTML of the server's reaches the preview.
 */
export function renderConsentReport(label: string, consentId: string, details: ConsentDetails): string {
  const bad = details.entries.filter((entry) => entry.status !== 'valid');
  const statuses = [...new Set(details.entries.map((entry) => entry.status))];
  const lines = [
    `# Consent of ${cell(label)}`,
    '',
    `Consent id: \`${consentId.replace(/`/g, '')}\``,
    '',
    details.usable
      ? `**Usable: yes.** All ${details.entries.length} account entries are valid.`
      : details.entries.length === 0
        ? '**Usable: no.** The consent lists no accounts.'
        : `**Usable: no.** ${bad.length} of ${details.entries.length} account entries are not valid; a consent is usable only when every entry is "valid".`,
    '',
  ];
  if (details.entries.length > 0) {
    lines.push(
      '| Scope | Account | Status | Valid until |',
      '| --- | --- | --- | --- |',
      ...details.entries.map(
        (entry) =>
          `| ${cell(entry.scope)} | ${entry.iban ? cell(entry.iban) : '—'}${entry.currency ? ` (${cell(entry.currency)})` : ''} | ${cell(entry.status)} | ${entry.validUntil ? cell(entry.validUntil) : '—'} |`,
      ),
      '',
      '## What the statuses mean',
      '',
      ...statuses.map((status) => `- **${cell(status)}**: ${cell(explainConsentStatus(status))}`),
      '',
    );
  }
  lines.push(
    'Note: Rabobank’s troubleshooting guide speaks of an "invalid" status; no such value exists. Any status other than "valid" means the consent cannot be used.',
    '',
  );
  return lines.join('\n');
}

/** Text from the server as inert Markdown inside a table cell or a list item. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|#!~&()]/g, (c) => `\\${c}`);
}
