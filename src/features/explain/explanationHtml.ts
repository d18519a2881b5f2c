import { AnswerExplanation, AnswerFinding } from '../../core/httpFile/explainAnswer';
import { HoverActionKind } from '../../core/knowledge/knowledgeEntry';
import { htmlLanguage } from '../../core/text/htmlLanguage';
import type { Translate } from '../../core/text/translate';

/** What a button in the view asks for; the extension checks it against the explanation before running anything. */
export interface ExplainActionMessage {
  readonly type: 'action';
  readonly finding: number;
  readonly action: HoverActionKind;
}

function actionTitle(action: HoverActionKind, translate: Translate): string {
  switch (action) {
    case 'refreshToken':
      return translate('Refresh Token');
    case 'checkConsent':
      return translate('Check Consent');
    case 'signIn':
      return translate('Sign In Again');
    case 'editProfile':
      return translate('Edit Profile');
    case 'setClientSecret':
      return translate('Set Client Secret');
  }
}

/** Where the page may load from: the webview's own source for nothing but styles; no network, no remote assets. */
export interface PageSecurity {
  /** A fresh random value per render; only the page's own script and style carry it. */
  readonly nonce: string;
  /** `webview.cspSource`. */
  readonly cspSource: string;
}

/**
 * The explanation as a small HTML page: every finding with its causes, fixes, errata, the server's own words and the
 * actions as buttons. Everything from the answer is escaped; the only script posts which button was pressed. The
 * page's own words go through `translate`, and `language` (VS Code's display language, the one `translate` speaks)
 * becomes the page's `lang`; the catalog entries' text is the knowledge base's.
 */
export function explanationHtml(
  explanation: AnswerExplanation,
  security: PageSecurity,
  available: ReadonlySet<HoverActionKind>,
  translate: Translate,
  language: string,
): string {
  const { nonce, cspSource } = security;
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "img-src 'none'",
    "font-src 'none'",
    "connect-src 'none'",
    "form-action 'none'",
  ].join('; ');
  const body =
    explanation.findings.length === 0
      ? `<h1>${escape(translate('No known OAuth error'))}</h1><p>${escape(nothingFound(explanation, translate))}</p>`
      : explanation.findings.map((f, i) => findingHtml(f, i, explanation, available, translate)).join('<hr>');
  return `<!DOCTYPE html>
<html lang="${htmlLanguage(language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escape(translate('Explanation'))}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground);
  line-height: 1.5; max-width: 60em; padding: 0 1.5em 2em; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
h2 { font-size: 1.05em; margin: 1.2em 0 0.3em; }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background);
  padding: 0 0.25em; border-radius: 3px; }
.meta { color: var(--vscode-descriptionForeground); margin-top: 0; }
.said { border-left: 3px solid var(--vscode-textBlockQuote-border); background: var(--vscode-textBlockQuote-background);
  padding: 0.4em 0.8em; white-space: pre-wrap; overflow-wrap: anywhere; }
.erratum { border-left: 3px solid var(--vscode-editorWarning-foreground); padding: 0.2em 0.8em; }
.actions { margin-top: 1.2em; display: flex; gap: 0.6em; flex-wrap: wrap; }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background);
  border: none; padding: 0.35em 1em; border-radius: 2px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
hr { border: none; border-top: 1px solid var(--vscode-panel-border); margin: 2em 0; }
</style>
</head>
<body>
${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const button of document.querySelectorAll('button[data-action]')) {
  button.addEventListener('click', () => vscode.postMessage({
    type: 'action', finding: Number(button.dataset.finding), action: button.dataset.action }));
}
</script>
</body>
</html>
`;
}

