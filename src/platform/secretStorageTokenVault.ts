import * as vscode from 'vscode';
import { TokenSet } from '../core/tokens/tokenSet';
import { TokenVault } from '../core/tokens/tokenVault';
import { SecretStorageKeyspace } from './secretStorageKeyspace';

const PREFIX = 'oauthWorkbench.tokens/';

/** A stored token set that cannot be read back (hand-edited keychain entry, a format from another version). */
export class StoredTokenSetError extends Error {
  readonly code = 'TOKEN_STORE_UNREADABLE';
  readonly fix = 'Sign out of the profile and sign in again.';
  constructor(profileId: string, cause: unknown) {
    super(`The stored tokens of profile "${profileId}" cannot be read.`, { cause });
    this.name = 'StoredTokenSetError';
  }
}

/**
 * The {@link TokenVault} port over VS Code's SecretStorage: one JSON token set per profile, in the OS keychain. Errors
 * propagate (a broken keychain is not "signed out"); an unreadable entry is a typed error, not "no token".
 */
export class SecretStorageTokenVault extends SecretStorageKeyspace implements TokenVault {
  constructor(secrets: vscode.SecretStorage) {
    super(secrets, PREFIX);
  }

  async load(profileId: string): Promise<TokenSet | undefined> {
    const text = await this.read(profileId);
    if (text === undefined) {
      return undefined;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new StoredTokenSetError(profileId, err);
    }
    if (value === null || typeof value !== 'object' || typeof (value as TokenSet).access_token !== 'string') {
      throw new StoredTokenSetError(profileId, new Error('not a token set'));
    }
    return value as TokenSet;
  }

  save(profileId: string, tokenSet: TokenSet): Promise<void> {
    return this.write(profileId, JSON.stringify(tokenSet));
  }

  delete(profileId: string): Promise<void> {
    return this.remove(profileId);
  }

  /** The SecretStorage key of a profile's token set; for tests that check what is stored. */
  static keyOf(profileId: string): string {
    return PREFIX + profileId;
  }
}
