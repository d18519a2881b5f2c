import * as assert from 'node:assert/strict';
import { decodeJwtUnverified, decodeTokenSetJwts } from '../../../../src/core/tokens/decodeJwt';
import {
  consentIdFromMetadata,
  isAccessTokenExpired,
  isRefreshTokenExpired,
  TokenSet,
  tokenSetFromResponse,
} from '../../../../src/core/tokens/tokenSet';

const AT = Date.parse('2026-11-27T10:00:00.000Z');

describe('tokenSetFromResponse', () => {
  it('computes expires_at from expires_in and the time of the response, and keeps other fields', () => {
    const tokens = tokenSetFromResponse(
      {
        access_token: 'a',
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: 'r',
        refresh_token_expires_in: '86400',
        scope: 'ais.balances.read',
        consented_on: 1764237600,
        metadata: 'a:consentId 3f2a8c1e-1b2d-4c5e-9f00-123456789abc',
      },
      { receivedAtMs: AT },
    );
    assert.deepEqual(tokens, {
      access_token: 'a',
      token_type: 'Bearer',
      expires_at: '2026-11-27T11:00:00.000Z',
      refresh_token: 'r',
      refresh_token_expires_at: '2026-11-28T10:00:00.000Z',
      scope: 'ais.balances.read',
      consent_id: '3f2a8c1e-1b2d-4c5e-9f00-123456789abc',
      received_at: '2026-11-27T10:00:00.000Z',
      other: { consented_on: 1764237600, metadata: 'a:consentId 3f2a8c1e-1b2d-4c5e-9f00-123456789abc' },
    });
  });

  it('uses the provider’s documented lifetime and the requested scope when the response omits them', () => {
    const tokens = tokenSetFromResponse(
      { access_token: 'a', token_type: 'Bearer' },
      { receivedAtMs: AT, defaultLifetimeSeconds: 3600, requestedScope: 'x y' },
    );
    assert.equal(tokens?.expires_at, '2026-11-27T11:00:00.000Z');
    assert.equal(tokens?.scope, 'x y');
    assert.equal(tokens?.refresh_token, undefined);
  });

  it('leaves expires_at out when nothing says how long the token lives', () => {
    const tokens = tokenSetFromResponse({ access_token: 'a', token_type: 'Bearer' }, { receivedAtMs: AT });
    assert.equal(tokens && 'expires_at' in tokens, false);
  });

  for (const body of [
    {},
    { access_token: '', token_type: 'Bearer' },
    { access_token: 'a' },
    { access_token: 1, token_type: 'Bearer' },
  ]) {
    it(`returns undefined for ${JSON.stringify(body)}`, () => {
      assert.equal(tokenSetFromResponse(body, { receivedAtMs: AT }), undefined);
    });
  }
});

describe('consentIdFromMetadata', () => {
  const cases: [unknown, string | undefined][] = [
    ['a:consentId 3f2a8c1e-1b2d-4c5e-9f00-123456789abc', '3f2a8c1e-1b2d-4c5e-9f00-123456789abc'],
    ['x:other 1 a:consentId abc-123', 'abc-123'],
    ['consentId abc', undefined],
    [undefined, undefined],
    [{ consentId: 'abc' }, undefined],
  ];
  for (const [metadata, id] of cases) {
    it(`${JSON.stringify(metadata)} → ${id}`, () => assert.equal(consentIdFromMetadata(metadata), id));
  }
});

describe('token expiry windows', () => {
  const base: TokenSet = { access_token: 'a', token_type: 'Bearer', received_at: '', other: {} };
  const cases: { name: string; expires_at?: string; skewMs: number; expired: boolean }[] = [
    { name: 'unknown expiry', skewMs: 60_000, expired: false },
    {
      name: 'an hour left',
      expires_at: new Date(AT + 3600_000).toISOString(),
      skewMs: 60_000,
      expired: false,
    },
    {
      name: '30 s left with a 60 s margin',
      expires_at: new Date(AT + 30_000).toISOString(),
      skewMs: 60_000,
      expired: true,
    },
    {
      name: '30 s left without margin',
      expires_at: new Date(AT + 30_000).toISOString(),
      skewMs: 0,
      expired: false,
    },
    { name: 'exactly now', expires_at: new Date(AT).toISOString(), skewMs: 0, expired: true },
    { name: 'a minute ago', expires_at: new Date(AT - 60_000).toISOString(), skewMs: 0, expired: true },
  ];
  for (const { name, expires_at, skewMs, expired } of cases) {
    it(`access token with ${name} is ${expired ? '' : 'not '}expired`, () => {
      assert.equal(isAccessTokenExpired({ ...base, expires_at }, AT, skewMs), expired);
    });
  }

  it('knows a refresh token is expired only from its expiry', () => {
    assert.equal(isRefreshTokenExpired(base, AT), false);
    assert.equal(
      isRefreshTokenExpired({ ...base, refresh_token_expires_at: new Date(AT).toISOString() }, AT),
      true,
    );
  });
});

describe('decodeJwtUnverified', () => {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('decodes header and claims and labels them unverified', () => {
    const jwt = `${part({ alg: 'RS256', kid: 'k' })}.${part({ sub: 'alice', exp: 1, name: 'Zoë' })}.signature`;
    assert.deepEqual(decodeJwtUnverified(jwt), {
      verified: false,
      header: { alg: 'RS256', kid: 'k' },
      claims: { sub: 'alice', exp: 1, name: 'Zoë' },
    });
  });

  for (const token of [
    'opaque-token',
    'a.b',
    `${part([1])}.${part({})}.s`,
    `${part({})}.not+base64.s`,
    '..',
  ]) {
    it(`returns undefined for ${token}`, () => assert.equal(decodeJwtUnverified(token), undefined));
  }

  it('decodes only the JWTs of a token set', () => {
    const idToken = `${part({ alg: 'RS256' })}.${part({ sub: 'alice' })}.sig`;
    assert.deepEqual(decodeTokenSetJwts({ access_token: 'opaque', id_token: idToken }), {
      id_token: { verified: false, header: { alg: 'RS256' }, claims: { sub: 'alice' } },
    });
  });
});
