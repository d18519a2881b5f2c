import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InMemorySecretStore } from '../../../../src/core/profiles/secretStore';
import { TokenManager } from '../../../../src/core/oauth/tokenManager';
import { isRefreshTokenPossiblySpent, possiblySpentWarning } from '../../../../src/core/tokens/tokenSet';
import { NodeHttpClient } from '../../../../src/node/nodeHttpClient';
import { buildProfile } from '../../../doubles/builders/profileBuilder';
import { expiredTokenSet } from '../../../doubles/builders/tokenSetBuilder';
import { engineError } from '../../../doubles/engineError';
import {
  answerJson,
  FaultyTokenEndpoint,
  startFaultyTokenEndpoint,
} from '../../../doubles/faultyTokenEndpoint';
import { CHILD_PROFILE_ID, FileTokenVault } from '../../../doubles/refreshInChildProcess';
import { ReliabilityCounts } from '../../../support/reliabilityCounts';

const CHILD = path.join(__dirname, '..', '..', '..', 'doubles', 'refreshInChildProcess.js');

/** A token endpoint with single-use refresh tokens: each one works once, then it is invalid_grant. */
function singleUseRefresh(endpoint: FaultyTokenEndpoint, onAnswered: () => void): void {
  const spent = new Set<string>();
  let issued = 0;
  endpoint.behave((res, { body }) => {
    const token = body.get('refresh_token') ?? '';
    if (spent.has(token) || !(token === 'old-refresh' || token.startsWith('rotated-'))) {
      answerJson(400, { error: 'invalid_grant', error_description: 'grant request is invalid' })(res, {
        body,
        number: 0,
      });
      return;
    }
    spent.add(token);
    issued++;
    answerJson(200, {
      access_token: `new-access-${issued}`,
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: `rotated-${issued}`,
    })(res, { body, number: issued });
    res.on('finish', onAnswered);
  });
}

/** Resolves when the child prints `line`, or rejects after `ms`. */
function waitForLine(child: ChildProcess, line: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`the child did not print "${line}" within ${ms} ms`)),
      ms,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.split('\n').includes(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(child.signalCode ?? child.exitCode);
    } else {
      child.once('exit', (code, signal) => resolve(signal ?? code));
    }
  });
}

describe('a refresh killed between the token response and persisting it', function () {
  this.timeout(30_000);
  const counts = new ReliabilityCounts('process killed mid-refresh leaves a consistent, explained state');
  let endpoint: FaultyTokenEndpoint;
  let dir: string;
  let child: ChildProcess | undefined;
  let http: NodeHttpClient | undefined;

  beforeEach(async () => {
    endpoint = await startFaultyTokenEndpoint();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-killed-'));
  });

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
    child = undefined;
    await http?.close();
    await endpoint.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const moments = [
    { moment: 'before-save', what: 'while saving the new token set' },
    { moment: 'after-response', what: 'as soon as the token endpoint has answered' },
  ];
  for (const { moment, what } of moments) {
    it(`kills the process ${what}; the next start holds the new set or says the refresh token may be spent`, async () => {
      await counts.check(async () => {
        const vaultFile = path.join(dir, 'vault.json');
        const before = expiredTokenSet();
        fs.writeFileSync(vaultFile, JSON.stringify({ [CHILD_PROFILE_ID]: before }));
        let answered!: () => void;
        const answeredPromise = new Promise<void>((resolve) => (answered = resolve));
        singleUseRefresh(endpoint, () => answered());

        child = spawn(process.execPath, [CHILD, vaultFile, endpoint.url, moment], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        if (moment === 'before-save') {
          await waitForLine(child, 'saving', 15_000);
        } else {
          await answeredPromise;
        }
        child.kill('SIGKILL');
        assert.equal(await exited(child), 'SIGKILL');
        assert.equal(endpoint.requests(), 1, 'the refresh reached the token endpoint once');

        // Next start: a new process reads the same vault.
        const vault = new FileTokenVault(vaultFile);
        const stored = await vault.load(CHILD_PROFILE_ID);
        assert.ok(stored, 'the vault still holds a token set');
        http = new NodeHttpClient({ env: {}, timeoutMs: 5000 });
        const profile = buildProfile({ id: CHILD_PROFILE_ID, token_endpoint: endpoint.url });
        const manager = new TokenManager({
          vault,
          secretStore: new InMemorySecretStore({ [profile.id]: 'client-secret' }),
          httpClientFor: () => http as NodeHttpClient,
        });
        if (stored.refresh_token === 'old-refresh') {
          // The answer was lost with the process: the old token is kept and the user is told it may be spent.
          assert.equal(stored.access_token, 'old-access');
          assert.ok(isRefreshTokenPossiblySpent(stored));
          assert.match(
            possiblySpentWarning(stored, english) ?? '',
            /may have used up the refresh token\. Refresh to find out/,
          );
          const err = await engineError(manager.refresh(profile));
          assert.equal(err.error, 'invalid_grant');
          assert.match(err.message, /An earlier refresh .* most likely used up this refresh token/);
          assert.equal(err.fix, 'Sign in again to get new tokens.');
        } else {
          // The child saved in time: the new set, complete and unmarked.
          assert.equal(moment, 'after-response', 'a save blocked until the kill cannot have completed');
          assert.equal(stored.refresh_token, 'rotated-1');
          assert.equal(stored.access_token, 'new-access-1');
          assert.equal(isRefreshTokenPossiblySpent(stored), false);
          assert.equal((await manager.refresh(profile)).refresh_token, 'rotated-2');
        }
      });
    });
  }
});
