import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import { ClientProfile } from '../../../../src/core/profiles/clientProfile';
import { TokenSet } from '../../../../src/core/tokens/tokenSet';
import { renderTokenDetails } from '../../../../src/features/tokens/tokenDetailsDocument';
import { buildProfile } from '../../../doubles/builders/profileBuilder';

const now = Date.parse('2026-11-27T10:00:00Z');
const jwt = (claims: object) =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
const tokenSet: TokenSet = {
  access_token: jwt({ sub: 'alice', scope: 'ais.balances.read' }),
  token_type: 'Bearer',
  expires_at: '2026-11-27T10:42:30.000Z',
  refresh_token: 'refresh-secret-value',
  scope: 'ais.balances.read',
  consent_id: '3f2c1d7e-0000-4000-8000-000000000001',
  received_at: '2026-11-27T09:42:30.000Z',
  other: {},
};
const profile: ClientProfile = buildProfile({ consentDetailsEndpoint: 'https://api.example/consents' });

describe('renderTokenDetails', () => {
  it('leads with what the last answer proved and the next step', () => {
    const problem = { kind: 'refreshTokenRefused', at: now } as const;
    const text = renderTokenDetails(profile, tokenSet, {
      reveal: false,
      nowMs: now,
      translate: english,
      problem,
    });
    assert.match(
      text,
      /^# .*\n\n## Last answer\n\n- refresh token refused \(2026-11-27T10:00:00\.000Z\): The token endpoint refused the refresh token.*\n- Next step: Run Sign In Again/,
    );
    assert.doesNotMatch(
      renderTokenDetails(profile, tokenSet, { reveal: false, nowMs: now, translate: english }),
      /Last answer/,
    );
  });

  it('says when the refresh token may be spent by a refresh whose answer was lost', () => {
    const marked = { ...tokenSet, refresh_attempted_at: '2026-11-27T09:59:00.000Z' };
    const text = renderTokenDetails(profile, marked, { reveal: false, nowMs: now, translate: english });
    assert.match(
      text,
      /refresh_token may be spent: A refresh sent at 2026-11-27T09:59:00\.000Z got no answer .* sign in again\./,
    );
    assert.doesNotMatch(
      renderTokenDetails(profile, tokenSet, { reveal: false, nowMs: now, translate: english }),
      /may be spent/,
    );
  });

  it('masks every token unless asked to reveal', () => {
    const text = renderTokenDetails(profile, tokenSet, { reveal: false, nowMs: now, translate: english });
    assert.ok(!text.includes(tokenSet.access_token));
    assert.ok(!text.includes('refresh-secret-value'));
    assert.match(text, /access_token: •+ \(\d+ chars, fingerprint [0-9a-f]{8}\)/);
    // `#` and 3, 4, 6 or 8 hex digits is drawn as a colour swatch by the editor.
    assert.doesNotMatch(text, /#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})\b/i);
    assert.match(text, /expires_at: 2026-11-27T10:42:30\.000Z \(expires in 42 min\)/);
    assert.match(text, /consent_id: 3f2c1d7e/);
    assert.match(text, /consent_details_endpoint: https:\/\/api\.example\/consents/);
  });

  it('marks decoded claims as unverified', () => {
    const text = renderTokenDetails(profile, tokenSet, { reveal: false, nowMs: now, translate: english });
    assert.match(text, /## Claims of the access token \(decoded, signature NOT verified\)/);
    assert.match(text, /"sub": "alice"/);
  });

  it('shows tokens in full, with a warning, when revealed', () => {
    const text = renderTokenDetails(profile, tokenSet, { reveal: true, nowMs: now, translate: english });
    assert.ok(text.includes(`access_token: ${tokenSet.access_token}`));
    assert.match(text, /Do not share/);
  });

  it('says when the profile is not signed in', () => {
    assert.match(
      renderTokenDetails(profile, undefined, { reveal: false, nowMs: now, translate: english }),
      /Not signed in/,
    );
  });
});
