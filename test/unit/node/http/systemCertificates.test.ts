import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { resolveConnection } from '../../../../src/core/profiles/connectionDefaults';
import {
  LINUX_CA_BUNDLES,
  readSystemStore,
  SystemStore,
  SystemStoreSources,
  trustedCertificates,
} from '../../../../src/node/http/systemCertificates';
import { NodeHttpClientFactory } from '../../../../src/node/nodeHttpClient';
import { engineError } from '../../../doubles/engineError';
import { listen, stop } from '../../../doubles/loopbackNet';
import { createTestPki, TestPki } from '../../../doubles/testPki';

const PEM_A = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----';
const PEM_B = '-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----';

function sources(
  overrides: Partial<SystemStoreSources> & { files?: Record<string, string> },
): SystemStoreSources {
  const files = overrides.files ?? {};
  return { platform: 'linux', readFile: (file) => files[file], ...overrides };
}

describe('the operating system’s certificate store', () => {
  it('takes the runtime’s store where tls.getCACertificates exists', () => {
    const asked: string[] = [];
    const store = readSystemStore(
      sources({
        getCACertificates: (type) => (asked.push(type), [PEM_A, PEM_B]),
        files: { [LINUX_CA_BUNDLES[0]]: PEM_A },
      }),
    );
    assert.deepEqual(asked, ['system']);
    assert.equal(store.source, 'runtime');
    assert.deepEqual(store.certificates, [PEM_A, PEM_B]);
    assert.match(store.description, /Trusting 2 certificates .* \(read by the runtime\)/);
    assert.ok(!store.description.includes('BEGIN'), 'the log line holds no certificate');
  });

  it('reads the first Linux bundle that exists when the runtime cannot', () => {
    const store = readSystemStore(
      sources({
        files: { [LINUX_CA_BUNDLES[1]]: `junk\n${PEM_A}\n${PEM_B}\n`, [LINUX_CA_BUNDLES[2]]: PEM_A },
      }),
    );
    assert.equal(store.source, 'file');
    assert.deepEqual(store.certificates, [PEM_A, PEM_B]);
    assert.match(store.description, new RegExp(`2 certificates .*\\(${LINUX_CA_BUNDLES[1]}\\)`));
  });

  it('falls back to the file when the runtime’s store fails or is empty', () => {
    for (const getCACertificates of [
      () => {
        throw new Error('not supported');
      },
      () => [],
    ]) {
      const store = readSystemStore(sources({ getCACertificates, files: { [LINUX_CA_BUNDLES[0]]: PEM_B } }));
      assert.equal(store.source, 'file');
      assert.deepEqual(store.certificates, [PEM_B]);
    }
  });

  it('has none elsewhere without the runtime’s store, and says so', () => {
    const store = readSystemStore(sources({ platform: 'darwin', files: { [LINUX_CA_BUNDLES[0]]: PEM_A } }));
    assert.equal(store.source, 'none');
    assert.deepEqual(store.certificates, []);
    assert.match(store.description, /cannot read the operating system's certificate store on darwin/);
    assert.equal(readSystemStore(sources({})).source, 'none', 'a Linux without any bundle');
  });
});

describe('which certificates a connection trusts', () => {
  const store = (certificates: string[]) => {
    const read = { count: 0 };
    const load = (): SystemStore => {
      read.count++;
      return { certificates, source: 'runtime', description: '' };
    };
    return { read, load };
  };

  it('lets a profile CA file win: Node’s roots and that CA, without reading the system store', () => {
    const s = store([PEM_B]);
    assert.deepEqual(trustedCertificates({ profileCa: PEM_A, systemCertificates: true }, s.load), [
      ...tls.rootCertificates,
      PEM_A,
    ]);
    assert.equal(s.read.count, 0);
  });

  it('adds the system store to Node’s roots when the setting is on', () => {
    const s = store([PEM_B]);
    assert.deepEqual(trustedCertificates({ systemCertificates: true }, s.load), [
      ...tls.rootCertificates,
      PEM_B,
    ]);
  });

  it('keeps Node’s roots alone when the setting is off, or the store is empty', () => {
    const off = store([PEM_B]);
    assert.equal(trustedCertificates({ systemCertificates: false }, off.load), undefined);
    assert.equal(off.read.count, 0);
    assert.equal(trustedCertificates({ systemCertificates: true }, store([]).load), undefined);
  });
});

describe('http.systemCertificates over a real TLS connection', function () {
  this.timeout(20_000);
  let pki: TestPki;
  let server: https.Server;
  let url: string;
  const factories: NodeHttpClientFactory[] = [];
  /** A "system" store holding only the test CA: the server is trusted through it or not at all. */
  const systemStore = (): SystemStore => ({
    certificates: [fs.readFileSync(pki.caCert, 'utf8')],
    source: 'runtime',
    description: 'test store',
  });

  before(async () => {
    pki = createTestPki();
    server = https.createServer(
      { cert: fs.readFileSync(pki.serverCert), key: fs.readFileSync(pki.serverKey), keepAliveTimeout: 200 },
      (_req, res) => res.end('trusted'),
    );
    server.on('tlsClientError', () => undefined);
    url = `https://127.0.0.1:${await listen(server)}/`;
  });

  after(async () => {
    await Promise.all(factories.splice(0).map((f) => f.close()));
    await stop(server);
    pki.remove();
  });

  /** Sends through the engine's factory with the connection a profile without CA file gets under these settings. */
  function send(editor: { systemCertificates?: boolean }) {
    const factory = new NodeHttpClientFactory({ env: {}, systemStore });
    factories.push(factory);
    return factory.forSettings(resolveConnection({}, editor)).send({ method: 'GET', url, headers: {} });
  }

  it('trusts the server through the system store by default and with the setting on', async () => {
    assert.equal((await send({})).body, 'trusted');
    assert.equal((await send({ systemCertificates: true })).body, 'trusted');
  });

  it('fails with a clear certificate error with the setting off', async () => {
    const err = await engineError(send({ systemCertificates: false }));
    assert.equal(err.code, 'HTTP_TLS');
    assert.match(
      err.message,
      /TLS connection to 127\.0\.0\.1:\d+ failed \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/,
    );
    assert.match(err.fix ?? '', /CA bundle/);
  });
});
