/** The options `revoke` and `introspect` share: an endpoint, the client, and the token from an environment variable. */
import { EndpointCall } from '../core/oauth/tokenEndpoint';
import { CliIo, CliUsageError } from './cliIo';
import {
  COMMON_OPTIONS,
  endpointCallFrom,
  endpointUrl,
  parseOptions,
  secretFromEnv,
} from './oauthCliSupport';

/** Options of `revoke` and `introspect` besides the endpoint flag. */
const TOKEN_COMMAND_OPTIONS = {
  ...COMMON_OPTIONS,
  'token-env': { type: 'string' },
  'token-type-hint': { type: 'string' },
} as const;

/** Parsed options, with the endpoint call ready; `close()` releases the HTTP client. */
export interface TokenCommandOptions {
  readonly call: EndpointCall;
  readonly endpoint: string;
  readonly token: string;
  readonly tokenTypeHint?: 'access_token' | 'refresh_token';
  readonly verbose: boolean;
  close(): Promise<void>;
}

/** Parses `revoke` / `introspect` arguments; `endpointFlag` names the endpoint option. */
export function parseTokenCommandOptions(
  args: readonly string[],
  io: CliIo,
  endpointFlag: 'revocation-endpoint' | 'introspection-endpoint',
): TokenCommandOptions {
  const values = parseOptions(args, {
    ...TOKEN_COMMAND_OPTIONS,
    [endpointFlag]: { type: 'string' },
  }) as Record<string, string | boolean | undefined>;
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const hint = text('token-type-hint');
  if (hint !== undefined && hint !== 'access_token' && hint !== 'refresh_token') {
    throw new CliUsageError('--token-type-hint must be access_token or refresh_token.');
  }
  const endpoint = endpointUrl(text(endpointFlag), endpointFlag);
  const token = secretFromEnv(io, text('token-env'), 'token-env');
  const call = endpointCallFrom(io, values);
  return {
    call,
    endpoint,
    token,
    tokenTypeHint: hint,
    verbose: values.verbose === true,
    close: () => call.http.close(),
  };
}
