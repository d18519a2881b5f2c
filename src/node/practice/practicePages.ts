/**
 * Renders the practice server's pages from the static templates in `media/practice/`. Only server-owned text reaches
 * a page (scope descriptions from the server's table, ids it generated, its own endpoints), and all of it is
 * HTML-escaped: no request parameter is ever reflected.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PracticePage } from '../../core/practice/practiceResponses';

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

/** Loads the templates once and fills them in. */
export class PracticePageRenderer {
  private readonly templates = new Map<string, string>();
  readonly stylesheet: string;

  constructor(mediaDir: string) {
    for (const file of Object.values(TEMPLATES)) {
      this.templates.set(file, fs.readFileSync(path.join(mediaDir, file), 'utf8'));
    }
    this.stylesheet = fs.readFileSync(path.join(mediaDir, PRACTICE_STYLESHEET), 'utf8');
  }

  render(page: PracticePage): string {
    const template = this.templates.get(TEMPLATES[page.name]) ?? '';
    switch (page.name) {
      case 'authorize':
        return fill(template, {
          requestId: escapeHtml(page.requestId),
          scopes: page.scopes
            .map(
              ({ scope, description }) =>
                `<li><strong>${escapeHtml(description)}</strong><code>${escapeHtml(scope)}</code></li>`,
            )
            .join('\n          '),
        });
      case 'message':
        return fill(template, { title: escapeHtml(page.title), text: escapeHtml(page.text) });
      case 'home':
        return this.home(template, page);
      default:
        return template;
    }
  }

  private home(template: string, page: Extract<PracticePage, { name: 'home' }>): string {
    const e = page.endpoints;
    const rows: [string, string][] = [
      ['Authorization endpoint', e.authorization_endpoint],
      ['Token endpoint', e.token_endpoint],
      ['Revocation endpoint', e.revocation_endpoint],
      ['Introspection endpoint', e.introspection_endpoint],
      ['Consent details', `${e.consent_endpoint}/{consentId}`],
      ['Accounts (AIS)', e.accounts_endpoint],
      ['Client id', e.client_id],
      [
        'Client secret',
        'in the terminal that started this server: "npm start" prints "client secret …", "oauth-workbench practice" ' +
          'its JSON line (client_secret); Start Practice Server in VS Code keeps it in SecretStorage',
      ],
      ['Registered redirect URI', e.redirect_uri],
    ];
    const troubles = page.troubles
      .map(
        ({ trouble, armed }) => `<form method="post" action="practice/trouble">
          <input type="hidden" name="trouble" value="${escapeHtml(trouble.id)}" />
          <div>
            <strong>${escapeHtml(trouble.label)}</strong><span class="badge kind">${trouble.kind === 'state' ? 'now' : 'next request'}</span>${armed ? '<span class="badge armed">armed</span>' : ''}
            <p class="muted">${escapeHtml(trouble.description)}${trouble.catalogId ? ` Explained as <code>${escapeHtml(trouble.catalogId)}</code>.` : ''}</p>
          </div>
          <button type="submit" id="trouble-${escapeHtml(trouble.id)}">Switch on</button>
        </form>`,
      )
      .join('\n        ');
    const consents =
      page.summary.consents.length === 0
        ? '<tr><td colspan="3" class="muted">No consent yet: sign in with the practice profile.</td></tr>'
        : page.summary.consents
            .map(
              (c) =>
                `<tr><td><code>${escapeHtml(c.consentId)}</code></td><td class="${c.status === 'valid' ? 'status-valid' : 'status-other'}">${escapeHtml(c.status)}</td><td>${escapeHtml(c.validUntil)}</td></tr>`,
            )
            .join('\n            ');
    const events =
      page.events.length === 0
        ? '<li class="muted">Nothing yet.</li>'
        : page.events
            .map(
              (event) =>
                `<li>${escapeHtml(new Date(event.atMs).toISOString().slice(11, 19))} ${escapeHtml(event.text)}</li>`,
            )
            .join('\n          ');
    return fill(template, {
      speed: escapeHtml(String(e.speed)),
      endpoints: rows
        .map(
          ([name, value]) =>
            `<tr><th>${escapeHtml(name)}</th><td><code>${escapeHtml(value)}</code></td></tr>`,
        )
        .join('\n            '),
      troubles,
      accessTokens: String(page.summary.activeAccessTokens),
      refreshTokens: String(page.summary.activeRefreshTokens),
      consents,
      events,
    });
  }
}

/** Replaces `{{name}}` placeholders with already-escaped HTML. */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
