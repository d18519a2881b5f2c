import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { HoverActionKind, KnowledgeCause, KnowledgeEntry } from '../knowledge/knowledgeEntry';
import { redactSecrets } from '../oauth/redactSecrets';
import type { Translate } from '../text/translate';
import { HttpDiagnostic } from './httpDiagnostic';

/** Registered command ids by action; an action whose command is not registered is left out of the hover. */
export type HoverCommands = Partial<Record<HoverActionKind, string>>;

/** Markdown for the hover of one diagnostic, plus the command ids it links to (for `isTrusted.enabledCommands`). */
export interface HoverContent {
  readonly markdown: string;
  readonly commandIds: readonly string[];
}

function actionTitle(action: HoverActionKind, translate: Translate): string {
  switch (action) {
    case 'setClientSecret':
      return translate('Set client secret');
    case 'refreshToken':
      return translate('Refresh token');
    case 'checkConsent':
      return translate('Check consent');
    case 'signIn':
      return translate('Sign in again');
    case 'editProfile':
      return translate('Open profile');
  }
}

function placeWords(place: KnowledgeEntry['place'], translate: Translate): string {
  switch (place) {
    case 'authorize-redirect':
      return translate('authorization redirect');
    case 'authorize-page':
      return translate('authorization page');
    case 'token-endpoint':
      return translate('token endpoint');
    case 'revocation-endpoint':
      return translate('revocation endpoint');
    case 'resource-call':
      return translate('API call');
    case 'consent-api':
      return translate('Consent Details API');
    case 'request':
      return translate('request (pre-flight check)');
  }
}

/**
 * The hover for a diagnosed range: title, what happened, causes ranked for this request, fix steps, erratum notes,
 * the reference link, alternatives when the context could not decide, and links to the commands that act on it.
 * The hover's own words go through `translate`; the catalog entry's text is the knowledge base's.
 */
export function hoverContent(
  diagnostic: HttpDiagnostic,
  kb: KnowledgeBase,
  commands: HoverCommands,
  translate: Translate,
): HoverContent {
  const entry = kb.get(diagnostic.code);
  if (!entry) {
    return {
      markdown: `**${quoteForHover(diagnostic.message, MESSAGE_EXCERPT)}** · \`${diagnostic.code}\``,
      commandIds: [],
    };
  }
  const { data } = diagnostic;
  const lines: string[] = [];
  lines.push(`**${entry.title}** · \`${entry.id}\``, '');
  const where = [placeWords(entry.place, translate), data.status ? `HTTP ${data.status}` : undefined]
    .filter(Boolean)
    .join(' · ');
  lines.push(`${entry.summary} _(${where})_`, '');
  if (diagnostic.message !== entry.title) {
    const rest = diagnostic.message.slice(entry.title.length).replace(/^:\s*/, '');
    lines.push(`_${quoteForHover(rest, MESSAGE_EXCERPT)}_`, '');
  }
  if (data.serverText) {
    lines.push(translate('The server said: “{0}”', quoteForHover(data.serverText, SERVER_TEXT_EXCERPT)), '');
  }
  lines.push(`**${translate('Likely causes')}**`, '');
  rankCauses(entry.causes, data.grantType, data.endpoint).forEach((c, i) =>
    lines.push(`${i + 1}. ${c.text}`),
  );
  lines.push('', `**${translate('How to fix')}**`, '');
  for (const fix of entry.fixes) {
    lines.push(`- ${fix}`);
  }
  // The errata correct Rabobank's guide: they only help someone talking to Rabobank (or the practice server).
  if (data.provider === 'rabobank') {
    for (const erratum of kb.errataOf(entry)) {
      lines.push('', `> **${erratum.title}.** ${erratum.text}`);
    }
  }
  const alternatives = data.alternatives
    .map((id) => kb.get(id))
    .filter((e): e is KnowledgeEntry => e !== undefined);
  if (alternatives.length > 0) {
    lines.push('', `**${translate('The request does not say enough to be sure; it could also be:')}**`, '');
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
        ? translate('Sign in again with scope {0}', data.requiredScopes[0])
        : actionTitle(action, translate);
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

/** How much of a file's or server's words a hover quotes; the rest is left to the document itself. */
export const MESSAGE_EXCERPT = 160;
export const SERVER_TEXT_EXCERPT = 300;

// Bidi embeddings, overrides, isolates and marks: they can make quoted text read differently from what it is.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// C0 and C1 controls and every kind of line break or wide space: a quote stays one line of plain words.
// eslint-disable-next-line no-control-regex
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g;
// Every ASCII punctuation mark Markdown gives a meaning to (headings, lists, emphasis, code, links, HTML, tables).
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|<>~&:]/g;

/**
 * Text a file or a server chose, made safe to quote in hover Markdown: bidi controls removed, line breaks and
 * controls folded into single spaces, secrets and long token-like runs masked, cut to a short excerpt with "…", and
 * every Markdown character escaped, so it can neither span lines nor become a heading, a link, HTML or a code block.
 */
export function quoteForHover(text: string, max: number): string {
  // Fold first on a bounded prefix, so a 100 KB value costs no more than its excerpt.
  const folded = text
    .slice(0, max * 4)
    .replace(BIDI, '')
    .replace(BREAKS, ' ')
    .trim();
  const chars = Array.from(folded);
  const excerpt =
    chars.length > max || text.length > max * 4 ? `${chars.slice(0, max).join('').trimEnd()}…` : folded;
  return redactSecrets(excerpt, [], { serverText: true }).replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}