function findingHtml(
  f: AnswerFinding,
  index: number,
  explanation: AnswerExplanation,
  available: ReadonlySet<HoverActionKind>,
  translate: Translate,
): string {
  const out: string[] = [];
  out.push(`<h1>${inline(f.title)}</h1>`);
  const meta = [
    `<code>${escape(f.id)}</code>`,
    f.status !== undefined ? `HTTP ${f.status}` : undefined,
    explanation.endpoint !== 'unknown' ? escape(translate('{0} endpoint', explanation.endpoint)) : undefined,
    explanation.grantType ? `grant_type=${escape(explanation.grantType)}` : undefined,
    f.line !== undefined ? escape(translate('line {0} of the answer', f.line + 1)) : undefined,
  ].filter(Boolean);
  out.push(`<p class="meta">${meta.join(' · ')}</p>`);
  if (f.message !== f.title) {
    out.push(`<p><em>${inline(f.message.slice(f.title.length).replace(/^:\s*/, ''))}</em></p>`);
  }
  if (f.summary) {
    out.push(`<p>${inline(f.summary)}</p>`);
  }
  if (f.serverText) {
    const said = f.serverText.length > 600 ? `${f.serverText.slice(0, 600)}…` : f.serverText;
    out.push(`<h2>${escape(translate('The server said'))}</h2>`, `<div class="said">${escape(said)}</div>`);
  }
  if (f.causes.length > 0) {
    out.push(
      `<h2>${escape(translate('Likely causes'))}</h2>`,
      `<ol>${f.causes.map((c) => `<li>${inline(c)}</li>`).join('')}</ol>`,
    );
  }
  if (f.fixes.length > 0) {
    out.push(
      `<h2>${escape(translate('How to fix'))}</h2>`,
      `<ul>${f.fixes.map((x) => `<li>${inline(x)}</li>`).join('')}</ul>`,
    );
  }
  for (const e of f.errata) {
    out.push(`<p class="erratum"><strong>${inline(e.title)}.</strong> ${inline(e.text)}</p>`);
  }
  if (f.alternatives.length > 0) {
    out.push(
      `<h2>${escape(translate('The request does not say enough to be sure; it could also be'))}</h2>`,
      `<ul>${f.alternatives.map((a) => `<li><code>${escape(a.id)}</code>: ${inline(a.title)}</li>`).join('')}</ul>`,
    );
  }
  if (f.link) {
    // A link, not a fetch: VS Code opens it in the browser only when the user clicks it.
    out.push(
      `<p>${escape(translate('Reference:'))} <a href="${escape(f.link.url)}">${escape(f.link.title)}</a></p>`,
    );
  }
  const buttons = f.actions
    .filter((a) => available.has(a))
    .map(
      (a, n) =>
        `<button${n === 0 ? '' : ' class="secondary"'} data-finding="${index}" data-action="${a}">${escape(actionTitle(a, translate))}</button>`,
    );
  if (buttons.length > 0) {
    out.push(`<div class="actions">${buttons.join('')}</div>`);
  }
  return out.join('\n');
}

/**
 * The action a message from the page asks for, when the explanation offers it for that finding; anything else the
 * page sends (it shows server text, so treat it as untrusted) is ignored.
 */
export function requestedAction(
  message: unknown,
  explanation: AnswerExplanation,
): { readonly finding: AnswerFinding; readonly action: HoverActionKind } | undefined {
  if (typeof message !== 'object' || message === null) {
    return undefined;
  }
  const m = message as Partial<Record<keyof ExplainActionMessage, unknown>>;
  if (m.type !== 'action' || typeof m.finding !== 'number' || typeof m.action !== 'string') {
    return undefined;
  }
  const finding = Number.isInteger(m.finding) ? explanation.findings[m.finding] : undefined;
  const action = finding?.actions.find((a) => a === m.action);
  return finding && action ? { finding, action } : undefined;
}

function nothingFound(explanation: AnswerExplanation, translate: Translate): string {
  const select = translate('Select the whole answer, with its status line, or the JSON body of the error.');
  return explanation.status !== undefined
    ? `${translate('Nothing in this answer (HTTP {0}) matches an error OAuth Workbench knows.', explanation.status)} ${select}`
    : `${translate('Nothing in this answer matches an error OAuth Workbench knows.')} ${select}`;
}

/** Catalog text: escaped, with its Markdown code spans and bold shown as such. */
function inline(text: string): string {
  return escape(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
