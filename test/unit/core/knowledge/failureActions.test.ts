import * as assert from 'node:assert/strict';
import { CODE_ACTIONS, failureActions, FailureFacts } from '../../../../src/core/knowledge/failureActions';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import type { KnowledgeActionKind } from '../../../../src/core/knowledge/knowledgeEntry';

describe('failureActions', () => {
  const kb = KnowledgeBase.create();
  const named = (id: string) => kb.get(id)?.actions;

  const table: [string, FailureFacts, KnowledgeActionKind[]][] = [
    [
      'sign-in refused for the client: the entry names Set Client Secret',
      { entryActions: named('oauth.token.invalid_client'), retry: 'signIn', canCheckConsent: false },
      ['setClientSecret', 'editProfile'],
    ],
    [
      'Rabobank refused the client at the token endpoint',
      { entryActions: named('rabobank.token.invalid-client'), retry: 'signIn', canCheckConsent: true },
      ['setClientSecret', 'editProfile'],
    ],
    [
      'no secret stored: the error code names Set Client Secret',
      { code: 'CLIENT_SECRET_MISSING', retry: 'signIn', canCheckConsent: false },
      ['setClientSecret', 'editProfile'],
    ],
    [
      'refused refresh of a described error: the actions of the entry, not the guesses of the operation',
      {
        entryActions: named('oauth.token.invalid_client'),
        operationActions: ['signIn', 'checkConsent'],
        retry: 'refreshToken',
        canCheckConsent: true,
      },
      ['setClientSecret', 'editProfile'],
    ],
    [
      'refused refresh that no entry describes: the operation suggests Sign In Again and Check Consent',
      { operationActions: ['signIn', 'checkConsent'], retry: 'refreshToken', canCheckConsent: true },
      ['signIn', 'checkConsent', 'editProfile'],
    ],
    [
      'Check Consent is left out when the profile has no consent endpoint',
      { operationActions: ['signIn', 'checkConsent'], retry: 'refreshToken', canCheckConsent: false },
      ['signIn', 'editProfile'],
    ],
    [
      'the action that equals Retry is not offered twice',
      { entryActions: ['signIn', 'refreshToken'], retry: 'signIn', canCheckConsent: false },
      ['refreshToken', 'editProfile'],
    ],
    ['nothing named: Edit Profile only', { canCheckConsent: true }, ['editProfile']],
  ];
  for (const [name, facts, expected] of table) {
    // With Retry and Show Log, a toast has room for four buttons before VS Code cuts their labels.
    assert.ok(expected.length <= 3, name);
    it(name, () => {
      assert.deepEqual(failureActions(facts), expected);
    });
  }

  it('names actions only through data: every entry about a refused client offers Set Client Secret', () => {
    const refusedClient = kb.all().filter((e) => /\.invalid[-_]client$/.test(e.id));
    assert.ok(refusedClient.length >= 4, refusedClient.map((e) => e.id).join());
    for (const entry of refusedClient) {
      assert.ok(entry.actions.includes('setClientSecret'), entry.id);
    }
    assert.deepEqual(CODE_ACTIONS.CLIENT_SECRET_MISSING, ['setClientSecret']);
  });
});
