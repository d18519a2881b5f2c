import * as assert from 'node:assert/strict';
import { TokenSet } from '../../../../src/core/tokens/tokenSet';
import {
  profileContextValue,
  ProfileSnapshot,
  ProfileState,
  profileStateOf,
} from '../../../../src/features/tokensView/tokenTreeNodes';
import { buildProfile } from '../../../doubles/builders/profileBuilder';

const now = 1_000_000_000_000;
const tokens = (expiresInMs?: number): TokenSet => ({
  access_token: 'a',
  token_type: 'Bearer',
  expires_at: expiresInMs === undefined ? undefined : new Date(now + expiresInMs).toISOString(),
  received_at: new Date(now).toISOString(),
  other: {},
});

describe('profileStateOf', () => {
  const profile = buildProfile();
  const publicProfile = buildProfile({ token_endpoint_auth_method: 'none' });
  const cases: [string, ProfileSnapshot, boolean, ProfileState][] = [
    ['signed in', { profile, hasSecret: true, tokenSet: tokens(60_000) }, false, 'signedIn'],
    [
      'unknown expiry counts as signed in',
      { profile, hasSecret: true, tokenSet: tokens() },
      false,
      'signedIn',
    ],
    ['expired', { profile, hasSecret: true, tokenSet: tokens(-1) }, false, 'expired'],
    ['signed out', { profile, hasSecret: true }, false, 'signedOut'],
    ['no secret', { profile, hasSecret: false }, false, 'noSecret'],
    ['a public client needs no secret', { profile: publicProfile, hasSecret: false }, false, 'signedOut'],
    ['last operation failed', { profile, hasSecret: true, tokenSet: tokens(60_000) }, true, 'error'],
    [
      'keychain unreadable is an error, not signed out',
      { profile, hasSecret: false, loadError: 'x' },
      false,
      'error',
    ],
  ];
  for (const [name, snapshot, failed, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      assert.equal(profileStateOf(snapshot, failed, now), expected);
    });
  }
});

describe('profileContextValue', () => {
  const base = 'oauthWorkbench.profile.error';
  it('puts the fitting action between the state and the consent suffix', () => {
    const refused = { kind: 'refreshTokenRefused', at: now } as const;
    assert.equal(profileContextValue(base, refused, true), `${base}.problem-signIn.consent`);
    const secret = { kind: 'clientSecretRefused', at: now } as const;
    assert.equal(profileContextValue(base, secret, false), `${base}.problem-setClientSecret`);
    const doubt = { kind: 'consentInDoubt', at: now } as const;
    assert.equal(profileContextValue(base, doubt, true), `${base}.problem-checkConsent.consent`);
  });

  it('is the state (and consent suffix) alone without a problem', () => {
    assert.equal(
      profileContextValue('oauthWorkbench.profile.signedIn', undefined, true),
      'oauthWorkbench.profile.signedIn.consent',
    );
  });
});
