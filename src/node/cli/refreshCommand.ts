/** `oauth-workbench refresh`: uses a refresh token (read from an environment variable) and prints the new token set. */
import { refreshTokenGrant } from '../../core/oauth/tokenEndpoint';
import { CliIo } from './cliIo';
import {
  clientAuthMethod,
  COMMON_OPTIONS,
  endpointUrl,
  httpClientFrom,
  parseOptions,
  printTokenSet,
  required,
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
  const method = clientAuthMethod(values['client-auth']);
  const client = {
    client_id: required(values['client-id'], 'client-id'),
    token_endpoint_auth_method: method,
    preset: 'generic-oauth2' as const,
  };
  const clientSecret =
    method === 'none' ? undefined : secretFromEnv(io, values['client-secret-env'], 'client-secret-env');
  const tokenEndpoint = endpointUrl(values['token-endpoint'], 'token-endpoint');
  const refreshToken = secretFromEnv(io, values['refresh-token-env'], 'refresh-token-env');
  const http = httpClientFrom(io, values);
  return runOAuthCommand(io, values.verbose === true, async () => {
    try {
      printTokenSet(
        io,
        await refreshTokenGrant(
          { http, client, clientSecret, now: Date.now },
          { token_endpoint: tokenEndpoint, refresh_token: refreshToken, scope: values.scope },
        ),
      );
    } finally {
      await http.close();
    }
  });
}
