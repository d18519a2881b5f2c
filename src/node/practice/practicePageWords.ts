/**
 * The words of the practice server's pages, in the language of the `Translate` the server was started with (English
 * for the CLI and `npm start`, VS Code's display language when the extension starts it). Each function gives the
 * `{{name}}` values of one template as HTML, escaped. What imitates the bank itself stays in English in the templates:
 * the titles of its error pages ("invalid client id or secret", "Redirect URI Mismatch") are what a developer sees at
 * Rabobank and looks up in its guide.
 */
import type { Translate } from '../../core/text/translate';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Where a translated sentence takes a piece of HTML: passed to `translate` as the value of a placeholder, so the
 * sentence can be escaped as a whole and the HTML put in afterwards. The private-use marks around the index are left alone by {@link escapeHtml}.
 */
export function slot(index: number): string {
  return `\uE000${index}\uE001`;
}

/** A translated sentence as HTML: its words escaped, each {@link slot} filled with HTML the caller built. */
export function sentenceHtml(sentence: string, ...html: string[]): string {
  return escapeHtml(sentence).replace(
    /\uE000(\d+)\uE001/g,
    (_whole, index: string) => html[Number(index)] ?? '',
  );
}

/** Every page: the banner. */
export function commonWords(translate: Translate): Record<string, string> {
  return {
    bankName: escapeHtml(translate('Practice Bank')),
    notARealBank: escapeHtml(translate('OAuth Workbench practice server, not a real bank')),
  };
}

/** The consent page. */
export function authorizeWords(translate: Translate): Record<string, string> {
  return {
    pageTitle: escapeHtml(translate('Practice bank: give consent')),
    heading: escapeHtml(translate('Give access to your accounts?')),
    asksFor: sentenceHtml(
      translate('The app {0} asks for:', slot(0)),
      `<strong>${escapeHtml(translate('OAuth Workbench practice client'))}</strong>`,
    ),
    consentTerms: escapeHtml(
      translate(
        "The consent covers your two practice accounts. As at Rabobank, it lasts 180 days (sped up by the server's speed factor) and you can revoke it at any time from the practice server's home page.",
      ),
    ),
    approve: escapeHtml(translate('Approve')),
    deny: escapeHtml(translate('Deny')),
  };
}

/** The "invalid client id or secret" page (its title is the bank's). */
export function invalidClientWords(translate: Translate): Record<string, string> {
  return {
    what: escapeHtml(
      translate('HTTP 401 Unauthorized: the bank does not know the client_id of this authorization request.'),
    ),
    why: escapeHtml(
      translate(
        'At Rabobank this happens when the client id is mistyped or from another environment, or when the app is not subscribed to the OAuth 2.0 product on the developer portal.',
      ),
    ),
  };
}

/** The "Redirect URI Mismatch" page (its title is the bank's). */
export function redirectMismatchWords(translate: Translate): Record<string, string> {
  return {
    what: escapeHtml(
      translate(
        'The redirect_uri of this request is not the one registered for the app, so the bank will not send the browser back to it.',
      ),
    ),
    fix: escapeHtml(
      translate(
        'Like Rabobank, this page answers with HTTP 200 and does not redirect. Copy the redirect URI registered on the developer portal byte for byte into the profile and sign in again.',
      ),
    ),
  };
}

/** A short message page: its title goes in as the value. */
export function messageWords(translate: Translate, title: string): Record<string, string> {
  return {
    pageTitle: escapeHtml(translate('Practice bank: {0}', title)),
    homeLink: escapeHtml(translate('Practice server home')),
  };
}

/** The home page's fixed words; the speed and counts go in as HTML. */
export function homeWords(
  translate: Translate,
  values: { speed: number; accessTokens: number; refreshTokens: number },
): Record<string, string> {
  return {
    pageTitle: escapeHtml(translate('OAuth Workbench practice server')),
    heading: escapeHtml(translate('Practice server')),
    intro: sentenceHtml(
      translate(
        "An authorization server and an Account Information API on this machine that behave as Rabobank documents them: 1-hour access tokens, 5-minute codes, single-use refresh tokens, consents, and the bank's exact error answers. Speed factor: {0}.",
        slot(0),
      ),
      `<strong>${escapeHtml(String(values.speed))}</strong>`,
    ),
    troublesHeading: escapeHtml(translate('Trouble switches')),
    troublesIntro: escapeHtml(
      translate(
        'Each switch makes one case of the bank\'s OAuth2 troubleshooting guide happen: "next request" ones fail the next matching request, "now" ones change the tokens or consents at once.',
      ),
    ),
    clearText: escapeHtml(translate('Disarm every pending "next request" switch.')),
    clearButton: escapeHtml(translate('Clear pending')),
    resetText: escapeHtml(translate('Forget every code, token and consent.')),
    resetButton: escapeHtml(translate('Reset everything')),
    stateHeading: escapeHtml(translate('State')),
    counts: sentenceHtml(
      translate('Live access tokens: {0}. Unused refresh tokens: {1}.', slot(0), slot(1)),
      `<strong>${values.accessTokens}</strong>`,
      `<strong>${values.refreshTokens}</strong>`,
    ),
    consentColumn: escapeHtml(translate('Consent')),
    statusColumn: escapeHtml(translate('Status')),
    validUntilColumn: escapeHtml(translate('Valid until')),
    activityHeading: escapeHtml(translate('Recent activity')),
  };
}
