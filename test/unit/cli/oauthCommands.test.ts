import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/cli';
import { splitCommandLine } from '../../../src/cli/tokenCommand';
import { captureCliIo } from '../../doubles/captureCliIo';
import { OidcProviderServer, startOidcProvider } from '../../doubles/oidcProviderServer';
import { loginOverHttp } from '../../doubles/httpLogin';

type CapturedIo = ReturnType<typeof captureCliIo>;

const OPEN_COMMAND = `${process.execPath} ${path.join(__dirname, '..', '..', 'doubles', 'openWithHttpLogin.js')}`;

describe('oauth-workbench token, refresh, revoke, introspect against oidc-provider', () => {
  let server: OidcProviderServer;
  let env: Record<string, string>;
  let client: string[];

  before(async () => {
    server = await startOidcProvider();
    env = { WB_SECRET: server.clientSecret };
    client = ['--client-id', server.clientId, '--client-secret-env', 'WB_SECRET'];
  });

  after(async () => {
    await server.close();
  });

  async function run(
    args: string[],
    extraEnv: Record<string, string> = {},
  ): Promise<{ code: number; io: CapturedIo }> {
    const io = captureCliIo({ ...env, ...extraEnv });
    const code = await runCli(args, io);
    return { code, io };
  }

  /** Arguments of `token` for the loopback flow with the stand-in browser; later options win. */
  function tokenArgs(extra: string[] = []): string[] {
    return [
      'token',
      '--authorization-endpoint',
      server.authorizationEndpoint,
      '--token-endpoint',
      server.tokenEndpoint,
      ...client,
      '--redirect-uri',
      server.redirectUri,
      '--scope',
      'openid offline_access ais.balances.read',
      '--timeout-s',
      '10',
      '--open-command',
      OPEN_COMMAND,
      ...extra,
    ];
  }

  async function signIn(extra: string[] = []): Promise<{ tokens: Record<string, string>; io: CapturedIo }> {
    const { code, io } = await run(tokenArgs(extra));
    assert.equal(code, 0, io.err);
    return { tokens: JSON.parse(io.out) as Record<string, string>, io };
  }

  it('token: runs the loopback flow through --open-command and prints the token set as JSON', async () => {
    const { tokens, io } = await signIn(['--pkce', '--exchange-delay-ms', '0']);
    assert.equal(tokens.token_type, 'Bearer');
    assert.ok(tokens.access_token);
    assert.ok(tokens.refresh_token);
    assert.match(tokens.scope, /ais\.balances\.read/);
    assert.match(tokens.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const decoded = (
      tokens as unknown as { decoded: { id_token: { verified: boolean; claims: { sub: string } } } }
    ).decoded;
    assert.equal(decoded.id_token.verified, false);
    assert.equal(decoded.id_token.claims.sub, 'alice');
    assert.match(io.err, new RegExp(`${server.authorizationEndpoint.replace(/[.]/g, '\\.')}\\?`));
    assert.ok(!io.err.includes(tokens.access_token) && !io.err.includes(server.clientSecret));
  });

  it('token --auth-param adds authorization parameters the server receives', async () => {
    const { tokens, io } = await signIn([
      '--auth-param',
      'prompt=consent',
      '--auth-param',
      'ui_locales=nl en',
    ]);
    assert.ok(tokens.access_token);
    const url = new URL(/^(http\S+)$/m.exec(io.err)?.[1] ?? '');
    assert.equal(url.searchParams.get('prompt'), 'consent');
    assert.equal(url.searchParams.get('ui_locales'), 'nl en');
    assert.ok(url.searchParams.get('nonce'));
  });

  it('token --grant device_code shows the user code, waits for approval and prints the token set', async () => {
    const io = captureCliIo(env);
    const running = runCli(
      [
        'token',
        '--grant',
        'device_code',
        '--device-authorization-endpoint',
        server.deviceAuthorizationEndpoint,
        '--token-endpoint',
        server.tokenEndpoint,
        ...client,
        '--scope',
        'openid',
      ],
      io,
    );
    let complete: string | undefined;
    for (let i = 0; i < 100 && !complete; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      complete = /\(or open (\S+)\)/.exec(io.err)?.[1];
    }
    assert.match(io.err, /Enter the code \S+ at http/);
    await loginOverHttp(complete ?? '', 'http://127.0.0.1:1/never');
    assert.equal(await running, 0, io.err);
    const tokens = JSON.parse(io.out) as Record<string, string>;
    assert.ok(tokens.access_token);
    assert.ok(!io.err.includes(tokens.access_token) && !io.err.includes(server.clientSecret));
  });

  it('token --grant client_credentials prints a token', async () => {
    const { code, io } = await run([
      'token',
      '--grant',
      'client_credentials',
      '--token-endpoint',
      server.tokenEndpoint,
      ...client,
      '--scope',
      'ais.balances.read',
    ]);
    assert.equal(code, 0, io.err);
    const tokens = JSON.parse(io.out) as Record<string, string>;
    assert.ok(tokens.access_token);
    assert.equal(tokens.refresh_token, undefined);
    assert.equal(io.err, '');
  });

  it('refresh prints the rotated token set; the old refresh token then fails with exit 1 and one line', async () => {
    const { tokens: first } = await signIn();
    const refresh = (token: unknown, extra: string[] = []) =>
      run(
        [
          'refresh',
          '--token-endpoint',
          server.tokenEndpoint,
          ...client,
          '--refresh-token-env',
          'WB_RT',
          ...extra,
        ],
        {
          WB_RT: String(token),
        },
      );

    const ok = await refresh(first.refresh_token);
    assert.equal(ok.code, 0, ok.io.err);
    const second = JSON.parse(ok.io.out) as Record<string, string>;
    assert.notEqual(second.refresh_token, first.refresh_token);

    const reuse = await refresh(first.refresh_token);
    assert.equal(reuse.code, 1);
    assert.equal(reuse.io.out, '');
    assert.equal(reuse.io.err.split('\n').filter(Boolean).length, 1);
    assert.match(reuse.io.err, /invalid_grant/);
    assert.match(reuse.io.err, /oauth\.token\.invalid_grant/);
    assert.match(reuse.io.err, /Fix: /);
    assert.ok(!reuse.io.err.includes(String(first.refresh_token)));
    assert.ok(!reuse.io.err.includes(server.clientSecret));
    assert.ok(!/\n\s+at /.test(reuse.io.err));

    const verbose = await refresh(first.refresh_token, ['--verbose']);
    assert.equal(verbose.code, 1);
    assert.match(verbose.io.err, /\n\s+at /);
  });

  it('introspect and revoke print JSON; a revoked token introspects as inactive', async () => {
    const { tokens } = await signIn();
    const withToken = (command: string, endpoint: string, flag: string) =>
      run([command, flag, endpoint, ...client, '--token-env', 'WB_AT'], {
        WB_AT: String(tokens.access_token),
      });

    const live = await withToken('introspect', server.introspectionEndpoint, '--introspection-endpoint');
    assert.equal(live.code, 0, live.io.err);
    assert.equal(JSON.parse(live.io.out).active, true);

    const revoked = await withToken('revoke', server.revocationEndpoint, '--revocation-endpoint');
    assert.equal(revoked.code, 0, revoked.io.err);
    assert.deepEqual(JSON.parse(revoked.io.out), { revoked: true });

    const dead = await withToken('introspect', server.introspectionEndpoint, '--introspection-endpoint');
    assert.deepEqual(JSON.parse(dead.io.out), { active: false });
  });

  it('fails with exit 1 and the fix when no redirect comes back in time', async () => {
    const { code, io } = await run(
      tokenArgs(['--scope', 'openid', '--timeout-s', '0.3', '--open-command', `${process.execPath} -e ""`]),
    );
    assert.equal(code, 1);
    assert.equal(io.out, '');
    assert.match(io.err, /No redirect came back within 0.3 s.*Fix: /);
  });

  const usageCases: { name: string; args: () => string[]; message: RegExp }[] = [
    {
      name: 'an unset secret variable',
      args: () => [
        'refresh',
        '--token-endpoint',
        server.tokenEndpoint,
        '--client-id',
        'x',
        '--client-secret-env',
        'NOPE',
        '--refresh-token-env',
        'NOPE',
      ],
      message: /NOPE .* is not set/,
    },
    { name: 'an unknown option', args: () => ['revoke', '--frobnicate'], message: /frobnicate/ },
    {
      name: 'a plain-http endpoint that is not loopback',
      args: () => [
        'token',
        '--grant',
        'client_credentials',
        '--token-endpoint',
        'http://as.example/token',
        ...client,
      ],
      message: /must use https/,
    },
    {
      name: 'an --auth-param the engine sets itself',
      args: () => [...tokenArgs(), '--auth-param', 'state=fixed'],
      message: /--auth-param state is set by OAuth Workbench/,
    },
    {
      name: 'an --auth-param without a value',
      args: () => [...tokenArgs(), '--auth-param', 'prompt'],
      message: /--auth-param wants NAME=VALUE/,
    },
    {
      name: 'an unknown grant',
      args: () => ['token', '--grant', 'password', ...client],
      message: /--grant must be/,
    },
  ];
  for (const { name, args, message } of usageCases) {
    it(`exits 2 with one line for ${name}`, async () => {
      const { code, io } = await run(args());
      assert.equal(code, 2);
      assert.equal(io.out, '');
      assert.match(io.err, message);
      assert.equal(io.err.split('\n').filter(Boolean).length, 1);
    });
  }

  it('sets the process exit code when run as a program', async () => {
    const cli = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'cli.js');
    const child = spawn(
      process.execPath,
      [cli, 'refresh', '--token-endpoint', server.tokenEndpoint, ...client, '--refresh-token-env', 'WB_RT'],
      {
        env: { ...env, WB_RT: 'not-a-refresh-token', PATH: process.env.PATH ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 1);
    assert.match(stderr, /^oauth-workbench: .*invalid_grant/);
  });
});

describe('splitCommandLine', () => {
  const cases: [string, string[]][] = [
    ['firefox', ['firefox']],
    ['  node  script.js ', ['node', 'script.js']],
    [`"/opt/My Browser/bin" --new-window`, ['/opt/My Browser/bin', '--new-window']],
    [`sh -c 'echo "$0"'`, ['sh', '-c', 'echo "$0"']],
    ['a\\ b c', ['a b', 'c']],
  ];
  for (const [line, words] of cases) {
    it(`splits ${JSON.stringify(line)}`, () => assert.deepEqual(splitCommandLine(line), words));
  }
});
