import { ERRATA } from '../knowledge/errata';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { HoverActionKind, KnowledgeCause, KnowledgeEntry } from '../knowledge/knowledgeEntry';
import { HttpDiagnostic } from './httpDiagnostic';

/** Registered command ids by action; an action whose command is not registered is left out of the hover. */
export type HoverCommands = Partial<Record<HoverActionKind, string>>;

/** Markdown for the hover of one diagnostic, plus the command ids it links to (for `isTrusted.enabledCommands`). */
export interface HoverContent {
  readonly markdown: string;
  readonly commandIds: readonly string[];
}

const ACTION_TITLES: Record<HoverActionKind, string> = {
  setClientSecret: 'Set client secret',
  refreshToken: 'Refresh token',
  checkConsent: 'Check consent',
  signIn: 'Sign in again',
  editProfile: 'Open profile',
};

const PLACE_WORDS: Record<KnowledgeEntry['place'], string> = {
  'authorize-redirect': 'authorization redirect',
  'authorize-page': 'authorization page',
  'token-endpoint': 'token endpoint',
  'revocation-endpoint': 'revocation endpoint',
  'resource-call': 'API call',
  'consent-api': 'Consent Details API',
  request: 'request (pre-flight check)',
};

/**
 * The hover for a diagnosed range: title, what happened, causes ranked for this request, fix steps, erratum notes,
 * the reference link, alternatives when the context could not decide, and links to the commands that act on it.
 */
export function hoverContent(
  diagnostic: HttpDiagnostic,
  kb: KnowledgeBase,
  commands: HoverCommands,
): HoverContent {
  const entry = kb.get(diagnostic.code);
  if (!entry) {
    return { markdown: `**${escapeMarkdown(diagnostic.message)}** · \`${diagnostic.code}\``, commandIds: [] };
  }
  const { data } = diagnostic;
  const lines: string[] = [];
  lines.push(`**${entry.title}** · \`${entry.id}\``, '');
  const where = [PLACE_WORDS[entry.place], data.status ? `HTTP ${data.status}` : undefined]
    .filter(Boolean)
    .join(' · ');
  lines.push(`${entry.summary} _(${where})_`, '');
  if (diagnostic.message !== entry.title) {
    lines.push(`_${escapeMarkdown(diagnostic.message.slice(entry.title.length).replace(/^:\s*/, ''))}_`, '');
  }
  if (data.serverText) {
    const said = data.serverText.length > 300 ? `${data.serverText.slice(0, 300)}…` : data.serverText;
    lines.push(`The server said: “${escapeMarkdown(said.replace(/\s+/g, ' '))}”`, '');
  }
  lines.push('**Likely causes**', '');
  rankCauses(entry.causes, data.grantType, data.endpoint).forEach((c, i) =>
    lines.push(`${i + 1}. ${c.text}`),
  );
  lines.push('', '**How to fix**', '');
  for (const fix of entry.fixes) {
    lines.push(`- ${fix}`);
  }
  // The errata correct Rabobank's guide: they only help someone talking to Rabobank (or the practice server).
  if (data.provider === 'rabobank') {
    for (const erratum of entry.errata.map((id) => ERRATA[id])) {
      lines.push('', `> **${erratum.title}.** ${erratum.text}`);
    }
  }
  const alternatives = data.alternatives
    .map((id) => kb.get(id))
    .filter((e): e is KnowledgeEntry => e !== undefined);
  if (alternatives.length > 0) {
    lines.push('', '**The request does not say enough to be sure; it could also be:**', '');
    for (const alt of alternatives) {
      lines.push(`- \`${alt.id}\`: ${alt.title}`);
    }
  }
  lines.push('', `[${entry.link.title}](${entry.link.url})`);
  const links: string[] = [];
  const commandIds: string[] = [];
  for (const action of entry.actions) {
    const id = commands[action];
    if (!id) {
      continue;
    }
    // Commands take `{ profileId }` (see platform/resolveProfile.ts); without one they let the user pick.
    const args = [{ profileId: data.profileId, scope: data.requiredScopes.join(' ') || undefined }];
    const title =
      action === 'signIn' && data.requiredScopes.length > 0
        ? `Sign in again with scope ${data.requiredScopes[0]}`
        : ACTION_TITLES[action];
    links.push(`[${title}](command:${id}?${encodeURIComponent(JSON.stringify(args))})`);
    commandIds.push(id);
  }
  if (links.length > 0) {
    lines.push('', links.join(' · '));
  }
  return { markdown: lines.join('\n'), commandIds };
}

/** Causes whose condition matches the request come first; the rest keep their catalog order. */
export function rankCauses(
  causes: readonly KnowledgeCause[],
  grantType: string | undefined,
  endpoint: string,
): KnowledgeCause[] {
  const matches = (c: KnowledgeCause) =>
    c.when !== undefined &&
    ('grantType' in c.when ? c.when.grantType === grantType : c.when.endpoint === endpoint);
  return [...causes.filter(matches), ...causes.filter((c) => !matches(c))];
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_[\]<>]/g, (c) => `\\${c}`);
}
