import * as assert from 'node:assert/strict';
import { parseProfileEntries } from '../../../../src/core/profiles/profileEntries';
import { ReliabilityCounts } from '../../../support/reliabilityCounts';
import { rabobankSettingsEntry } from '../../../doubles/builders/profileBuilder';

const good = rabobankSettingsEntry();
const generic = {
  id: 'api',
  preset: 'generic-oauth2',
  authorization_endpoint: 'https://as.example/authorize',
  token_endpoint: 'https://as.example/token',
  client_id: 'c',
  redirect_uri: 'http://127.0.0.1:8765/callback',
  scopes: ['openid'],
};

/** Each malformed entry, and what its one message must name. */
const malformed: [string, unknown, RegExp][] = [
  ['null', null, /is not an object/],
  ['a number', 42, /is not an object/],
  ['a string', 'rabo', /is not an object/],
  ['an array', [generic], /is not an object/],
  ['an id that is a number', { ...generic, id: 5 }, /id: must be text/],
  ['an empty id', { ...generic, id: '' }, /id: The profile needs an id/],
  ['no id', { ...generic, id: undefined }, /id: The profile needs an id/],
  ['an id with spaces and slashes', { ...generic, id: 'my api/1' }, /id: Use only letters, digits/],
  ['a label that is a number', { ...generic, label: 5 }, /label: must be text/],
  [
    'an unknown preset',
    { ...generic, preset: 'acme-bank' },
    /preset: "acme-bank" is not a known preset \(use one of/,
  ],
  ['a preset that is a number', { ...generic, preset: 7 }, /preset: 7 is not a known preset/],
  [
    'a preset that is an object whose toString is not a function',
    { ...generic, preset: { toString: 28 } },
    /preset: \{"toString":28\} is not a known preset/,
  ],
  [
    'an endpoint that is not a URL',
    { ...generic, authorization_endpoint: 'not a url' },
    /authorization_endpoint: .*not a valid URL/,
  ],
  [
    'an ftp endpoint',
    { ...generic, authorization_endpoint: 'ftp://as.example/a' },
    /authorization_endpoint: .*must use https/,
  ],
  [
    'a plain-http remote endpoint',
    { ...generic, token_endpoint: 'http://as.example/token' },
    /token_endpoint: .*must use https/,
  ],
  ['a javascript: endpoint', { ...generic, token_endpoint: 'javascript:alert(1)' }, /token_endpoint: /],
  ['an endpoint that is a number', { ...generic, token_endpoint: 42 }, /token_endpoint: must be text/],
  [
    'a redirect URI that is not a URL',
    { ...generic, redirect_uri: 'callback' },
    /redirect_uri: .*not a valid URL/,
  ],
  [
    'a redirect URI with an impossible port',
    { ...generic, redirect_uri: 'http://127.0.0.1:99999/cb' },
    /redirect_uri: /,
  ],
  [
    'a redirect URI with a fragment',
    { ...generic, redirect_uri: 'http://127.0.0.1:8765/cb#x' },
    /redirect_uri: .*fragment/,
  ],
  ['a client id that is a number', { ...generic, client_id: 5 }, /client_id: must be text/],
  ['an empty client id', { ...generic, client_id: '' }, /client_id: Enter the client id/],
  ['scopes that are a number', { ...generic, scopes: 5 }, /scopes: must be a list of scope names/],
  ['scopes that are numbers', { ...generic, scopes: [1, 2] }, /scopes: must be a list of scope names/],
  ['no scopes', { ...generic, scopes: [] }, /scopes: Enter at least one scope/],
  ['a scope with a space', { ...generic, scopes: ['a b'] }, /scopes: Each scope is one word/],
  ['pkce as text', { ...generic, pkce: 'yes' }, /pkce: must be true or false/],
  ['a delay as text', { ...generic, exchangeDelayMs: '1000' }, /exchangeDelayMs: must be a number/],
  ['a negative delay', { ...generic, exchangeDelayMs: -5 }, /exchangeDelayMs: .*between 0 and 60000/],
  ['a huge delay', { ...generic, exchangeDelayMs: 1e12 }, /exchangeDelayMs: .*between 0 and 60000/],
  [
    'extra parameters that are numbers',
    { ...generic, extraAuthorizeParams: { a: 1 } },
    /extraAuthorizeParams: must be an object of text values/,
  ],
  [
    'extra parameters that override state',
    { ...generic, extraAuthorizeParams: { state: 'x' } },
    /extraAuthorizeParams\.state: /,
  ],
  ['tls as text', { ...generic, tls: 'cert.pem' }, /tls: must be an object/],
  [
    'a tls path that is a number',
    { ...generic, tls: { clientCertificatePath: 5 } },
    /tls\.clientCertificatePath: must be a file path/,
  ],
  [
    'a certificate without its key',
    { ...generic, tls: { clientCertificatePath: 'c.pem' } },
    /tls\.clientKeyPath: /,
  ],
  ['a proxy that is a number', { ...generic, proxy: 3128 }, /proxy: must be text/],
  [
    'a proxy that is not a URL',
    { ...generic, proxy: 'proxy:3128' },
    /proxy: The proxy must be an http:\/\/ or https:\/\/ URL/,
  ],
  [
    'an unknown client authentication',
    { ...generic, token_endpoint_auth_method: 'magic' },
    /token_endpoint_auth_method: /,
  ],
  [
    'a client secret in settings',
    { ...generic, client_secret: 'hunter2' },
    /"client_secret" does not belong in settings/,
  ],
  [
    'a revocation endpoint that is not a URL',
    { ...generic, revocation_endpoint: 'nope' },
    /revocation_endpoint: /,
  ],
  [
    'a plain-http introspection endpoint',
    { ...generic, introspection_endpoint: 'http://evil.example/i' },
    /introspection_endpoint: .*https/,
  ],
  [
    'a consent endpoint that is not a URL',
    { ...generic, consentDetailsEndpoint: 'nope' },
    /consentDetailsEndpoint: /,
  ],
  [
    'an OIDC entry without endpoints',
    { ...generic, preset: 'generic-oidc', authorization_endpoint: undefined, token_endpoint: undefined },
    /authorization_endpoint: Enter .* token_endpoint: Enter/,
  ],
  ['a duplicate id', { ...good }, /another profile already uses the id "rabo"/],
];

describe('oauthWorkbench.profiles with malformed entries', () => {
  const counts = new ReliabilityCounts(
    'malformed profile settings: one clear message each, the rest keeps working',
  );

  for (const [name, entry, message] of malformed) {
    it(`reports ${name} in one message naming the entry, and keeps the other profiles`, async () => {
      await counts.check(() => {
        const { profiles, invalid } = parseProfileEntries([good, entry, generic]);
        assert.deepEqual(
          profiles.map((p) => p.id),
          ['rabo', 'api'],
        );
        assert.equal(invalid.length, 1, 'exactly one message');
        assert.equal(invalid[0].index, 1);
        assert.match(invalid[0].message, /^Profile 2\b.* in oauthWorkbench\.profiles/);
        assert.match(invalid[0].message, message);
        assert.doesNotMatch(invalid[0].message, /\[object Object\]|undefined|NaN/);
        assert.ok(!invalid[0].message.includes('hunter2'), 'never echoes a secret');
      });
    });
  }

  it('reports every malformed entry of one setting, each once, and keeps the good ones', async () => {
    await counts.check(() => {
      const entries = [good, ...malformed.map(([, entry]) => entry), generic];
      const { profiles, invalid } = parseProfileEntries(entries);
      assert.deepEqual(
        profiles.map((p) => p.id),
        ['rabo', 'api'],
      );
      assert.deepEqual(
        invalid.map((e) => e.index),
        malformed.map((_, i) => i + 1),
      );
    });
  });
});
