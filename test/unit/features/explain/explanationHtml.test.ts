import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import { explainAnswer } from '../../../../src/core/httpFile/explainAnswer';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { HoverActionKind } from '../../../../src/core/knowledge/knowledgeEntry';
import { explanationHtml, requestedAction } from '../../../../src/features/explain/explanationHtml';
import { shouting } from '../../../doubles/shoutingTranslation';

const kb = KnowledgeBase.create();
const security = { nonce: 'n0nce', cspSource: 'vscode-webview://abc' };
const ALL = new Set<HoverActionKind>(['refreshToken', 'checkConsent', 'signIn', 'editProfile']);
const forbidden = explainAnswer(
  'HTTP/1.1 403 Forbidden\n\n{"httpCode":"403","httpMessage":"Forbidden","moreInformation":"Forbidden"}',
  { url: 'https://api.rabobank.nl/openapi/payments/account-information/ais/accounts' },
  kb,
);

describe('explanationHtml', () => {
  it('renders title, causes, fixes and the catalog actions as buttons', () => {
    const html = explanationHtml(forbidden, security, ALL, english, 'en');
    const f = forbidden.findings[0];
    assert.equal(f.id, 'rabobank.api.forbidden');
    assert.match(html, /<h1>Rabobank API: forbidden/);
    assert.match(html, /<h2>Likely causes<\/h2>\s*<ol><li>/);
    assert.match(html, /<h2>How to fix<\/h2>/);
    for (const action of f.actions) {
      assert.match(html, new RegExp(`<button[^>]* data-finding="0" data-action="${action}">`));
    }
  });

  it('takes the page’s own words from the translation', () => {
    const html = explanationHtml(forbidden, security, ALL, shouting, 'en');
    assert.match(html, /<h1>Rabobank API: forbidden/);
    assert.match(html, /<h2>LIKELY CAUSES<\/h2>/);
    assert.match(html, /<h2>HOW TO FIX<\/h2>/);
    assert.match(html, /data-action="checkConsent">CHECK CONSENT<\/button>/);
    assert.match(html, /<title>EXPLANATION<\/title>/);
    const nothing = explanationHtml(
      explainAnswer('HTTP/1.1 200 OK\n\n{}', {}, kb),
      security,
      ALL,
      shouting,
      'en',
    );
    assert.match(nothing, /<h1>NO KNOWN OAUTH ERROR<\/h1><p>NOTHING IN THIS ANSWER \(HTTP 200\) MATCHES/);
  });

  it('carries the display language it is given as the page lang, and only a language tag', () => {
    assert.match(explanationHtml(forbidden, security, ALL, english, 'de'), /<html lang="de">/);
    assert.match(explanationHtml(forbidden, security, ALL, english, 'zh-cn'), /<html lang="zh-cn">/);
    const odd = explanationHtml(forbidden, security, ALL, english, 'x"><script>alert(1)</script>');
    assert.match(odd, /<html lang="en">/);
    assert.ok(!odd.includes('alert(1)'));
  });

  it('offers a button only for actions whose command is available', () => {
    const html = explanationHtml(
      forbidden,
      security,
      new Set<HoverActionKind>(['checkConsent']),
      english,
      'en',
    );
    assert.match(html, /data-action="checkConsent"/);
    assert.doesNotMatch(html, /data-action="signIn"/);
  });

  it('allows no network and no script or style without the nonce', () => {
    const html = explanationHtml(forbidden, security, ALL, english, 'en');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-n0nce'(;|$)/);
    assert.match(csp, /connect-src 'none'/);
    assert.doesNotMatch(html, /<(script|style)(?![^>]*nonce="n0nce")[^>]*>/);
    assert.doesNotMatch(html, /\bsrc=|<link\b|url\(/, 'nothing loaded, from the network or elsewhere');
  });

  it("escapes the server's own words", () => {
    const hostile = explainAnswer(
      '{"error":"invalid_scope","error_description":"<img src=x onerror=alert(1)> & \\"quoted\\""}',
      {},
      kb,
    );
    const html = explanationHtml(hostile, security, ALL, english, 'en');
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt; &amp; &quot;quoted&quot;/);
    assert.doesNotMatch(html, /<img/);
  });

  it('says what to select when nothing is recognised', () => {
    const html = explanationHtml(
      explainAnswer('HTTP/1.1 200 OK\n\n{}', {}, kb),
      security,
      ALL,
      english,
      'en',
    );
    assert.match(html, /<h1>No known OAuth error<\/h1>/);
    assert.match(html, /HTTP 200/);
  });
});

describe('requestedAction', () => {
  it('accepts an action the finding offers', () => {
    const asked = requestedAction({ type: 'action', finding: 0, action: 'checkConsent' }, forbidden);
    assert.equal(asked?.action, 'checkConsent');
    assert.equal(asked?.finding.id, 'rabobank.api.forbidden');
  });

  it('ignores anything else the page could send', () => {
    for (const message of [
      undefined,
      'checkConsent',
      { type: 'action', finding: 0, action: 'refreshToken' },
      { type: 'action', finding: 0, action: 'workbench.action.terminal.new' },
      { type: 'action', finding: 7, action: 'checkConsent' },
      { type: 'action', finding: 0.5, action: 'checkConsent' },
      { type: 'run', finding: 0, action: 'checkConsent' },
    ]) {
      assert.equal(requestedAction(message, forbidden), undefined, JSON.stringify(message));
    }
  });
});
