import * as assert from 'node:assert/strict';
import {
  ClientProfile,
  isUsableProfile,
  validateClientProfile,
} from '../../../../src/core/profiles/clientProfile';
import { loopbackTargetOf } from '../../../../src/core/profiles/loopbackTarget';
import {
  createProfileFromPreset,
  PROFILE_PRESETS,
  presetOf,
} from '../../../../src/core/profiles/profilePresets';
import { buildProfile } from '../../../doubles/builders/profileBuilder';

describe('validateClientProfile', () => {
  it('finds nothing wrong with a complete profile', () => {
    assert.deepEqual(validateClientProfile(buildProfile()), []);
  });

  it('reports every problem at once, each with its field and a sentence', () => {
    const problems = validateClientProfile(
      buildProfile({
        label: '',
        client_id: ' ',
        authorization_endpoint: 'http://as.example/authorize',
        token_endpoint: 'not a url',
        scopes: [],
        exchangeDelayMs: -1,
      }),
    );
    assert.deepEqual(
      problems.map((p) => p.field),
      ['label', 'client_id', 'authorization_endpoint', 'token_endpoint', 'scopes', 'exchangeDelayMs'],
    );
    assert.ok(problems.every((p) => p.severity === 'error' && /^[A-Z].*\.$/.test(p.message)));
    assert.equal(isUsableProfile(problems), false);
  });

  const cases: {
    name: string;
    change: Partial<ClientProfile>;
    field: string;
    severity: 'error' | 'warning';
  }[] = [
    {
      name: 'plain http to a remote token endpoint',
      change: { token_endpoint: 'http://as.example/t' },
      field: 'token_endpoint',
      severity: 'error',
    },
    {
      name: 'a fragment in an endpoint',
      change: { token_endpoint: 'https://as.example/t#x' },
      field: 'token_endpoint',
      severity: 'error',
    },
    {
      name: 'a non-https revocation endpoint',
      change: { revocation_endpoint: 'ftp://as.example/r' },
      field: 'revocation_endpoint',
      severity: 'error',
    },
    { name: 'a scope with a space', change: { scopes: ['a b'] }, field: 'scopes', severity: 'error' },
    {
      name: 'an https redirect URI (paste-back)',
      change: { redirect_uri: 'https://tpp.example/cb' },
      field: 'redirect_uri',
      severity: 'warning',
    },
    {
      name: 'a plain-http remote redirect URI',
      change: { redirect_uri: 'http://tpp.example/cb' },
      field: 'redirect_uri',
      severity: 'error',
    },
    {
      name: 'a loopback redirect URI on port 80',
      change: { redirect_uri: 'http://127.0.0.1/callback' },
      field: 'redirect_uri',
      severity: 'warning',
    },
    {
      name: 'a loopback redirect URI with port 80 written out',
      change: { redirect_uri: 'http://localhost:80/callback' },
      field: 'redirect_uri',
      severity: 'warning',
    },
    {
      name: 'a redirect URI with a fragment',
      change: { redirect_uri: 'http://127.0.0.1:8765/cb#x' },
      field: 'redirect_uri',
      severity: 'error',
    },
    {
      name: 'a reserved extra parameter',
      change: { extraAuthorizeParams: { state: 'x', prompt: 'login' } },
      field: 'extraAuthorizeParams.state',
      severity: 'error',
    },
    {
      name: 'a certificate without its key',
      change: { tls: { clientCertificatePath: '/c.pem' } },
      field: 'tls.clientKeyPath',
      severity: 'error',
    },
    { name: 'a proxy that is not a URL', change: { proxy: 'proxy:3128' }, field: 'proxy', severity: 'error' },
    {
      name: 'a public client without PKCE',
      change: { token_endpoint_auth_method: 'none', pkce: false },
      field: 'pkce',
      severity: 'warning',
    },
    {
      name: 'an unknown auth method',
      change: { token_endpoint_auth_method: 'private_key_jwt' as never },
      field: 'token_endpoint_auth_method',
      severity: 'error',
    },
  ];
  for (const { name, change, field, severity } of cases) {
    it(`reports ${name}`, () => {
      const problems = validateClientProfile(buildProfile(change));
      assert.deepEqual(
        problems.map((p) => [p.field, p.severity]),
        [[field, severity]],
      );
    });
  }

  it('accepts http endpoints on loopback (local servers, tests)', () => {
    const local = buildProfile({
      token_endpoint: 'http://127.0.0.1:4000/token',
      authorization_endpoint: 'http://localhost/a',
    });
    assert.deepEqual(validateClientProfile(local), []);
  });
});

