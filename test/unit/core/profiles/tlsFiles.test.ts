import * as assert from 'node:assert/strict';
import { migrateTlsFiles, parseTlsFiles, withTlsFiles } from '../../../../src/core/profiles/tlsFiles';
import { buildProfile } from '../../../doubles/builders/profileBuilder';

describe('tlsFiles', () => {
  const files = { clientCertificatePath: '/certs/qwac.pem', clientKeyPath: '/certs/qwac.key' };

  it('reads valid entries and names the ones it skips', () => {
    const { files: parsed, problems } = parseTlsFiles({
      good: files,
      bad: { clientCertificatePath: 42 },
      unknown: { keystore: '/x' },
    });
    assert.deepEqual([...parsed.keys()], ['good']);
    assert.equal(problems.length, 2);
    assert.match(problems[0], /tlsFiles\["bad"\] is ignored/);
    assert.deepEqual(parseTlsFiles(['x']).problems.length, 1);
    assert.equal(parseTlsFiles(undefined).files.size, 0);
  });

  it("puts this machine's files on the profile, over its synced tls member", () => {
    const profile = buildProfile({ tls: { caBundlePath: '/synced/ca.pem' } });
    assert.deepEqual(withTlsFiles(profile, new Map([[profile.id, files]])).tls, files);
    assert.deepEqual(withTlsFiles(profile, new Map()).tls, { caBundlePath: '/synced/ca.pem' });
  });

  it('moves tls out of the profile entries into the map, keeping what the machine already has', () => {
    const entries = [
      { id: 'a', label: 'A', tls: files },
      { id: 'b', tls: { caBundlePath: '/synced/ca.pem' } },
      { id: 'c' },
      { id: 'd', tls: 'not an object' },
      'garbage',
    ];
    const result = migrateTlsFiles(entries, { b: { caBundlePath: '/local/ca.pem' } });
    assert.deepEqual(result.moved, ['a', 'b']);
    assert.deepEqual(result.entries, [
      { id: 'a', label: 'A' },
      { id: 'b' },
      { id: 'c' },
      { id: 'd', tls: 'not an object' },
      'garbage',
    ]);
    assert.deepEqual(result.files, { a: files, b: { caBundlePath: '/local/ca.pem' } });
  });
});
