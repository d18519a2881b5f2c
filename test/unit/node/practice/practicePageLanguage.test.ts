/**
 * The practice server's pages in the language it is started with: every sentence of its own goes through the text
 * port and `<html lang>` follows, while what imitates the bank (JSON bodies, the titles of its error pages) stays in
 * English, as a real bank answers.
 */
import * as assert from 'node:assert/strict';
import { PracticeServer, startPracticeServer } from '../../../../src/node/practice/practiceServer';
import { shouting } from '../../../doubles/shoutingTranslation';

/** The visible text of a page, without tags and with entities read back, on one line. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

async function pages(server: PracticeServer): Promise<Record<string, string>> {
  const base = server.url;
  const e = server.endpoints;
  const authorize = (params: Record<string, string>) =>
    `${e.authorization_endpoint}?${new URLSearchParams({
      client_id: e.client_id,
      response_type: 'code',
      scope: 'ais.balances.read',
      redirect_uri: e.redirect_uri,
      state: 'st',
      ...params,
    }).toString()}`;
  const get = async (url: string) => (await fetch(url)).text();
  // Two failures first, so the home page has activity to show.
  await fetch(e.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return {
    consent: await get(authorize({})),
    invalidClient: await get(authorize({ client_id: 'someone-else' })),
    mismatch: await get(authorize({ redirect_uri: 'http://127.0.0.1:1/elsewhere' })),
    notFound: await get(`${base}/no-such-page`),
    home: await get(`${base}/`),
  };
}

describe('practice server pages in the language they are given', () => {
  let english_: PracticeServer;
  let shouted: PracticeServer;
  before(async () => {
    english_ = await startPracticeServer({ port: 0 });
    shouted = await startPracticeServer({ port: 0, translate: shouting, language: 'de-CH' });
  });
  after(async () => {
    await english_?.close();
    await shouted?.close();
  });

  it('writes English and lang="en" by default, with every placeholder filled', async () => {
    for (const [name, html] of Object.entries(await pages(english_))) {
      assert.match(html, /<html lang="en">/, name);
      assert.ok(!html.includes('{{'), `${name} has no unfilled placeholder`);
      assert.match(html, /OAuth Workbench practice server, not a real bank/, name);
    }
  });

  it("translates the server's own sentences and sets lang to the language passed", async () => {
    const shown = await pages(shouted);
    for (const [name, html] of Object.entries(shown)) {
      assert.match(html, /<html lang="de-CH">/, name);
      assert.ok(!html.includes('{{'), `${name} has no unfilled placeholder`);
      assert.doesNotMatch(html, /[\uE000\uE001]/, `${name} has no slot marker left`);
      assert.match(html, /OAUTH WORKBENCH PRACTICE SERVER, NOT A REAL BANK/, name);
      assert.doesNotMatch(html, /not a real bank/, name);
    }
    const consent = visibleText(shown.consent);
    assert.match(consent, /GIVE ACCESS TO YOUR ACCOUNTS\?/);
    assert.match(consent, /THE APP OAUTH WORKBENCH PRACTICE CLIENT ASKS FOR:/);
    assert.match(
      shown.consent,
      /<strong>SEE THE BALANCES OF YOUR ACCOUNTS<\/strong><code>ais\.balances\.read</,
    );
    assert.match(shown.consent, /id="approve">\s*APPROVE\s*</);

    // The bank's own page titles stay as the bank writes them; the explanations are ours.
    assert.match(shown.invalidClient, /<h1 class="error-title">invalid client id or secret<\/h1>/);
    assert.match(visibleText(shown.invalidClient), /HTTP 401 UNAUTHORIZED: THE BANK DOES NOT KNOW/);
    assert.match(shown.mismatch, /<h1 class="error-title">Redirect URI Mismatch<\/h1>/);
    assert.match(visibleText(shown.mismatch), /BYTE FOR BYTE INTO THE PROFILE/);

    assert.match(visibleText(shown.notFound), /NOT FOUND THE PRACTICE SERVER HAS NO PAGE AT THIS ADDRESS\./);
    assert.match(shown.notFound, /<title>PRACTICE BANK: NOT FOUND<\/title>/);

    const home = visibleText(shown.home);
    assert.match(home, /SPEED FACTOR: 1 ?\./);
    assert.match(home, /REFRESH TOKEN ALREADY USED/, 'trouble labels are translated');
    assert.match(home, /EVERY REFRESH TOKEN ISSUED SO FAR COUNTS AS USED/, 'trouble descriptions too');
    assert.match(home, /EXPLAINED AS rabobank\.token\.invalid-refresh-token ?\./, 'catalog ids are not');
    assert.match(home, /LIVE ACCESS TOKENS: 0 ?\. UNUSED REFRESH TOKENS: 0 ?\./);
    assert.match(home, /IN THE TERMINAL THAT STARTED THIS SERVER/);
    assert.match(
      home,
      /TOKEN: 401 INVALID_CLIENT \(MISSING OR WRONG BASIC CLIENT CREDENTIALS\)\./,
      'activity',
    );
  });

  it("keeps the bank's wire answers in English whatever the pages' language", async () => {
    const e = shouted.endpoints;
    const token = await fetch(e.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    assert.deepEqual(await token.json(), { error: 'invalid_client' });
    const accounts = await fetch(e.accounts_endpoint);
    assert.deepEqual(await accounts.json(), {
      httpCode: '401',
      httpMessage: 'Unauthorized',
      moreInformation: 'This server could not verify that you are authorized to access the URL',
    });
    const troubles = (await (await fetch(e.trouble_endpoint)).json()) as {
      troubles: { id: string; label: string; description: string }[];
    };
    const spent = troubles.troubles.find((t) => t.id === 'spend-refresh-token');
    assert.equal(spent?.label, 'Refresh token already used', 'the JSON endpoint speaks English');
    assert.match(spent?.description ?? '', /^Every refresh token issued so far counts as used/);
  });

  it('falls back to lang="en" for a language tag that is not one', async () => {
    const odd = await startPracticeServer({ port: 0, language: 'en"><script>alert(1)</script>' });
    try {
      const html = await (await fetch(`${odd.url}/`)).text();
      assert.match(html, /<html lang="en">/);
      assert.ok(!html.includes('<script>'));
    } finally {
      await odd.close();
    }
  });
});
