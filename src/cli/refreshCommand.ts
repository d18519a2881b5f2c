/** `oauth-workbench refresh`: uses a refresh token (read from an environment variable) and prints the new token set. */
import { localText } from '../core/text/localText';
import { refreshTokenGrant } from '../core/oauth/tokenEndpoint';
import { mayHaveReachedServer, refreshOutcomeUnknown } from '../core/oauth/refreshOutcome';
import { CliIo } from './cliIo';
import {
  COMMON_OPTIONS,
  endpointCallFrom,
  endpointUrl,
  parseOptions,
  printTokenSet,
  runOAuthCommand,
  secretFromEnv,
} from './oauthCliSupport';

/** Help text for `refresh`. */
export const REFRESH_USAGE = `  oauth-workbench refresh --token-endpoint URL --refresh-token-env VAR [--scope S]
                               Refresh; print the new token set as JSON (store its new refresh token: they are single-use).
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  'token-endpoint': { type: 'string' },
  'refresh-token-env': { type: 'string' },
  scope: { type: 'string' },
} as const;

/** Runs `refresh`; resolves to the exit code. */
export async function runRefreshCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, OPTIONS);
  const tokenEndpoint = endpointUrl(values['token-endpoint'], 'token-endpoint');
  const refreshToken = secretFromEnv(io, values['refresh-token-env'], 'refresh-token-env');
  const call = endpointCallFrom(io, values);
  return runOAuthCommand(io, values.verbose === true, async () => {
    try {
      printTokenSet(
        io,
        await refreshTokenGrant(call, {
          token_endpoint: tokenEndpoint,
          refresh_token: refreshToken,
          scope: values.scope,
        }).catch((err: unknown) => {
          // Single-use refresh tokens: a lost answer may have spent it, and the user must know before retrying.
          throw mayHaveReachedServer(err) ? refreshOutcomeUnknown(err, localText('The refresh'), false) : err;
        }),
      );
    } finally {
      await call.http.close();
    }
  });
}
