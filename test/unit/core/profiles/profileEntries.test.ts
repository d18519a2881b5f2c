import * as assert from 'node:assert/strict';
import {
  parseProfileEntries,
  profileToEntry,
  uniqueProfileId,
} from '../../../../src/core/profiles/profileEntries';
import { rabobankSettingsEntry } from '../../../doubles/builders/profileBuilder';

const good = rabobankSettingsEntry();

describe('parseProfileEntries', () => {
  it('fills a Rabobank entry from its preset', () => {
    const { profiles, invalid } = parseProfileEntries([good]);
    assert.deepEqual(invalid, []);
    assert.equal(profiles[0].token_endpoint, 'https://api-sandbox.rabobank.nl/openapi/sandbox/oauth2/token');
    assert.equal(profiles[0].exchangeDelayMs, 1000);
  });

  it('accepts scopes written as one space-separated string', () => {
    const { profiles } = parseProfileEntries([
      { ...good, scopes: 'ais.balances.read  oauth2.consents.read' },
    ]);
    assert.deepEqual(profiles[0].scopes, ['ais.balances.read', 'oauth2.consents.read']);
  });

  const bad: [string, unknown, RegExp][] = [
    ['a non-object entry', 42, /Profile 2 in oauthWorkbench\.profiles is not an object/],
    ['an unknown preset', { ...good, id: 'x', preset: 'acme' }, /preset: "acme" is not a known preset/],
    ['a wrong type', { ...good, id: 'x', pkce: 'yes' }, /pkce: must be true or false/],
    [
      'a broken URL',
      { ...good, id: 'x', preset: 'generic-oauth2', token_endpoint: 'not a url' },
      /token_endpoint/,
    ],
    [
      'a secret in settings',
      { ...good, id: 'x', client_secret: 's3cret' },
      /"client_secret" does not belong/,
    ],
    ['a duplicate id', { ...good }, /already uses the id "rabo"/],
    ['empty scopes', { ...good, id: 'x', scopes: [] }, /scopes:/],
  ];
  for (const [name, entry, message] of bad) {
    it(`reports ${name} in one message and keeps the other profiles`, () => {
      const { profiles, invalid } = parseProfileEntries([good, entry]);
      assert.deepEqual(
        profiles.map((p) => p.id),
        ['rabo'],
      );
      assert.equal(invalid.length, 1);
      assert.equal(invalid[0].index, 1);
      assert.match(invalid[0].message, message);
      assert.ok(!invalid[0].message.includes('s3cret'), 'never echoes a secret');
    });
  }

  it('reports a setting that is not a list', () => {
    assert.equal(parseProfileEntries({}).invalid.length, 1);
    assert.deepEqual(parseProfileEntries(undefined), { profiles: [], invalid: [] });
  });

  it('round-trips a profile through its settings entry', () => {
    const [profile] = parseProfileEntries([good]).profiles;
    assert.deepEqual(parseProfileEntries([profileToEntry(profile)]).profiles[0], profile);
  });
});

describe('uniqueProfileId', () => {
  const cases: [string, string[], string][] = [
    ['Rabobank PSD2 (sandbox)', [], 'rabobank-psd2-sandbox'],
    ['Rabobank PSD2 (sandbox)', ['rabobank-psd2-sandbox'], 'rabobank-psd2-sandbox-2'],
    ['!!!', [], 'profile'],
  ];
  for (const [label, taken, expected] of cases) {
    it(`turns "${label}" into ${expected}`, () => {
      assert.equal(uniqueProfileId(label, taken), expected);
    });
  }
});
