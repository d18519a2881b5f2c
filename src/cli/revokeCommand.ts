/** `oauth-workbench revoke`: revokes a token (read from an environment variable) at an RFC 7009 endpoint. */
import { revokeToken } from '../core/oauth/tokenEndpoint';
import { CliIo } from './cliIo';
import { parseTokenCommandOptions } from './tokenCommandOptions';
import { printJson, runOAuthCommand } from './oauthCliSupport';

/** Help text for `revoke`. */
export const REVOKE_USAGE = `  oauth-workbench revoke --revocation-endpoint URL --token-env VAR [--token-type-hint access_token|refresh_token]
                               Revoke a token (RFC 7009); print {"revoked": true}.
`;

/** Runs `revoke`; resolves to the exit code. */
export async function runRevokeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseTokenCommandOptions(args, io, 'revocation-endpoint');
  return runOAuthCommand(io, options.verbose, async () => {
    try {
      await revokeToken(options.call, {
        revocation_endpoint: options.endpoint,
        token: options.token,
        token_type_hint: options.tokenTypeHint,
      });
      printJson(io, { revoked: true });
    } finally {
      await options.close();
    }
  });
}
