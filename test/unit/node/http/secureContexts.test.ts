import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as tls from 'node:tls';
import { isOAuthWorkbenchError } from '../../../../src/core/oauth/oauthErrors';
import { secureContextFor } from '../../../../src/node/http/secureContexts';
import { NodeHttpClient } from '../../../../src/node/nodeHttpClient';
import { createTestPki, TestPki } from '../../../doubles/testPki';

describe('secure contexts', function () {
  this.timeout(20_000);
  let pki: TestPki;

  before(() => {
    pki = createTestPki();
  });

  after(() => pki.remove());

  it('builds one context per content, so a client per send does not load some 300 CAs each time', () => {
    const ca = [...tls.rootCertificates, fs.readFileSync(pki.caCert, 'utf8')];
    const first = secureContextFor({
      ca,
      cert: fs.readFileSync(pki.clientCert),
      key: fs.readFileSync(pki.clientKey),
    });
    const again = secureContextFor({
      ca: [...ca],
      cert: fs.readFileSync(pki.clientCert),
      key: fs.readFileSync(pki.clientKey),
    });
    assert.equal(again, first, 'the same files give the cached context');
    assert.notEqual(secureContextFor({ ca }), first, 'no client certificate: another context');
    assert.notEqual(secureContextFor({ ca: ca.slice(0, -1) }), secureContextFor({ ca }), 'another CA list');
  });

  it('says when the key does not belong to the certificate', () => {
    assert.throws(
      () =>
        new NodeHttpClient({
          env: {},
          tls: { clientCertificatePath: pki.clientCert, clientKeyPath: pki.serverKey },
        }),
      (err: unknown) =>
        isOAuthWorkbenchError(err, 'HTTP_TLS') && /key does not belong to the certificate/.test(err.message),
    );
  });
});
