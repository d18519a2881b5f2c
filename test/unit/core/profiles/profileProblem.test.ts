import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import {
  describeProblem,
  FailureFacts,
  nextProblem,
  ProfileProblem,
  problemOfConsentAnswer,
  problemOfFailure,
  problemOfResourceAnswer,
  problemShown,
} from '../../../../src/core/profiles/profileProblem';
import { TokenSet } from '../../../../src/core/tokens/tokenSet';

const AT = Date.parse('2026-12-04T10:00:00Z');
const CONSENT = '0f7c1d1e-5b1a-4a4e-9a51-6c0d3f1f2a3b';

const tokens = (receivedAt: number, extra: Partial<TokenSet> = {}): TokenSet => ({
  access_token: 'a',
  token_type: 'Bearer',
  refresh_token: 'r',
  consent_id: CONSENT,
  received_at: new Date(receivedAt).toISOString(),
  other: {},
  ...extra,
});

describe('problemOfFailure', () => {
  const facts = (f: Partial<FailureFacts>): FailureFacts => ({
    operation: 'refresh',
    usesClientSecret: true,
    ...f,
  });

  it('calls an invalid_grant on a refresh a refused refresh token', () => {
    assert.deepEqual(problemOfFailure(facts({ error: 'invalid_grant' }), AT), {
      kind: 'refreshTokenRefused',
      at: AT,
    });
  });

  it('goes by the Rabobank entry when the engine chose it', () => {
    const facts2 = facts({ operation: 'checkConsent', catalogId: 'rabobank.token.invalid-refresh-token' });
    assert.equal(problemOfFailure(facts2, AT)?.kind, 'refreshTokenRefused');
  });

  it('does not call a refused authorization code a refused refresh token', () => {
    assert.equal(problemOfFailure(facts({ operation: 'signIn', error: 'invalid_grant' }), AT), undefined);
  });

  it('calls invalid_client a refused client secret on any operation', () => {
    for (const operation of ['signIn', 'refresh', 'revoke'] as const) {
      assert.equal(
        problemOfFailure(facts({ operation, error: 'invalid_client' }), AT)?.kind,
        'clientSecretRefused',
      );
    }
    const gateway = facts({ catalogId: 'rabobank.token.invalid-client' });
    assert.equal(problemOfFailure(gateway, AT)?.kind, 'clientSecretRefused');
  });

  it('blames no secret of a public client', () => {
    assert.equal(
      problemOfFailure(facts({ error: 'invalid_client', usesClientSecret: false }), AT),
      undefined,
    );
  });

  it('proves nothing without an answer (a timeout, a refused connection)', () => {
    assert.equal(problemOfFailure(facts({}), AT), undefined);
    assert.equal(problemOfFailure(facts({ error: 'temporarily_unavailable' }), AT), undefined);
  });
});

describe('problemOfConsentAnswer and problemOfResourceAnswer', () => {
  it('names the first status that is not valid', () => {
    const problem = problemOfConsentAnswer({ usable: false, statuses: ['valid', 'expired'] }, CONSENT, AT);
    assert.deepEqual(problem, { kind: 'consentEnded', at: AT, consentId: CONSENT, consentStatus: 'expired' });
    assert.equal(describeProblem(problem, english).short, 'consent expired');
  });

  it('proves no problem for a usable consent', () => {
    assert.equal(problemOfConsentAnswer({ usable: true, statuses: ['valid'] }, CONSENT, AT), undefined);
  });

  it('takes a 403 of an API call as a reason to check the consent, nothing else', () => {
    assert.equal(problemOfResourceAnswer(403, CONSENT, AT)?.kind, 'consentInDoubt');
    assert.equal(problemOfResourceAnswer(401, CONSENT, AT), undefined);
    assert.equal(problemOfResourceAnswer(200, CONSENT, AT), undefined);
  });
});

describe('nextProblem', () => {
  const refused: ProfileProblem = { kind: 'refreshTokenRefused', at: AT };
  const secret: ProfileProblem = { kind: 'clientSecretRefused', at: AT };
  const ended: ProfileProblem = {
    kind: 'consentEnded',
    at: AT,
    consentId: CONSENT,
    consentStatus: 'expired',
  };

  it('replaces the problem with the one a later failure proves', () => {
    assert.equal(nextProblem(refused, { kind: 'failure', problem: secret }), secret);
  });

  it('keeps the problem after a failure that proves nothing', () => {
    assert.equal(nextProblem(refused, { kind: 'failure' }), refused);
  });

  it('clears a consent problem when the consent is usable again, and only that', () => {
    assert.equal(nextProblem(ended, { kind: 'consent' }), undefined);
    assert.equal(nextProblem(refused, { kind: 'consent' }), refused);
    assert.equal(nextProblem(refused, { kind: 'consent', problem: ended }), ended);
  });

  it('clears a refused secret when a new secret is stored, and only that', () => {
    assert.equal(nextProblem(secret, { kind: 'secretReplaced' }), undefined);
    assert.equal(nextProblem(ended, { kind: 'secretReplaced' }), ended);
  });

  it('forgets everything on sign-out', () => {
    assert.equal(nextProblem(ended, { kind: 'forgotten' }), undefined);
  });
});

describe('problemShown', () => {
  const refused: ProfileProblem = { kind: 'refreshTokenRefused', at: AT };

  it('shows the problem while the stored tokens are older than the answer', () => {
    assert.equal(problemShown(refused, tokens(AT - 60_000)), refused);
  });

  it('drops it once tokens arrived after it (a sign-in or a refresh succeeded)', () => {
    assert.equal(problemShown(refused, tokens(AT + 1)), undefined);
  });

  it('drops a refused refresh token once there is none stored', () => {
    assert.equal(problemShown(refused, tokens(AT - 1, { refresh_token: undefined })), undefined);
    assert.equal(problemShown(refused, undefined), undefined);
  });

  it('keeps a refused client secret without tokens (a sign-in that failed)', () => {
    const secret: ProfileProblem = { kind: 'clientSecretRefused', at: AT };
    assert.equal(problemShown(secret, undefined), secret);
  });

  it('drops a consent problem about another consent', () => {
    const ended: ProfileProblem = { kind: 'consentEnded', at: AT, consentId: CONSENT };
    assert.equal(problemShown(ended, tokens(AT - 1)), ended);
    assert.equal(problemShown(ended, tokens(AT - 1, { consent_id: 'another' })), undefined);
  });
});

describe('describeProblem', () => {
  const problems: ProfileProblem[] = [
    { kind: 'refreshTokenRefused', at: AT },
    { kind: 'consentEnded', at: AT, consentStatus: 'revokedByPsu' },
    { kind: 'consentInDoubt', at: AT },
    { kind: 'clientSecretRefused', at: AT },
  ];
  const actions = ['signIn', 'signIn', 'checkConsent', 'setClientSecret'];

  problems.forEach((problem, i) => {
    it(`gives ${problem.kind} its action and a next step that is not the cause`, () => {
      const words = describeProblem(problem, english);
      assert.equal(words.action, actions[i]);
      assert.match(words.nextStep, /^Run /);
      assert.notEqual(words.nextStep, words.sentence);
      assert.ok(!words.sentence.includes(words.nextStep));
    });
  });

  it('words a revoked consent as revoked', () => {
    assert.equal(describeProblem(problems[1], english).short, 'consent revoked');
  });
});
