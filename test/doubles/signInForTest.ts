import { signIn } from '../../src/core/oauth/signIn';
import { ClientProfile } from '../../src/core/profiles/clientProfile';
import { InMemorySecretStore } from '../../src/core/profiles/secretStore';
import { TokenSet } from '../../src/core/tokens/tokenSet';
import { TokenVault } from '../../src/core/tokens/tokenVault';
import { HttpClient } from '../../src/core/oauth/httpClient';
import { startLoopbackRedirectServer } from '../../src/node/loopbackRedirectServer';
import { loginAndDeliver } from './httpLogin';
import { OidcProviderServer } from './oidcProviderServer';

/** Signs a profile in against a test's oidc-provider, logging in over HTTP, and stores the tokens in `vault`. */
export function signInForTest(
  server: OidcProviderServer,
  profile: ClientProfile,
  http: HttpClient,
  vault: TokenVault,
): Promise<TokenSet> {
  return signIn({
    profile,
    secretStore: new InMemorySecretStore({ [profile.id]: server.clientSecret }),
    http,
    tokenVault: vault,
    receiveCallback: startLoopbackRedirectServer,
    openUrl: (url) => {
      void loginAndDeliver(url, profile.redirect_uri);
    },
    timeoutMs: 10_000,
  });
}