describe('loopbackTargetOf', () => {
  const cases: [string, ReturnType<typeof loopbackTargetOf>][] = [
    ['http://127.0.0.1:8765/callback', { hosts: ['127.0.0.1'], port: 8765, path: '/callback' }],
    ['http://[::1]:9000/cb?x=1', { hosts: ['::1'], port: 9000, path: '/cb' }],
    ['http://localhost:3000/', { hosts: ['127.0.0.1', '::1'], port: 3000, path: '/' }],
    ['http://127.0.0.1/cb', { hosts: ['127.0.0.1'], port: 80, path: '/cb' }],
    ['https://127.0.0.1:8765/cb', undefined],
    ['http://tpp.example:8765/cb', undefined],
    ['http://127.0.0.2:8765/cb', undefined],
    ['not a url', undefined],
  ];
  for (const [uri, target] of cases) {
    it(`${uri} → ${JSON.stringify(target)}`, () => assert.deepEqual(loopbackTargetOf(uri), target));
  }
});

describe('profile presets', () => {
  it('offers the four Rabobank presets and the two generic ones', () => {
    assert.deepEqual(
      PROFILE_PRESETS.map((p) => p.id),
      [
        'rabobank-psd2-sandbox',
        'rabobank-psd2-production',
        'rabobank-premium-sandbox',
        'rabobank-premium-production',
        'generic-oauth2',
        'generic-oidc',
      ],
    );
  });

  it('carries Rabobank’s documented facts: basic auth, 1000 ms delay, PKCE off, 1 h tokens, 5 min codes, single-use refresh', () => {
    for (const preset of PROFILE_PRESETS.filter((p) => p.facts.rabobank)) {
      assert.equal(preset.defaults.token_endpoint_auth_method, 'client_secret_basic');
      assert.equal(preset.defaults.exchangeDelayMs, 1000);
      assert.equal(preset.defaults.pkce, false);
      assert.equal(preset.facts.accessTokenLifetimeSeconds, 3600);
      assert.equal(preset.facts.authorizationCodeLifetimeSeconds, 300);
      assert.equal(preset.facts.singleUseRefreshTokens, true);
      assert.match(
        preset.defaults.authorization_endpoint,
        /^https:\/\/oauth(-sandbox)?\.rabobank\.nl\/openapi\/.*\/authorize$/,
      );
      assert.match(preset.defaults.token_endpoint, /\/token$/);
    }
    assert.equal(
      presetOf('rabobank-premium-production').defaults.token_endpoint,
      'https://oauth.rabobank.nl/openapi/oauth2-premium/token',
    );
    assert.equal(
      presetOf('rabobank-psd2-production').defaults.authorization_endpoint,
      'https://oauth.rabobank.nl/openapi/oauth2/authorize',
    );
  });

  it('builds a valid Rabobank profile from the preset plus the user’s fields', () => {
    const profile = createProfileFromPreset('rabobank-psd2-sandbox', {
      id: 'r',
      label: 'Rabo sandbox',
      client_id: 'abc',
      redirect_uri: 'http://127.0.0.1:8765/callback',
      scopes: ['ais.balances.read'],
      pkce: true,
    });
    assert.equal(profile.preset, 'rabobank-psd2-sandbox');
    assert.equal(profile.pkce, true);
    assert.deepEqual(validateClientProfile(profile), []);
  });

  it('falls back to Generic OAuth 2.0 for an unknown preset id', () => {
    assert.equal(presetOf('nope').id, 'generic-oauth2');
  });
});
