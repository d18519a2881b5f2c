import * as assert from 'node:assert/strict';
import { entryText } from '../../../../src/core/knowledge/entryText';
import { ERRATA } from '../../../../src/core/knowledge/errata';
import { DuplicateKnowledgeEntryError, KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { entry } from '../../../../src/core/knowledge/knowledgeEntry';

const kb = KnowledgeBase.create();

describe('KnowledgeBase', () => {
  it('holds every id the issue names', () => {
    const ids = [
      'rabobank.authorize.invalid-client',
      'rabobank.authorize.redirect-uri-mismatch',
      'rabobank.token.invalid-code',
      'rabobank.token.invalid-refresh-token',
      'rabobank.token.invalid-client',
      'rabobank.token.grant-type-mismatch',
      'rabobank.api.access-token-invalid',
      'rabobank.api.forbidden',
      'oauth.token.invalid_grant',
      'oauth.authorize.access_denied',
      'oauth.bearer.invalid_token',
      'oauth.revoke.unsupported_token_type',
      'berlingroup.CONSENT_EXPIRED',
      'entra.AADSTS50011',
    ];
    for (const id of ids) {
      assert.ok(kb.has(id), id);
    }
  });

  it('gives every entry a provider.place.name id, causes, fixes, an https link and known relations', () => {
    for (const e of kb.all()) {
      assert.match(e.id, /^[a-z0-9]+(\.[a-z]+)?\.[A-Za-z0-9_-]+$/, e.id);
      assert.ok(e.causes.length > 0 && e.fixes.length > 0, e.id);
      assert.match(e.link.url, /^https:\/\//, e.id);
      for (const r of e.related) {
        assert.ok(kb.has(r), `${e.id} relates to unknown ${r}`);
      }
      for (const er of e.errata) {
        assert.ok(ERRATA[er], `${e.id} names unknown erratum ${er}`);
      }
    }
  });

  it('states each of the guide errata on the entries they concern', () => {
    assert.deepEqual(kb.get('rabobank.token.grant-type-mismatch')?.errata, ['grant-type-value']);
    assert.deepEqual(kb.get('rabobank.api.forbidden')?.errata, [
      'missing-scope-name',
      'payment-request-scope',
      'consent-status-invalid',
    ]);
    assert.ok(kb.get('rabobank.consent.not-valid')?.errata.includes('consent-status-invalid'));
    assert.match(ERRATA['grant-type-value'].text, /authorization_code/);
    assert.match(ERRATA['missing-scope-name'].text, /ais\.transactions\.read-90days/);
    assert.match(ERRATA['payment-request-scope'].text, /prs\.paymentrequest\.read-write/);
    assert.match(ERRATA['consent-status-invalid'].text, /other than `valid`/);
  });

  it('shares one shipped catalog that holds the same entries a new one does', () => {
    assert.equal(KnowledgeBase.shipped(), KnowledgeBase.shipped());
    assert.deepEqual(
      KnowledgeBase.shipped()
        .all()
        .map((e) => e.id),
      KnowledgeBase.create()
        .all()
        .map((e) => e.id),
    );
  });

  it('rejects two entries with one id', () => {
    const e = entry({
      id: 'a.b.c',
      title: 't',
      place: 'request',
      summary: 's',
      causes: ['c'],
      fixes: ['f'],
      link: { title: 'l', url: 'https://x' },
    });
    assert.throws(
      () => new KnowledgeBase([e, e]),
      (err: unknown) => err instanceof DuplicateKnowledgeEntryError && err.code === 'KNOWLEDGE_DUPLICATE_ID',
    );
  });

  it('renders an entry as plain text with causes, fixes and errata', () => {
    const text = entryText(kb.get('rabobank.token.grant-type-mismatch')!, kb);
    assert.match(text, /^rabobank\.token\.grant-type-mismatch: /);
    assert.match(text, /Likely causes:\n {2}1\. /);
    assert.match(text, /How to fix:/);
    assert.match(text, /Guide erratum: the grant type for a code exchange:/);
    assert.doesNotMatch(text, /`/);
  });
});
