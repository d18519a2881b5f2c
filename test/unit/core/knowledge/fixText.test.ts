import * as assert from 'node:assert/strict';
import {
  FALLBACK_FIX,
  fixFault,
  fixForNotification,
  FIX_VERBS,
} from '../../../../src/core/knowledge/fixText';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { errorFromResponse } from '../../../../src/core/oauth/endpointResponse';
import { ErrorContext } from '../../../../src/core/oauth/errorCatalog';

/**
 * The rule every failure message keeps: it ends with a step the user can take now. A fix passes when it is not empty,
 * starts with a verb from FIX_VERBS (acts such as "open", "run", "send"; not "check" or "make sure", which only say
 * where to look), does not contain a cause sentence (or sit inside one), and does not take more than three quarters
 * of its own words from one cause (a cause retold with a verb in front).
 */
describe('fixFault', () => {
  const causes = ['The refresh token was already used.'];

  it('passes a concrete step', () => {
    assert.equal(fixFault('Run Sign In Again to get new tokens.', causes), undefined);
  });

  it('refuses an empty fix', () => {
    assert.equal(fixFault('', causes), 'the fix is empty');
    assert.equal(fixFault(undefined, causes), 'the fix is empty');
    assert.equal(fixFault('   ', causes), 'the fix is empty');
  });

  it('refuses a fix that does not start with an allowed verb', () => {
    assert.match(fixFault('The refresh token expired; sign in again.', causes) ?? '', /starts with "The"/);
    assert.match(fixFault('Check the client secret.', causes) ?? '', /starts with "Check"/);
    assert.match(fixFault('If it fails, sign in again.', causes) ?? '', /starts with "If"/);
  });

  it('refuses a fix that repeats a cause', () => {
    assert.equal(
      fixFault('Send a new request: the refresh token was already used.', causes),
      'the fix repeats a cause',
    );
  });

  it('refuses a fix that mostly retells a cause', () => {
    const retold = ['The URI is missing from the app’s Sign-in redirect URIs.'];
    assert.equal(
      fixFault('Add the URI to the app’s Sign-in redirect URIs.', retold),
      'the fix mostly retells a cause',
    );
  });

  it('allows only lower-case single verbs in the list', () => {
    for (const verb of FIX_VERBS) {
      assert.match(verb, /^[a-z]+$/);
    }
    for (const vague of ['check', 'verify', 'ensure', 'make', 'try', 'look', 'consider']) {
      assert.ok(!FIX_VERBS.has(vague), vague);
    }
  });
});

describe('every knowledge base entry ends its failure message with a step', () => {
  for (const entry of KnowledgeBase.create().all()) {
    it(entry.id, () => {
      assert.ok(entry.fixes.length > 0, 'the entry has a fix');
      const causes = [entry.summary, ...entry.causes.map((c) => c.text)];
      for (const fix of entry.fixes) {
        assert.equal(fixFault(fix, causes), undefined, `${entry.id}: "${fix}"`);
      }
    });
  }
});

describe('the fixes of OAuth error answers are steps too', () => {
  const contexts: ErrorContext[] = [
    { endpoint: 'token', grantType: 'refresh_token', rabobank: true },
    { endpoint: 'token', grantType: 'authorization_code', rabobank: false },
    { endpoint: 'revocation', rabobank: false },
  ];
  const errors = [
    'invalid_grant',
    'invalid_client',
    'invalid_request',
    'unsupported_grant_type',
    'unauthorized_client',
    'invalid_scope',
    'unsupported_token_type',
  ];
  for (const context of contexts) {
    for (const error of errors) {
      it(`${error} at the ${context.endpoint} (${context.grantType ?? 'no grant'})`, () => {
        const body = JSON.stringify({ error });
        const err = errorFromResponse({ status: 400, headers: {}, body }, context);
        assert.equal(fixFault(err.fix, [err.message]), undefined, String(err.fix));
      });
    }
  }

  it('gateway and non-OAuth answers', () => {
    const token: ErrorContext = { endpoint: 'token', rabobank: true };
    const api: ErrorContext = { endpoint: 'consent', rabobank: true };
    for (const [status, body, context] of [
      [401, '{"httpCode":"401","httpMessage":"Unauthorized"}', token],
      [403, '{"httpCode":"403","httpMessage":"Forbidden"}', api],
      [502, '<html>bad gateway</html>', token],
      [404, '<html>not here</html>', token],
    ] as const) {
      const err = errorFromResponse({ status, headers: {}, body }, context);
      assert.equal(fixFault(err.fix, [err.message]), undefined, `${status}: ${String(err.fix)}`);
    }
  });
});

describe('fixForNotification', () => {
  it('keeps the error’s own fix when it is a step', () => {
    assert.equal(fixForNotification('Run Sign In Again.', ['Send x.'], ['It failed.']), 'Run Sign In Again.');
  });

  it('passes over a fix that retells the cause to the entry’s first step', () => {
    const cause = 'The refresh token was already used, expired or revoked.';
    assert.equal(
      fixForNotification(`Use less: ${cause}`, ['Keep the newest refresh token.', 'Sign in again.'], [cause]),
      'Keep the newest refresh token.',
    );
  });

  it('falls back to the log when nothing is a step', () => {
    assert.equal(fixForNotification('Check the secret.', [], ['It failed.']), FALLBACK_FIX);
    assert.equal(fixFault(FALLBACK_FIX, []), undefined);
  });
});
