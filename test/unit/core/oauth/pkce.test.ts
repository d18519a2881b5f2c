import * as assert from 'node:assert/strict';
import { buildAuthorizationUrl } from '../../../../src/core/oauth/authorizationRequest';
import { createPkcePair, randomUrlSafeString, s256CodeChallenge } from '../../../../src/core/oauth/pkce';
import { buildProfile } from '../../../doubles/builders/profileBuilder';

describe('PKCE and state', () => {
  it('computes the S256 challenge of RFC 7636 Appendix B', async () => {
    assert.equal(
      await s256CodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes 43-character verifiers of unreserved characters, each one new', async () => {
    const a = await createPkcePair();
    const b = await createPkcePair();
    assert.match(a.code_verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a.code_verifier, b.code_verifier);
    assert.equal(a.code_challenge, await s256CodeChallenge(a.code_verifier));
    assert.equal(a.code_challenge_method, 'S256');
  });

  it('makes states of 256 random bits by default and never less than 128', () => {
    assert.match(randomUrlSafeString(), /^[A-Za-z0-9_-]{43}$/);
    assert.equal(new Set(Array.from({ length: 100 }, () => randomUrlSafeString(16))).size, 100);
  });
});

describe('buildAuthorizationUrl', () => {
  it('sets the protocol parameters and lets extra parameters add but never override', async () => {
    const pkce = await createPkcePair();
    const url = new URL(
      buildAuthorizationUrl(
        buildProfile({
          authorization_endpoint: 'https://as.example/authorize?tenant=t1',
          scopes: ['ais.balances.read', 'oauth2.consents.read'],
          extraAuthorizeParams: { prompt: 'login', state: 'attacker', redirect_uri: 'https://evil.example' },
        }),
        'the-state',
        pkce,
      ),
    );
    assert.equal(url.searchParams.get('tenant'), 't1');
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('client_id'), 'client-1');
    assert.equal(url.searchParams.get('redirect_uri'), 'http://127.0.0.1:8765/callback');
    assert.equal(url.searchParams.get('scope'), 'ais.balances.read oauth2.consents.read');
    assert.equal(url.searchParams.get('state'), 'the-state');
    assert.equal(url.searchParams.get('prompt'), 'login');
    assert.equal(url.searchParams.get('code_challenge'), pkce.code_challenge);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.getAll('state').length, 1);
  });

  it('sends no PKCE parameters when PKCE is off', () => {
    const url = new URL(buildAuthorizationUrl(buildProfile({ pkce: false }), 's'));
    assert.equal(url.searchParams.has('code_challenge'), false);
  });
});
