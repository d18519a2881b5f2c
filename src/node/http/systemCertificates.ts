/**
 * The operating system's certificate store (VS Code's `http.systemCertificates`): from the runtime where Node can read
 * it (`tls.getCACertificates('system')`, Node ≥ 22.15 / 23.9, as in VS Code's Electron), else on Linux from the first
 * well-known CA bundle file, else none. Which of them is used is said in one log line, without certificate content.
 */
import * as fs from 'node:fs';
import * as tls from 'node:tls';

/** The certificates found, and where they came from. */
export interface SystemStore {
  readonly certificates: readonly string[];
  readonly source: 'runtime' | 'file' | 'none';
  /** One sentence for the log: the source and the count, never a certificate. */
  readonly description: string;
}

/** Where the store is read from; the defaults are the runtime's and the file system's, tests give their own. */
export interface SystemStoreSources {
  /** `tls.getCACertificates` when the runtime has it. */
  readonly getCACertificates?: (type: 'system') => readonly string[];
  readonly platform: NodeJS.Platform;
  /** A file's text, or undefined when it does not exist or cannot be read. */
  readonly readFile: (path: string) => string | undefined;
}

/** CA bundles of the common Linux distributions, in the order they are tried. */
export const LINUX_CA_BUNDLES: readonly string[] = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Alpine, Arch
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL, CentOS
  '/etc/ssl/ca-bundle.pem', // openSUSE
  '/etc/pki/tls/cacert.pem', // OpenELEC
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', // RHEL 7 and later
  '/etc/ssl/cert.pem', // Alpine, some others
];

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Reads the store from `sources`; never throws. */
export function readSystemStore(sources: SystemStoreSources): SystemStore {
  if (sources.getCACertificates) {
    let fromRuntime: readonly string[];
    try {
      fromRuntime = sources.getCACertificates('system');
    } catch {
      fromRuntime = [];
    }
    if (fromRuntime.length > 0) {
      return {
        certificates: fromRuntime,
        source: 'runtime',
        description: `Trusting ${fromRuntime.length} certificates of the operating system's store (read by the runtime) besides Node's bundled roots (http.systemCertificates).`,
      };
    }
  }
  if (sources.platform === 'linux') {
    for (const file of LINUX_CA_BUNDLES) {
      const certificates = sources.readFile(file)?.match(PEM) ?? [];
      if (certificates.length > 0) {
        return {
          certificates,
          source: 'file',
          description: `Trusting ${certificates.length} certificates of the operating system's store (${file}) besides Node's bundled roots (http.systemCertificates).`,
        };
      }
    }
  }
  return {
    certificates: [],
    source: 'none',
    description: `http.systemCertificates is on, but this runtime cannot read the operating system's certificate store on ${sources.platform}: trusting Node's bundled roots only. Add a company CA to the profile's CA bundle instead.`,
  };
}

/** The runtime's and the file system's sources. */
export function nodeSystemStoreSources(): SystemStoreSources {
  const withStore = tls as typeof tls & { getCACertificates?: (type: 'system') => string[] };
  return {
    ...(typeof withStore.getCACertificates === 'function'
      ? { getCACertificates: (type: 'system') => withStore.getCACertificates!(type) }
      : {}),
    platform: process.platform,
    readFile: (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

let loaded: SystemStore | undefined;

/** The store of this machine, read once per process; `report` gets its description the first time it is read. */
export function loadSystemStore(report?: (description: string) => void): SystemStore {
  if (!loaded) {
    loaded = readSystemStore(nodeSystemStoreSources());
    report?.(loaded.description);
  }
  return loaded;
}

/**
 * The CA list for a connection, or undefined for Node's bundled roots alone. A profile's CA file wins: its CA is
 * trusted besides Node's roots and the system store is not read. Otherwise, with `systemCertificates`, the system
 * store's certificates are added to Node's roots.
 */
export function trustedCertificates(
  trust: { readonly profileCa?: string; readonly systemCertificates: boolean },
  store: () => SystemStore,
): string[] | undefined {
  if (trust.profileCa !== undefined) {
    return [...tls.rootCertificates, trust.profileCa];
  }
  if (!trust.systemCertificates) {
    return undefined;
  }
  const { certificates } = store();
  return certificates.length > 0 ? [...tls.rootCertificates, ...certificates] : undefined;
}
