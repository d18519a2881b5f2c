import { TokenSet } from './tokenSet';

/**
 * Port for persisting token sets per profile id. The VS Code layer implements it over SecretStorage; the CLI keeps
 * nothing. Failures must propagate (a broken keychain is not "signed out").
 */
export interface TokenVault {
  load(profileId: string): Promise<TokenSet | undefined>;
  save(profileId: string, tokenSet: TokenSet): Promise<void>;
  delete(profileId: string): Promise<void>;
}

/** A working in-memory vault, for the CLI and for tests. */
export class InMemoryTokenVault implements TokenVault {
  private readonly sets = new Map<string, TokenSet>();

  async load(profileId: string): Promise<TokenSet | undefined> {
    return this.sets.get(profileId);
  }

  async save(profileId: string, tokenSet: TokenSet): Promise<void> {
    this.sets.set(profileId, tokenSet);
  }

  async delete(profileId: string): Promise<void> {
    this.sets.delete(profileId);
  }
}
