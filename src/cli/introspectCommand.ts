/** `oauth-workbench introspect`: asks an RFC 7662 endpoint about a token (read from an environment variable). */
import { introspectToken } from '../core/oauth/tokenEndpoint';
import { CliIo } from './cliIo';
import { parseTokenCommandOptions } from './tokenCommandOptions';
import { printJson, runOAuthCommand } from './oauthCliSupport';

/** Help text for `introspect`. */
export const INTROSPECT_USAGE = `  oauth-workbench introspect --introspection-endpoint URL --token-env VAR [--token-type-hint access_token|refresh_token]
                               Introspect a token (RFC 7662); print the server's answer as JSON.
`;

/** Runs `introspect`; resolves to the exit code. */
export async function runIntrospectCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseTokenCommandOptions(args, io, 'introspection-endpoint');
  return runOAuthCommand(io, options.verbose, async () => {
    try {
      printJson(
        io,
        await introspectToken(options.call, {
          introspection_endpoint: options.endpoint,
          token: options.token,
          token_type_hint: options.tokenTypeHint,
        }),
      );
    } finally {
      await options.close();
    }
  });
}
