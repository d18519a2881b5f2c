/**
 * Runs one refresh in its own process, for the test that kills a process between the token response and persisting
 * it: `node refreshInChildProcess.js <vault file> <token endpoint> <moment>`. The vault is a JSON file written
 * atomically (temp file + rename). With moment `before-save`, saving the new token set prints `saving` and then
 * waits forever for the parent's SIGKILL; with `after-response` the parent kills as soon as the endpoint answered.
 */
import * as fs from 'node:fs';
import { InMemorySecretStore } from '../../src/core/profiles/secretStore';
import { TokenManager } from '../../src/core/oauth/tokenManager';
import { TokenSet } from '../../src/core/tokens/tokenSet';
import { TokenVault } from '../../src/core/tokens/tokenVault';
import { NodeHttpClient } from '../../src/node/nodeHttpClient';
import { buildProfile } from './builders/profileBuilder';

/** The profile id both processes use. */
export const CHILD_PROFILE_ID = 'killed-refresh';

/** A vault in one JSON file ({ profileId: tokenSet }); each save replaces the file in one rename. */
export class FileTokenVault implements TokenVault {
  constructor(
    private readonly file: string,
    private readonly beforeSave: (tokenSet: TokenSet) => Promise<void> = async () => undefined,
  ) {}

  async load(profileId: string): Promise<TokenSet | undefined> {
    return this.readAll()[profileId];
  }

  async save(profileId: string, tokenSet: TokenSet): Promise<void> {
    await this.beforeSave(tokenSet);
    this.writeAll({ ...this.readAll(), [profileId]: tokenSet });
  }

  async delete(profileId: string): Promise<void> {
    const { [profileId]: _gone, ...rest } = this.readAll();
    this.writeAll(rest);
  }

  private readAll(): Record<string, TokenSet> {
    return fs.existsSync(this.file)
      ? (JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, TokenSet>)
      : {};
  }

  private writeAll(sets: Record<string, TokenSet>): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(sets));
    fs.renameSync(temp, this.file);
  }
}

async function main(): Promise<void> {
  const [vaultFile, tokenEndpoint, moment] = process.argv.slice(2);
  const vault = new FileTokenVault(vaultFile, async (tokenSet) => {
    if (moment === 'before-save' && tokenSet.refresh_attempted_at === undefined) {
      process.stdout.write('saving\n');
      await new Promise(() => setInterval(() => undefined, 1000));
    }
  });
  const http = new NodeHttpClient({ env: {}, timeoutMs: 10_000 });
  const profile = buildProfile({ id: CHILD_PROFILE_ID, token_endpoint: tokenEndpoint });
  const manager = new TokenManager({
    vault,
    secretStore: new InMemorySecretStore({ [profile.id]: 'client-secret' }),
    httpClientFor: () => http,
  });
  await manager.refresh(profile);
  process.stdout.write('refreshed\n');
  await http.close();
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
