import { HoverActionKind } from '../knowledge/knowledgeEntry';
import { AnswerExplanation } from './explainAnswer';

/** How the actions read where no command can be clicked: what to do by hand, or with the CLI. */
const ACTION_WORDS: Record<HoverActionKind, string> = {
  refreshToken: 'Refresh the token (oauth-workbench refresh, or "Refresh Token" in VS Code)',
  checkConsent: 'Check the consent ("Check Consent" in VS Code)',
  signIn: 'Sign in again ("Sign In" in VS Code)',
  editProfile: 'Check the client profile ("Edit Profile" in VS Code)',
  setClientSecret:
    'Store the current client secret ("Set Client Secret" in VS Code, or the --client-secret-env variable)',
};

/** An explained answer as plain text, for `oauth-workbench explain -`. */
export function answerText(explanation: AnswerExplanation): string {
  const context = [
    explanation.status !== undefined ? `HTTP ${explanation.status}` : 'status unknown',
    explanation.endpoint !== 'unknown' ? `${explanation.endpoint} endpoint` : undefined,
    explanation.provider !== 'unknown' ? explanation.provider : undefined,
    explanation.grantType ? `grant_type=${explanation.grantType}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  if (explanation.findings.length === 0) {
    return (
      `No known OAuth error in this answer (${context}).\n` +
      'Give the request with --url and --grant-type, or the status with --status, if the answer came without them.\n'
    );
  }
  const out: string[] = [];
  for (const f of explanation.findings) {
    const where = f.line !== undefined ? `line ${f.line + 1}` : 'from the hints';
    out.push(`${f.id}: ${plain(f.message)}`, `  (${context}; ${where})`, '');
    if (f.summary) {
      out.push(plain(f.summary), '');
    }
    if (f.serverText) {
      out.push(`The server said: ${oneLine(f.serverText)}`, '');
    }
    if (f.causes.length > 0) {
      out.push('Likely causes:');
      f.causes.forEach((c, i) => out.push(`  ${i + 1}. ${plain(c)}`));
      out.push('');
    }
    if (f.fixes.length > 0) {
      out.push('How to fix:');
      f.fixes.forEach((fix) => out.push(`  - ${plain(fix)}`));
      out.push('');
    }
    for (const erratum of f.errata) {
      out.push(`${plain(erratum.title)}:`, `  ${plain(erratum.text)}`, '');
    }
    if (f.alternatives.length > 0) {
      out.push('The request does not say enough to be sure; it could also be:');
      f.alternatives.forEach((a) => out.push(`  - ${a.id}: ${plain(a.title)}`));
      out.push('');
    }
    if (f.actions.length > 0) {
      out.push('Next steps:');
      f.actions.forEach((a) => out.push(`  - ${ACTION_WORDS[a]}`));
      out.push('');
    }
    if (f.link) {
      out.push(`Reference: ${f.link.title} <${f.link.url}>`, '');
    }
  }
  return out.join('\n');
}

/** Markdown code spans read fine as plain text without their backticks. */
function plain(text: string): string {
  return text.replace(/`/g, '');
}

/** The server's own words on one line, cut short and stripped of control characters (they could drive a terminal). */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
