/**
 * Renders the practice server's pages from the static templates in `media/practice/`. Only server-owned text reaches
 * a page (scope descriptions from the server's table, ids it generated, its own endpoints), and all of it is
 * HTML-escaped: no request parameter is ever reflected. The words come from `practicePageWords.ts`, in the language
 * the server was started with.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PracticePage } from '../../core/practice/practiceResponses';
import { renderText } from '../../core/text/localText';
import { htmlLanguage } from '../../core/text/htmlLanguage';
import { english, type Translate } from '../../core/text/translate';
import {
  authorizeWords,
  commonWords,
  escapeHtml,
  homeWords,
  invalidClientWords,
  messageWords,
  redirectMismatchWords,
  sentenceHtml,
  slot,
} from './practicePageWords';

const TEMPLATES = {
  authorize: 'authorize.html',
  'redirect-uri-mismatch': 'redirect-uri-mismatch.html',
  'invalid-client': 'invalid-client.html',
  message: 'message.html',
  home: 'home.html',
} as const;

/** The stylesheet every page links to. */
export const PRACTICE_STYLESHEET = 'practice.css';

/** Thrown when `media/practice` cannot be found next to the code (a broken install). */
export class PracticeMediaError extends Error {
  public readonly code = 'PRACTICE_MEDIA_MISSING';
  constructor(start: string) {
    super(`The practice server's pages (media/practice) were not found above ${start}.`);
    this.name = 'PracticeMediaError';
  }
}

/**
 * Finds `media/practice` by walking up from `start`: the bundle runs from `dist/`, the compiled tests from
 * `out/run-<pid>/src/node/practice/`, and both sit below the folder that holds `media/`.
 */
export function findPracticeMediaDir(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'media', 'practice');
    if (fs.existsSync(path.join(candidate, TEMPLATES.authorize))) {
      return candidate;
    }
    if (path.dirname(dir) === dir) {
      throw new PracticeMediaError(start);
    }
  }
}

/** The language of a practice server's pages: its text port and the `lang` tag that goes with it. */
export interface PracticePageLanguage {
  /** Default: English. */
  readonly translate?: Translate;
  /** A BCP 47 tag such as `de` or `zh-cn` (VS Code's `vscode.env.language`); default `en`. */
  readonly language?: string;
}

/** Loads the templates once and fills them in, in one language. */
export class PracticePageRenderer {
  private readonly templates = new Map<string, string>();
  private readonly translate: Translate;
  private readonly lang: string;
  readonly stylesheet: string;

  constructor(mediaDir: string, language: PracticePageLanguage = {}) {
    for (const file of Object.values(TEMPLATES)) {
      this.templates.set(file, fs.readFileSync(path.join(mediaDir, file), 'utf8'));
    }
    this.stylesheet = fs.readFileSync(path.join(mediaDir, PRACTICE_STYLESHEET), 'utf8');
    this.translate = language.translate ?? english;
    this.lang = htmlLanguage(language.language);
  }

  render(page: PracticePage): string {
    const template = this.templates.get(TEMPLATES[page.name]) ?? '';
    const translate = this.translate;
    const common = { lang: escapeHtml(this.lang), ...commonWords(translate) };
    switch (page.name) {
      case 'authorize':
        return fill(template, {
          ...common,
          ...authorizeWords(translate),
          requestId: escapeHtml(page.requestId),
          scopes: page.scopes
            .map(
              ({ scope, description }) =>
                `<li><strong>${escapeHtml(renderText(description, translate))}</strong><code>${escapeHtml(scope)}</code></li>`,
            )
            .join('\n          '),
        });
      case 'message': {
        const title = renderText(page.title, translate);
        return fill(template, {
          ...common,
          ...messageWords(translate, title),
          title: escapeHtml(title),
          text: escapeHtml(renderText(page.text, translate)),
        });
      }
      case 'home':
        return this.home(template, page, common);
      case 'invalid-client':
        return fill(template, { ...common, ...invalidClientWords(translate) });
      case 'redirect-uri-mismatch':
        return fill(template, { ...common, ...redirectMismatchWords(translate) });
    }
  }

