import * as assert from 'node:assert/strict';
import {
  credentialTargetVerdict,
  mayCarryCredentials,
  profileOfUrl,
} from '../../../../src/core/profiles/credentialTarget';
import { validateClientProfile } from '../../../../src/core/profiles/clientProfile';
import { presetOf } from '../../../../src/core/profiles/profilePresets';
import { practiceProfile } from '../../../../src/core/practice/practiceProfile';
import { buildProfile } from '../../../doubles/builders/profileBuilder';

describe('credentialTargetVerdict', () => {
  const sandbox = { ...presetOf('rabobank-psd2-sandbox').defaults };

  it('sends client credentials to the own token, revocation, introspection and PAR endpoints only', () => {
    const p = {
      ...sandbox,
      revocation_endpoint: 'https://api-sandbox.rabobank.nl/openapi/sandbox/oauth2/revoke',
      pushed_authorization_request_endpoint: 'https://api-sandbox.rabobank.nl/openapi/sandbox/oauth2/par',
    };
    for (const url of [
      'https://api-sandbox.rabobank.nl/openapi/sandbox/oauth2/token',
      'https://api-sandbox.rabobank.nl/openapi/sandbox/oauth2/token/?x=1',
      'https://API-SANDBOX.rabobank.nl:443/openapi/sandbox/oauth2/revoke',
      'https://api-sandbox.rabobank.nl/openapi/sandbox/oauth2/par',
    ]) {
      assert.ok(mayCarryCredentials(p, 'clientCredentials', url), url);
    }
    for (const url of [
      'https://api-sandbox.rabobank.nl/openapi/sandbox/oauth2/token2',
      'http://api-sandbox.rabobank.nl/openapi/sandbox/oauth2/token',
      'https://api-sandbox.rabobank.nl:8443/openapi/sandbox/oauth2/token',
      'https://user@api-sandbox.rabobank.nl/openapi/sandbox/oauth2/token',
      'https://api-sandbox.rabobank.nl/openapi/sandbox/payments/accounts',
      'https://evil.example/openapi/sandbox/oauth2/token',
      'not a url',
    ]) {
      assert.ok(!mayCarryCredentials(p, 'clientCredentials', url), url);
    }
  });

  it('sends a token to the declared API hosts over https and to the consent API', () => {
    assert.deepEqual(sandbox.apiHosts, ['api-sandbox.rabobank.nl']);
    assert.ok(
      mayCarryCredentials(
        sandbox,
        'bearerToken',
        'https://api-sandbox.rabobank.nl/openapi/sandbox/payments/x',
      ),
    );
    assert.ok(
      !mayCarryCredentials(
        sandbox,
        'bearerToken',
        'http://api-sandbox.rabobank.nl/openapi/sandbox/payments/x',
      ),
    );
    assert.ok(!mayCarryCredentials(sandbox, 'bearerToken', 'https://api-sandbox.rabobank.nl.evil.example/'));
    const verdict = credentialTargetVerdict(sandbox, 'bearerToken', 'https://evil.example/x');
    assert.ok(!verdict.allowed && /evil\.example is neither/.test(verdict.reason));
    const generic = buildProfile();
    assert.ok(
      !mayCarryCredentials(generic, 'bearerToken', 'https://api.example.com/'),
      'no apiHosts, no API',
    );
  });

  it('gives the practice profile its own host and port as the API host', () => {
    const practice = practiceProfile();
    assert.ok(
      mayCarryCredentials(
        practice,
        'bearerToken',
        practice.token_endpoint.replace(/oauth2\/token$/, 'payments/x'),
      ),
    );
    assert.ok(!mayCarryCredentials(practice, 'bearerToken', 'http://127.0.0.1:9999/payments/x'));
  });

  it('validates apiHosts', () => {
    const problems = validateClientProfile(
      buildProfile({ apiHosts: ['api.example.com:8443', 'https://x/', '*.example.com'] }),
    );
    assert.deepEqual(
      problems.map((p) => p.field),
      ['apiHosts.1', 'apiHosts.2'],
    );
  });
});

describe('profileOfUrl', () => {
  const a = { id: 'a', token_endpoint: 'https://a.example/token', apiHosts: ['api.a.example'] };
  const b = { id: 'b', token_endpoint: 'https://b.example/token' };

  it('names the one profile whose endpoints or API hosts the URL is on', () => {
    assert.equal(profileOfUrl([a, b], 'https://a.example/token')?.id, 'a');
    assert.equal(profileOfUrl([a, b], 'https://api.a.example/accounts')?.id, 'a');
    assert.equal(profileOfUrl([a, b], 'https://b.example/token')?.id, 'b');
  });

  it('names none when no profile or more than one fits, or there is no URL', () => {
    assert.equal(profileOfUrl([a, b], 'https://c.example/token'), undefined);
    assert.equal(profileOfUrl([a, { ...a, id: 'a2' }], 'https://a.example/token'), undefined);
    assert.equal(profileOfUrl([a], undefined), undefined);
  });
});
