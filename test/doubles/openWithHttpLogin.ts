/**
 * A stand-in browser for `oauth-workbench token --open-command`: run as a script with the authorization URL as its
 * last argument, it logs in to oidc-provider over HTTP and delivers the callback to the redirect URI.
 */
import { loginAndDeliver } from './httpLogin';

if (require.main === module) {
  const url = process.argv[process.argv.length - 1];
  const redirectUri = new URL(url).searchParams.get('redirect_uri') ?? '';
  loginAndDeliver(url, redirectUri).then(
    (result) => {
      process.exitCode = result.kind === 'callback' ? 0 : 1;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
