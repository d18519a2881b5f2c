import * as assert from 'node:assert/strict';
import { resolveConnection } from '../../../../src/core/profiles/connectionDefaults';

describe('resolveConnection', () => {
  const tls = { caBundlePath: '/etc/ca.pem' };

  it("takes the editor's http.proxy when the profile sets none", () => {
    assert.deepEqual(resolveConnection({}, { proxy: 'http://proxy.corp:3128' }), {
      proxy: 'http://proxy.corp:3128',
      rejectUnauthorized: true,
      systemCertificates: true,
    });
    assert.deepEqual(resolveConnection(undefined, { proxy: ' http://p:1 ' }), {
      proxy: 'http://p:1',
      rejectUnauthorized: true,
      systemCertificates: true,
    });
  });

  it("keeps the profile's own proxy and files over the editor's proxy", () => {
    assert.deepEqual(
      resolveConnection({ proxy: 'http://own:8080', tls }, { proxy: 'http://proxy.corp:3128' }),
      {
        proxy: 'http://own:8080',
        tls,
        rejectUnauthorized: true,
        systemCertificates: false,
      },
    );
  });

  it('treats an empty proxy on the profile as not set', () => {
    assert.equal(
      resolveConnection({ proxy: '' }, { proxy: 'http://proxy.corp:3128' }).proxy,
      'http://proxy.corp:3128',
    );
    assert.equal(resolveConnection({ proxy: '  ' }, {}).proxy, undefined);
  });

  it('leaves the proxy to the environment when neither sets one', () => {
    assert.deepEqual(resolveConnection({}, {}), { rejectUnauthorized: true, systemCertificates: true });
  });

  it('checks certificates unless http.proxyStrictSSL is explicitly false', () => {
    assert.equal(resolveConnection({}, { strictSSL: true }).rejectUnauthorized, true);
    assert.equal(resolveConnection({}, {}).rejectUnauthorized, true);
    assert.equal(resolveConnection({ tls }, { strictSSL: false }).rejectUnauthorized, false);
  });

  it('trusts the system store unless http.systemCertificates is explicitly false or the profile names a CA file', () => {
    assert.equal(resolveConnection({}, {}).systemCertificates, true, "VS Code's default is on");
    assert.equal(resolveConnection({}, { systemCertificates: true }).systemCertificates, true);
    assert.equal(resolveConnection(undefined, { systemCertificates: false }).systemCertificates, false);
    assert.equal(resolveConnection({ tls }, { systemCertificates: true }).systemCertificates, false);
    const certificateOnly = { clientCertificatePath: '/c.pem', clientKeyPath: '/k.pem' };
    assert.equal(
      resolveConnection({ tls: certificateOnly }, {}).systemCertificates,
      true,
      'mTLS alone keeps it',
    );
  });
});
