import { ConsentDetails, explainConsentStatus } from '../../core/consent/consentDetails';
import type { Translate } from '../../core/text/translate';

/**
 * The consent as Markdown for the preview: a narrow table (scope, account, status, valid until) that fits without
 * wrapping, then what each status in it means. Every value comes from the bank's answer, so it is escaped: no link,
 * image or HTML of the server's reaches the preview. The words go through `translate`.
 */
export function renderConsentReport(
  label: string,
  consentId: string,
  details: ConsentDetails,
  translate: Translate,
): string {
  const bad = details.entries.filter((entry) => entry.status !== 'valid');
  const statuses = [...new Set(details.entries.map((entry) => entry.status))];
  const lines = [
    `# ${translate('Consent of {0}', cell(label))}`,
    '',
    translate('Consent id: {0}', `\`${consentId.replace(/`/g, '')}\``),
    '',
    details.usable
      ? `**${translate('Usable: yes.')}** ${translate('All {0} account entries are valid.', details.entries.length)}`
      : details.entries.length === 0
        ? `**${translate('Usable: no.')}** ${translate('The consent lists no accounts.')}`
        : `**${translate('Usable: no.')}** ${translate('{0} of {1} account entries are not valid; a consent is usable only when every entry is "valid".', bad.length, details.entries.length)}`,
    '',
  ];
  if (details.entries.length > 0) {
    lines.push(
      `| ${translate('Scope')} | ${translate('Account')} | ${translate('Status')} | ${translate('Valid until')} |`,
      '| --- | --- | --- | --- |',
      ...details.entries.map(
        (entry) =>
          `| ${cell(entry.scope)} | ${entry.iban ? cell(entry.iban) : '—'}${entry.currency ? ` (${cell(entry.currency)})` : ''} | ${cell(entry.status)} | ${entry.validUntil ? cell(entry.validUntil) : '—'} |`,
      ),
      '',
      `## ${translate('What the statuses mean')}`,
      '',
      ...statuses.map((status) => `- **${cell(status)}**: ${cell(explainConsentStatus(status, translate))}`),
      '',
    );
  }
  lines.push(
    translate(
      'Note: Rabobank’s troubleshooting guide speaks of an "invalid" status; no such value exists. Any status other than "valid" means the consent cannot be used.',
    ),
    '',
  );
  return lines.join('\n');
}

/** Text from the server as inert Markdown inside a table cell or a list item. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|#!~&()]/g, (c) => `\\${c}`);
}
