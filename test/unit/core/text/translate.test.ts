import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { explainConsentStatus } from '../../../../src/core/consent/consentDetails';
import { consentTooltip, summarizeConsent } from '../../../../src/core/consent/consentSummary';
import { validateClientProfile } from '../../../../src/core/profiles/clientProfile';
import { parseProfileEntries, profileToEntry } from '../../../../src/core/profiles/profileEntries';
import {
  describeProblem,
  type ProfileProblem,
  problemAction,
} from '../../../../src/core/profiles/profileProblem';
import { english, type Translate } from '../../../../src/core/text/translate';
import { hoverContent } from '../../../../src/core/httpFile/hoverContent';
import { lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { describeExpiry, formatDuration, shortRemaining } from '../../../../src/core/tokens/expiryLabels';
import { spokenExpiry } from '../../../../src/core/tokens/spokenExpiry';
import { possiblySpentWarning, type TokenSet } from '../../../../src/core/tokens/tokenSet';
import { renderConsentReport } from '../../../../src/features/consent/consentReport';
import { statusBarLook } from '../../../../src/features/statusBar/statusBarPresentation';
import { renderTokenDetails } from '../../../../src/features/tokens/tokenDetailsDocument';
import { buildProfile } from '../../../doubles/builders/profileBuilder';
import { repoRoot } from '../../../support/paths';
import { shouting } from '../../../doubles/shoutingTranslation';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;

/** Records each message it is asked for, and answers in English. */
function recording(): { translate: Translate; messages: Set<string> } {
  const messages = new Set<string>();
  return { messages, translate: (message, ...args) => (messages.add(message), english(message, ...args)) };
}

const now = Date.parse('2026-11-27T10:00:00Z');
const problems: ProfileProblem[] = [
  { kind: 'refreshTokenRefused', at: now },
  { kind: 'consentEnded', at: now, consentStatus: 'expired' },
  { kind: 'consentEnded', at: now, consentStatus: 'revokedByPsu' },
  { kind: 'consentEnded', at: now },
  { kind: 'consentInDoubt', at: now },
  { kind: 'clientSecretRefused', at: now },
];
const consent = 'c0ffee00-0000-4000-8000-000000000001';
const checked = (usable: boolean, statuses: string[]) =>
  summarizeConsent(
    consent,
    {
      usable,
      entries: statuses.map((status) => ({ scope: 'ais.balances.read', status, validUntil: '2027-02-25' })),
    } as unknown as Parameters<typeof summarizeConsent>[1],
    now,
  );
const clock = () => '10:00';
const tokenSet: TokenSet = {
  access_token: 'opaque-access',
  token_type: 'Bearer',
  expires_at: new Date(now + 42 * MIN).toISOString(),
  refresh_token: 'opaque-refresh',
  refresh_token_expires_at: new Date(now - 3 * H).toISOString(),
  received_at: new Date(now - 18 * MIN).toISOString(),
  other: {},
};

describe("core's text port", () => {
  it('fills placeholders in English and leaves a placeholder without a value as it is', () => {
    assert.equal(english('{0} h {1} min', 2, 5), '2 h 5 min');
    assert.equal(english('expires in {0}', '3 min'), 'expires in 3 min');
    assert.equal(english('{0} and {1}', 'a'), 'a and {1}');
  });

  it('takes every expiry word from the translation, on each surface', () => {
    assert.equal(describeExpiry(42 * MIN, shouting), 'EXPIRES IN 42 MIN');
    assert.equal(describeExpiry(-(2 * H + 5 * MIN), shouting), 'EXPIRED 2 H 5 MIN AGO');
    assert.equal(describeExpiry(undefined, shouting), 'EXPIRY UNKNOWN');
    assert.equal(formatDuration(3 * DAY, shouting), '3 DAYS');
    assert.equal(spokenExpiry(61 * MIN, shouting), 'EXPIRES IN 1 HOUR 1 MINUTE');
    assert.equal(spokenExpiry(30_000, shouting), 'EXPIRES IN LESS THAN A MINUTE');
    assert.equal(shortRemaining(65 * MIN, shouting), '1H 5M');
    // The status bar text, as the controller builds it.
    assert.equal(
      statusBarLook(shouting, 'Rabobank sandbox', true, 42 * MIN).text,
      '$(key) Rabobank sandbox · 42M',
    );
    assert.equal(
      statusBarLook(shouting, 'Rabobank sandbox', true, -MIN).text,
      '$(key) Rabobank sandbox · EXPIRED',
    );
    assert.equal(
      statusBarLook(shouting, 'Rabobank sandbox', false, undefined).text,
      '$(key) Rabobank sandbox · SIGNED OUT',
    );
  });

  it('takes the words of a proven problem, a spent refresh token and the consent tooltip from the translation', () => {
    const words = describeProblem({ kind: 'clientSecretRefused', at: now }, shouting);
    assert.equal(words.short, 'CLIENT SECRET REFUSED');
    assert.match(words.nextStep, /^RUN SET CLIENT SECRET/);
    assert.match(
      describeProblem({ kind: 'consentEnded', at: now, consentStatus: 'expired' }, shouting).sentence,
      /^THE CONSENT DETAILS API REPORTS THE CONSENT AS expired,/,
    );
    for (const problem of problems) {
      assert.equal(problemAction(problem), describeProblem(problem, english).action);
    }
    const spent = possiblySpentWarning(
      { ...tokenSet, refresh_attempted_at: '2026-11-27T09:59:00.000Z' },
      shouting,
    );
    assert.match(spent ?? '', /^A REFRESH SENT AT 2026-11-27T09:59:00\.000Z GOT NO ANSWER/);
    assert.equal(
      consentTooltip(consent, undefined, clock, shouting),
      `CONSENT ${consent}\nSTATUS: NOT CHECKED YET.\nCLICK TO ASK THE BANK WHETHER IT IS STILL VALID.`,
    );
    assert.match(
      consentTooltip(consent, checked(false, ['expired']), clock, shouting),
      /CANNOT BE USED \(CHECKED 10:00\)/,
    );
  });

  it('takes the consent report’s words from the translation, and leaves the bank’s values alone', () => {
    assert.match(explainConsentStatus('revokedByPsu', shouting), /^THE ACCOUNT HOLDER REVOKED IT/);
    assert.match(explainConsentStatus('suspended', shouting), /^IT IS NOT "VALID"/);
    const details = {
      usable: false,
      entries: [{ scope: 'ais.balances.read', status: 'expired', iban: 'NL00RABO0000000001' }],
    };
    const report = renderConsentReport('Sandbox', consent, details, shouting);
    assert.match(report, /^# CONSENT OF Sandbox$/m);
    assert.match(report, /^\| SCOPE \| ACCOUNT \| STATUS \| VALID UNTIL \|$/m);
    assert.match(report, /^- \*\*expired\*\*: THE CONSENT RAN OUT/m);
  });

  it('takes the profile checks’ sentences from the translation, in English when none is given', () => {
    const broken = buildProfile({ client_id: '', token_endpoint: 'http://auth.example/token' });
    const shouted = validateClientProfile(broken, shouting).map((p) => p.message);
    assert.ok(
      shouted.includes('ENTER THE CLIENT ID FROM THE PROVIDER’S DEVELOPER PORTAL.'),
      shouted.join('\n'),
    );
    assert.ok(
      shouted.includes('THE TOKEN ENDPOINT MUST USE HTTPS (PLAIN HTTP IS ONLY ALLOWED ON LOOPBACK).'),
    );
    assert.ok(
      validateClientProfile(broken)
        .map((p) => p.message)
        .includes('Enter the client id from the provider’s developer portal.'),
    );
  });

  it('takes the messages about invalid settings entries from the translation', () => {
    const valid = profileToEntry(buildProfile({ id: 'b', label: 'B' }));
    const { invalid } = parseProfileEntries(
      [42, { id: 'a', label: 'A', client_secret: 'x', pkce: 'yes' }, valid, valid],
      shouting,
    );
    assert.equal(
      invalid[0].message,
      'PROFILE 1 IN OAUTHWORKBENCH.PROFILES IS NOT AN OBJECT; EACH PROFILE IS { "id": …, … }.',
    );
    assert.match(
      invalid[1].message,
      /^PROFILE 2 "A" \(a\) IN OAUTHWORKBENCH\.PROFILES: "client_secret" DOES NOT BELONG/,
    );
    assert.match(invalid[1].message, /PKCE: MUST BE TRUE OR FALSE\./);
    assert.match(invalid.at(-1)!.message, /ANOTHER PROFILE ALREADY USES THE ID "b"/);
    assert.match(parseProfileEntries({}).invalid[0].message, /^oauthWorkbench\.profiles must be a list/);
  });

  it('takes the token details document’s words from the translation, not the token set’s member names', () => {
    const text = renderTokenDetails(buildProfile(), tokenSet, {
      reveal: false,
      nowMs: now,
      translate: shouting,
    });
    assert.match(text, /^## TOKEN SET$/m);
    assert.match(text, /^- expires_at: \S+ \(EXPIRES IN 42 MIN\)$/m);
    assert.match(text, /^- refresh_token_expires_at: \S+ \(EXPIRED 3 H AGO\)$/m);
    assert.match(text, /^- scope: NOT STATED$/m);
    assert.match(text, /^## ENDPOINTS$/m);
    assert.match(text, /^> TOKENS ARE MASKED/m);
    assert.doesNotMatch(text, /expires in|Token set|not stated/);
  });

  it('asks only for messages that are in the l10n bundle (a message built at run time would be missed)', () => {
    const bundle = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.json'), 'utf8'),
    ) as Record<string, string>;
    const { translate, messages } = recording();
    const samples = [
      undefined,
      -30_000,
      -3 * MIN,
      -25 * H,
      30_000,
      MIN,
      42 * MIN,
      H,
      61 * MIN,
      2 * H,
      DAY,
      3 * DAY,
    ];
    for (const ms of samples) {
      describeExpiry(ms, translate);
      spokenExpiry(ms, translate);
      shortRemaining(ms, translate);
      statusBarLook(translate, 'p', ms !== undefined, ms);
    }
    for (const problem of problems) {
      describeProblem(problem, translate);
    }
    possiblySpentWarning({ ...tokenSet, refresh_attempted_at: '2026-11-27T09:59:00.000Z' }, translate);
    for (const summary of [
      undefined,
      checked(true, ['valid']),
      checked(false, []),
      checked(false, ['expired']),
    ]) {
      consentTooltip(consent, summary, clock, translate);
    }
    consentTooltip(consent, { ...checked(true, ['valid']), validUntil: undefined }, clock, translate);
    const statuses = [
      'valid',
      'expired',
      'revokedByPsu',
      'terminatedByTpp',
      'received',
      'rejected',
      'invalid',
    ];
    renderConsentReport(
      'p',
      consent,
      {
        usable: false,
        entries: statuses.map((status) => ({ scope: 'ais', status, validUntil: '2027-01-01' })),
      },
      translate,
    );
    renderConsentReport(
      'p',
      consent,
      { usable: true, entries: [{ scope: 'ais', status: 'valid' }] },
      translate,
    );
    renderConsentReport('p', consent, { usable: false, entries: [] }, translate);
    for (const broken of [
      buildProfile({ id: '', label: '', client_id: '', redirect_uri: '', scopes: [] }),
      buildProfile({ id: 'a b', scopes: ['a b'], token_endpoint: 'http://x.example/t', proxy: 'ftp://p' }),
      buildProfile({ authorization_endpoint: 'not a url', revocation_endpoint: 'https://x.example/#f' }),
      buildProfile({ redirect_uri: 'http://127.0.0.1/cb', token_endpoint_auth_method: 'none', pkce: false }),
      buildProfile({ redirect_uri: 'https://app.example/cb', apiHosts: ['https://x'] }),
      buildProfile({ redirect_uri: 'http://app.example/cb', extraAuthorizeParams: { state: 'x' } }),
      buildProfile({ redirect_uri: 'not a url' }),
      buildProfile({ redirect_uri: 'http://127.0.0.1:8765/cb#x', tls: { clientCertificatePath: '/c.pem' } }),
    ]) {
      validateClientProfile(broken, translate);
    }
    parseProfileEntries({}, translate);
    parseProfileEntries(
      [
        null,
        { label: 'no id', secret: 1, preset: 7, token_endpoint: 3, scopes: 5, exchangeDelayMs: 'x' },
        { id: 'i', extraAuthorizeParams: 1, apiHosts: 2, tls: 3 },
        { id: 'j', label: 'J', tls: { caBundlePath: 4 } },
        { id: 'k', client_id: '' },
        { id: 'k', preset: 'nope' },
      ],
      translate,
    );
    renderTokenDetails(buildProfile(), tokenSet, { reveal: false, nowMs: now, translate });
    renderTokenDetails(
      buildProfile(),
      { ...tokenSet, id_token: undefined },
      { reveal: true, nowMs: now, translate },
    );
    renderTokenDetails(buildProfile(), undefined, {
      reveal: false,
      nowMs: now,
      translate,
      problem: { kind: 'refreshTokenRefused', at: now },
    });
    assert.ok(messages.size > 90, `only ${messages.size} messages asked for`);
    const missing = [...messages].filter((m) => !(m in bundle));
    assert.deepEqual(missing, [], 'run `node scripts/l10n.mjs`');
  });
});

describe('the error catalog through the text port', () => {
  const kb = KnowledgeBase.create();

  it('translates every sentence a person reads, and keeps ids, conditions and addresses', () => {
    const translated = kb.translated(shouting);
    for (const entry of kb.all()) {
      const other = translated.get(entry.id);
      assert.ok(other, entry.id);
      assert.equal(other.title, entry.title.toUpperCase());
      assert.equal(other.summary, entry.summary.toUpperCase());
      assert.deepEqual(
        other.causes.map((c) => [c.text, c.when]),
        entry.causes.map((c) => [c.text.toUpperCase(), c.when]),
      );
      assert.deepEqual(
        other.fixes,
        entry.fixes.map((f) => f.toUpperCase()),
      );
      assert.deepEqual(other.link, { title: entry.link.title.toUpperCase(), url: entry.link.url });
      assert.deepEqual(
        [other.place, other.status, other.actions],
        [entry.place, entry.status, entry.actions],
      );
      assert.deepEqual(
        translated.errataOf(other).map((e) => [e.id, e.title]),
        kb.errataOf(entry).map((e) => [e.id, e.title.toUpperCase()]),
      );
    }
    assert.equal(kb.translated(english), kb, 'English needs no copy');
  });

  it('reaches the hover of a diagnostic, errata included', () => {
    const text =
      'POST https://api.rabobank.nl/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n\n' +
      'grant_type=code&code=abc&redirect_uri=https%3A%2F%2Fapp.example%2Fcb\n';
    const translated = kb.translated(shouting);
    const d = lintHttpFile(text, translated).find((x) => x.code === 'lint.token.grant-type-code');
    assert.ok(d, 'the grant-type finding is there');
    const entry = kb.get(d.code)!;
    const hover = hoverContent(d, translated, {}, shouting);
    assert.ok(hover.markdown.includes(entry.title.toUpperCase()), hover.markdown);
    assert.ok(hover.markdown.includes(entry.causes[0].text.toUpperCase()));
    const erratum = kb.errataOf(entry)[0];
    assert.ok(hover.markdown.includes(erratum.title.toUpperCase()), 'the erratum is translated too');
  });

  it('asks only for catalog sentences that are in the l10n bundle', () => {
    const bundle = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.json'), 'utf8'),
    ) as Record<string, string>;
    const { translate, messages } = recording();
    const translated = kb.translated(translate);
    for (const entry of translated.all()) {
      translated.errataOf(entry);
    }
    assert.ok(messages.size > 500, `${messages.size} sentences`);
    assert.deepEqual(
      [...messages].filter((m) => !(m in bundle)),
      [],
    );
  });

  it('lets the extension switch the shared catalog to the user’s language', () => {
    try {
      KnowledgeBase.useTranslation(shouting);
      const entry = KnowledgeBase.shipped().get('oauth.token.invalid_client');
      assert.equal(entry?.title, kb.get('oauth.token.invalid_client')?.title.toUpperCase());
    } finally {
      KnowledgeBase.useTranslation(english);
    }
    assert.equal(
      KnowledgeBase.shipped().get('oauth.token.invalid_client')?.title,
      kb.get('oauth.token.invalid_client')?.title,
    );
  });
});