  private home(
    template: string,
    page: Extract<PracticePage, { name: 'home' }>,
    common: Record<string, string>,
  ): string {
    const translate = this.translate;
    const e = page.endpoints;
    const rows: [string, string][] = [
      [translate('Authorization endpoint'), e.authorization_endpoint],
      [translate('Token endpoint'), e.token_endpoint],
      [translate('Revocation endpoint'), e.revocation_endpoint],
      [translate('Introspection endpoint'), e.introspection_endpoint],
      [translate('Consent details'), `${e.consent_endpoint}/{consentId}`],
      [translate('Accounts (AIS)'), e.accounts_endpoint],
      [translate('Client id'), e.client_id],
      [
        translate('Client secret'),
        translate(
          'in the terminal that started this server: "npm start" prints "client secret …", "oauth-workbench practice" its JSON line (client_secret); Start Practice Server in VS Code keeps it in SecretStorage',
        ),
      ],
      [translate('Registered redirect URI'), e.redirect_uri],
    ];
    const now = escapeHtml(translate('now'));
    const nextRequest = escapeHtml(translate('next request'));
    const armedBadge = `<span class="badge armed">${escapeHtml(translate('armed'))}</span>`;
    const switchOn = escapeHtml(translate('Switch on'));
    const troubles = page.troubles
      .map(({ trouble, armed }) => {
        const explained = trouble.catalogId
          ? ' ' +
            sentenceHtml(
              translate('Explained as {0}.', slot(0)),
              `<code>${escapeHtml(trouble.catalogId)}</code>`,
            )
          : '';
        return `<form method="post" action="practice/trouble">
          <input type="hidden" name="trouble" value="${escapeHtml(trouble.id)}" />
          <div>
            <strong>${escapeHtml(renderText(trouble.label, translate))}</strong><span class="badge kind">${trouble.kind === 'state' ? now : nextRequest}</span>${armed ? armedBadge : ''}
            <p class="muted">${escapeHtml(renderText(trouble.description, translate))}${explained}</p>
          </div>
          <button type="submit" id="trouble-${escapeHtml(trouble.id)}">${switchOn}</button>
        </form>`;
      })
      .join('\n        ');
    const consents =
      page.summary.consents.length === 0
        ? `<tr><td colspan="3" class="muted">${escapeHtml(translate('No consent yet: sign in with the practice profile.'))}</td></tr>`
        : page.summary.consents
            .map(
              (c) =>
                `<tr><td><code>${escapeHtml(c.consentId)}</code></td><td class="${c.status === 'valid' ? 'status-valid' : 'status-other'}">${escapeHtml(c.status)}</td><td>${escapeHtml(c.validUntil)}</td></tr>`,
            )
            .join('\n            ');
    const events =
      page.events.length === 0
        ? `<li class="muted">${escapeHtml(translate('Nothing yet.'))}</li>`
        : page.events
            .map(
              (event) =>
                `<li>${escapeHtml(new Date(event.atMs).toISOString().slice(11, 19))} ${escapeHtml(renderText(event.text, translate))}</li>`,
            )
            .join('\n          ');
    return fill(template, {
      ...common,
      ...homeWords(translate, {
        speed: e.speed,
        accessTokens: page.summary.activeAccessTokens,
        refreshTokens: page.summary.activeRefreshTokens,
      }),
      endpoints: rows
        .map(
          ([name, value]) =>
            `<tr><th>${escapeHtml(name)}</th><td><code>${escapeHtml(value)}</code></td></tr>`,
        )
        .join('\n            '),
      troubles,
      consents,
      events,
    });
  }
}

/** Replaces `{{name}}` placeholders with already-escaped HTML. */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
