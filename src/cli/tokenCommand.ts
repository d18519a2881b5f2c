/**
 * `oauth-workbench token`: the authorization-code flow through the loopback redirect server (default), or the
 * client-credentials grant with `--grant client_credentials`. Prints the token set as JSON on stdout.
 */
import { spawn } from 'node:child_process';
import { pollDeviceToken, requestDeviceAuthorization } from '../core/oauth/deviceAuthorization';
import { signIn } from '../core/oauth/signIn';
import { clientCredentialsGrant } from '../core/oauth/tokenEndpoint';
import {
  ClientProfile,
  RESERVED_AUTHORIZE_PARAMS,
  validateClientProfile,
} from '../core/profiles/clientProfile';
import { InMemorySecretStore } from '../core/profiles/secretStore';
import { systemClock } from '../core/tokens/clock';
import { startLoopbackRedirectServer } from '../node/loopbackRedirectServer';
import { CliIo, CliUsageError } from './cliIo';
import {
  COMMON_OPTIONS,
  endpointCallFrom,
  endpointUrl,
  parseOptions,
  printTokenSet,
  required,
  runOAuthCommand,
  secondsOption,
} from './oauthCliSupport';

/** Help text for `token`. */
export const TOKEN_USAGE = `  oauth-workbench token --authorization-endpoint URL --token-endpoint URL --redirect-uri URI --scope "a b"
                       [--pkce|--no-pkce] [--exchange-delay-ms N] [--timeout-s N] [--open-command CMD] [--issuer URL]
                       [--auth-param NAME=VALUE]...   (extra authorization parameters: prompt, acr_values, audience, …)
                               Sign in through the loopback redirect; print the token set as JSON.
  oauth-workbench token --grant client_credentials --token-endpoint URL [--scope S]
                               Get a client-credentials token; print it as JSON.
  oauth-workbench token --grant device_code --device-authorization-endpoint URL --token-endpoint URL [--scope S]
                               Show a user code to enter on another device, wait for approval; print the token set.
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  grant: { type: 'string' },
  'authorization-endpoint': { type: 'string' },
  'token-endpoint': { type: 'string' },
  'redirect-uri': { type: 'string' },
  scope: { type: 'string' },
  pkce: { type: 'boolean' },
  'exchange-delay-ms': { type: 'string' },
  'timeout-s': { type: 'string' },
  'open-command': { type: 'string' },
  issuer: { type: 'string' },
  'auth-param': { type: 'string', multiple: true },
  'device-authorization-endpoint': { type: 'string' },
} as const;

/** `--auth-param name=value` options as extra authorization parameters; the engine's own names are refused. */
export function authParams(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (!values || values.length === 0) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    const name = eq < 0 ? '' : value.slice(0, eq).trim();
    if (!name) {
      throw new CliUsageError(`--auth-param wants NAME=VALUE, e.g. --auth-param prompt=login.`);
    }
    if (RESERVED_AUTHORIZE_PARAMS.includes(name)) {
      throw new CliUsageError(`--auth-param ${name} is set by OAuth Workbench itself.`);
    }
    params[name] = value.slice(eq + 1);
  }
  return params;
}

/** Runs `token`; resolves to the exit code (0 success, 1 failure, 2 usage via CliUsageError). */
export async function runTokenCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, OPTIONS);
  const grant = values.grant ?? 'authorization_code';
  if (grant !== 'authorization_code' && grant !== 'client_credentials' && grant !== 'device_code') {
    throw new CliUsageError('--grant must be authorization_code, client_credentials or device_code.');
  }
  const tokenEndpoint = endpointUrl(values['token-endpoint'], 'token-endpoint');
  const call = endpointCallFrom(io, values);
  const { http, clientSecret } = call;

  if (grant === 'client_credentials') {
    return runOAuthCommand(io, values.verbose === true, async () => {
      try {
        const tokens = await clientCredentialsGrant(call, {
          token_endpoint: tokenEndpoint,
          scope: values.scope,
        });
        printTokenSet(io, tokens);
      } finally {
        await http.close();
      }
    });
  }

  if (grant === 'device_code') {
    const deviceEndpoint = endpointUrl(
      values['device-authorization-endpoint'],
      'device-authorization-endpoint',
    );
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    return runOAuthCommand(io, values.verbose === true, async () => {
      try {
        const deviceCall = { ...call, signal: abort.signal };
        const authorization = await requestDeviceAuthorization(deviceCall, {
          device_authorization_endpoint: deviceEndpoint,
          scope: values.scope,
        });
        io.stderr(
          `Enter the code ${authorization.user_code} at ${authorization.verification_uri}` +
            (authorization.verification_uri_complete
              ? `\n(or open ${authorization.verification_uri_complete})`
              : '') +
            `\nWaiting up to ${authorization.expires_in} s for approval…\n`,
        );
        const tokens = await pollDeviceToken(
          deviceCall,
          {
            token_endpoint: tokenEndpoint,
            authorization,
            requestedScope: values.scope,
            preset: 'generic-oauth2',
          },
          systemClock,
        );
        printTokenSet(io, tokens);
      } finally {
        process.off('SIGINT', onSigint);
        await http.close();
      }
    });
  }

  const delay = values['exchange-delay-ms'] === undefined ? 0 : Number(values['exchange-delay-ms']);
  const profile: ClientProfile = {
    id: 'cli',
    label: 'command line',
    preset: 'generic-oauth2',
    issuer: values.issuer,
    authorization_endpoint: endpointUrl(values['authorization-endpoint'], 'authorization-endpoint'),
    token_endpoint: tokenEndpoint,
    client_id: call.client.client_id,
    token_endpoint_auth_method: call.client.token_endpoint_auth_method,
    redirect_uri: required(values['redirect-uri'], 'redirect-uri'),
    scopes: (values.scope ?? '').split(/\s+/).filter(Boolean),
    pkce: values.pkce ?? true,
    exchangeDelayMs: delay,
    extraAuthorizeParams: authParams(values['auth-param']),
  };
  const problems = validateClientProfile(profile).filter((problem) => problem.severity === 'error');
  if (problems.length > 0) {
    throw new CliUsageError(problems.map((problem) => `${problem.field}: ${problem.message}`).join(' '));
  }
  const timeoutMs = secondsOption(values['timeout-s'], 'timeout-s', 300);
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  return runOAuthCommand(io, values.verbose === true, async () => {
    try {
      const tokens = await signIn({
        profile,
        secretStore: new InMemorySecretStore(clientSecret ? { cli: clientSecret } : {}),
        http,
        receiveCallback: startLoopbackRedirectServer,
        signal: abort.signal,
        timeoutMs,
        onWarning: (message) => io.stderr(`Warning: ${message}\n`),
        openUrl: (url) => {
          io.stderr(`Open this URL to sign in (waiting up to ${Math.round(timeoutMs / 1000)} s):\n${url}\n`);
          openInBrowser(url, values['open-command'], io);
        },
      });
      printTokenSet(io, tokens);
    } finally {
      process.off('SIGINT', onSigint);
      await http.close();
    }
  });
}

/**
 * Opens the URL: with `--open-command`, runs CMD (split like a shell would, without a shell) with the URL appended as
 * its last argument; otherwise the system browser. A failure to launch only warns: the URL is already printed.
 */
function openInBrowser(url: string, openCommand: string | undefined, io: CliIo): void {
  const [command, ...args] = openCommand ? splitCommandLine(openCommand) : systemOpener();
  if (!command) {
    return;
  }
  const child = spawn(command, [...args, url], { stdio: 'ignore', detached: process.platform !== 'win32' });
  child.on('error', (err) =>
    io.stderr(
      `oauth-workbench: could not run "${command}" (${(err as NodeJS.ErrnoException).code ?? err.message}); open the URL above yourself.\n`,
    ),
  );
  child.unref();
}

function systemOpener(): string[] {
  switch (process.platform) {
    case 'darwin':
      return ['open'];
    case 'win32':
      return ['rundll32', 'url.dll,FileProtocolHandler'];
    default:
      return ['xdg-open'];
  }
}

/** Splits a command line on whitespace, honouring single and double quotes and backslash escapes. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) {
        quote = undefined;
      } else if (c === '\\' && quote === '"' && i + 1 < line.length) {
        current += line[++i];
      } else {
        current += c;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) {
        words.push(current);
        current = '';
        inWord = false;
      }
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote) {
    throw new CliUsageError('--open-command has an unclosed quote.');
  }
  if (inWord) {
    words.push(current);
  }
  return words;
}
