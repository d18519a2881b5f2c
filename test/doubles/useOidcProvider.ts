import { NodeHttpClient } from '../../src/node/nodeHttpClient';
import { OidcProviderOptions, OidcProviderServer, startOidcProvider } from './oidcProviderServer';

/** What {@link useOidcProvider} gives each test: a fresh provider and an HTTP client that ignores proxy settings. */
export interface OidcProviderFixture {
  server: OidcProviderServer;
  http: NodeHttpClient;
}

/** Registers mocha hooks that start an oidc-provider before each test and stop it (and the client) after. */
export function useOidcProvider(options?: OidcProviderOptions): OidcProviderFixture {
  const fixture = {} as OidcProviderFixture;
  beforeEach(async () => {
    fixture.server = await startOidcProvider(options);
    fixture.http = new NodeHttpClient({ env: {} });
  });
  afterEach(async () => {
    await fixture.http?.close();
    await fixture.server?.close();
  });
  return fixture;
}
