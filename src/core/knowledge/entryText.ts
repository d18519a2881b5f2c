import { KnowledgeBase } from './knowledgeBase';
import { KnowledgeEntry } from './knowledgeEntry';

/** An entry as plain text for `oauth-workbench explain`: title, where, causes, fixes, errata, link. */
export function entryText(entry: KnowledgeEntry, kb: KnowledgeBase): string {
  const out: string[] = [`${entry.id}: ${plain(entry.title)}`, ''];
  const status = entry.status.length > 0 ? ` (HTTP ${entry.status.join(' or ')})` : '';
  out.push(`Where: ${entry.place}${status}`, '', plain(entry.summary), '', 'Likely causes:');
  entry.causes.forEach((c, i) => out.push(`  ${i + 1}. ${plain(c.text)}`));
  out.push('', 'How to fix:');
  entry.fixes.forEach((f) => out.push(`  - ${plain(f)}`));
  for (const erratum of kb.errataOf(entry)) {
    out.push('', `${plain(erratum.title)}:`, `  ${plain(erratum.text)}`);
  }
  if (entry.related.length > 0) {
    out.push('', `See also: ${entry.related.join(', ')}`);
  }
  out.push('', `Reference: ${entry.link.title} <${entry.link.url}>`, '');
  return out.join('\n');
}

/** Markdown code spans read fine as plain text without their backticks. */
function plain(text: string): string {
  return text.replace(/`/g, '');
}
