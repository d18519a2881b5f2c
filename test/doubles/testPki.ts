/**
 * A throwaway PKI for TLS tests, made with the openssl command line: a CA, a server certificate for 127.0.0.1 and
 * {@link TEST_PKI_SERVER_NAME}, and a client certificate (mTLS), all short-lived EC keys in a temporary folder the
 * caller removes.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A host name the server certificate holds besides 127.0.0.1, for a TLS target reached through a proxy. */
export const TEST_PKI_SERVER_NAME = 'tls.proxied.test';

/** Paths of the generated PEM files. */
export interface TestPki {
  readonly dir: string;
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  remove(): void;
}

/** Generates the PKI; throws with openssl's stderr when a step fails. */
export function createTestPki(): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-pki-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
    }
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=OAuth Workbench Test CA',
  );
  fs.writeFileSync(file('server.ext'), `subjectAltName=IP:127.0.0.1,DNS:${TEST_PKI_SERVER_NAME}\n`);
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  );
  openssl('req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=tpp-client');
  openssl(
    'x509',
    '-req',
    '-in',
    'client.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'client.pem',
    '-days',
    '2',
  );
  return {
    dir,
    caCert: file('ca.pem'),
    serverCert: file('server.pem'),
    serverKey: file('server.key'),
    clientCert: file('client.pem'),
    clientKey: file('client.key'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
