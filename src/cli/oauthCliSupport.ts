/**
 * What the OAuth commands (`token`, `refresh`, `revoke`, `introspect`) share: option parsing, secrets from
 * environment variables (never from arguments, which other users can read in `ps`), the HTTP client, and the one-line
 * failure message with the OAuth error, catalog id and fix.
 */
import { parseArgs, ParseArgsConfig } from 'node:util';
import { isOAuthWorkbenchError } from '../core/oauth/oauthErrors';
import { EndpointCall } from '../core/oauth/tokenEndpoint';
import { isLoopbackUrl } from '../core/profiles/clientProfile';
import { decodeTokenSetJwts } from '../core/tokens/decodeJwt';
import { TokenSet } from '../core/tokens/tokenSet';
import { NodeHttpClient } from '../node/nodeHttpClient';
import { CliIo, CliUsageError } from './cliIo';
import { checkInputFile } from './inputFiles';

/** Options every OAuth command accepts. */
export const COMMON_OPTIONS = {
  'client-id': { type: 'string' },
  'client-secret-env': { type: 'string' },
  'client-auth': { type: 'string' },
  proxy: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  ca: { type: 'string' },
  'http-timeout-s': { type: 'string' },
  verbose: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** Usage lines for {@link COMMON_OPTIONS}, appended to each command's help. */
export const COMMON_USAGE = `  Common: --client-id ID --client-secret-env VAR [--client-auth basic|post|none] [--proxy URL]
          [--cert FILE --key FILE] [--ca FILE] [--http-timeout-s N] [--verbose]`;

/** Parses a command's arguments strictly; unknown options are usage errors (exit 2). */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false, allowNegative: true })
      .values;
  } catch (err) {
    throw new CliUsageError(err instanceof Error ? err.message : String(err));
  }
}

/** A required string option, or a usage error naming it. */
export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') {
    throw new CliUsageError(`Missing --${flag}.`);
  }
  return value;
}

/** An endpoint URL option: https, or http on loopback only. */
export function endpointUrl(value: string | undefined, flag: string): string {
  const text = required(value, flag);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliUsageError(`--${flag} is not a URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url))) {
    throw new CliUsageError(`--${flag} must use https (plain http only on 127.0.0.1, [::1] or localhost).`);
  }
  return text;
}

/** What an environment variable name may look like (POSIX, as shells accept it). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads a secret from the environment variable named by an option; the value is never printed. */
export function secretFromEnv(io: CliIo, variable: string | undefined, flag: string): string {
  const name = required(variable, flag);
  if (!ENV_NAME.test(name)) {
    // Never echo it: a secret pasted here by mistake would end up in the terminal and in CI logs.
    throw new CliUsageError(
      `--${flag} takes the name of an environment variable (letters, digits and _, not starting with a digit), not its value.`,
    );
  }
  const value = io.env[name];
  if (value === undefined || value === '') {
    throw new CliUsageError(`The environment variable ${name} (named by --${flag}) is not set or empty.`);
  }
  return value;
}

/** `--client-auth` as the profile's method; `basic` is the default, as at Rabobank. */
function clientAuthMethod(value: string | undefined): 'client_secret_basic' | 'client_secret_post' | 'none' {
  switch (value ?? 'basic') {
    case 'basic':
      return 'client_secret_basic';
    case 'post':
      return 'client_secret_post';
    case 'none':
      return 'none';
    default:
      throw new CliUsageError('--client-auth must be basic, post or none.');
  }
}

/** The common options' values, as `parseOptions` returns them. */
export interface CommonOptionValues {
  readonly 'client-id'?: string;
  readonly 'client-secret-env'?: string;
  readonly 'client-auth'?: string;
  readonly proxy?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly ca?: string;
  readonly 'http-timeout-s'?: string;
}

/**
 * The endpoint call the common options describe: the client, its secret from the environment (unless
 * `--client-auth none`) and the HTTP client. The caller closes `call.http`.
 */
export function endpointCallFrom(
  io: CliIo,
  values: CommonOptionValues,
): EndpointCall & { readonly http: NodeHttpClient } {
  const method = clientAuthMethod(values['client-auth']);
  const client = {
    client_id: required(values['client-id'], 'client-id'),
    token_endpoint_auth_method: method,
    preset: 'generic-oauth2' as const,
  };
  const clientSecret =
    method === 'none' ? undefined : secretFromEnv(io, values['client-secret-env'], 'client-secret-env');
  return { client, clientSecret, http: httpClientFrom(io, values), now: Date.now };
}

/** A positive number option in seconds, as milliseconds. */
export function secondsOption(value: string | undefined, flag: string, fallbackS: number): number {
  if (value === undefined) {
    return fallbackS * 1000;
  }
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new CliUsageError(`--${flag} must be a positive number of seconds.`);
  }
  return n * 1000;
}

/** Builds the HTTP client from the common options and the environment (HTTPS_PROXY, NO_PROXY). */
function httpClientFrom(io: CliIo, values: CommonOptionValues): NodeHttpClient {
  if ((values.cert === undefined) !== (values.key === undefined)) {
    throw new CliUsageError('Mutual TLS needs both --cert and --key.');
  }
  for (const flag of ['cert', 'key', 'ca'] as const) {
    const file = values[flag];
    if (file !== undefined) {
      checkInputFile(file, flag);
    }
  }
  return new NodeHttpClient({
    env: io.env,
    proxy: values.proxy,
    timeoutMs: secondsOption(values['http-timeout-s'], 'http-timeout-s', 30),
    tls: { clientCertificatePath: values.cert, clientKeyPath: values.key, caBundlePath: values.ca },
  });
}

/** Prints a JSON result on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints a token set, with its JWTs (if any) decoded under `decoded`, each marked `"verified": false`. */
export function printTokenSet(io: CliIo, tokens: TokenSet): void {
  const decoded = decodeTokenSetJwts(tokens);
  printJson(io, Object.keys(decoded).length > 0 ? { ...tokens, decoded } : tokens);
}

/**
 * Runs a command body and turns a failure into exit code 1 and one message on stderr: the engine's sentence, the
 * OAuth error and catalog id when known, and the fix. Usage errors are rethrown for the CLI's own handling (exit 2).
 * The stack appears only with `--verbose`. Engine messages never carry secrets or tokens.
 */
export async function runOAuthCommand(
  io: CliIo,
  verbose: boolean,
  body: () => Promise<void>,
): Promise<number> {
  try {
    await body();
    return 0;
  } catch (err) {
    if (err instanceof CliUsageError) {
      throw err;
    }
    io.stderr(`oauth-workbench: ${describeFailure(err)}\n`);
    if (verbose && err instanceof Error && err.stack) {
      io.stderr(`${err.stack}\n`);
    }
    return 1;
  }
}

/** One line describing a failure for a terminal. */
export function describeFailure(err: unknown): string {
  if (!isOAuthWorkbenchError(err)) {
    return err instanceof Error ? err.message : String(err);
  }
  const facts = [
    err.error ? `error: ${err.error}` : undefined,
    err.status ? `HTTP ${err.status}` : undefined,
    err.catalogId ? `see: oauth-workbench explain ${err.catalogId}` : undefined,
  ].filter(Boolean);
  return `${err.message}${facts.length ? ` [${facts.join('; ')}]` : ''}${err.fix ? ` Fix: ${err.fix}` : ''}`;
}
