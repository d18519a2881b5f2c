/**
 * Port for client secrets, one per profile id. The VS Code layer implements it over `context.secrets`; the CLI reads
 * an environment variable. Failures must propagate: a broken keychain is not "no secret".
 */
export interface SecretStore {
  /** The client secret of a profile, or `undefined` when none was set. */
  getClientSecret(profileId: string): Promise<string | undefined>;
  setClientSecret(profileId: string, secret: string): Promise<void>;
  deleteClientSecret(profileId: string): Promise<void>;
}

/** A working in-memory store: for the CLI (secret from the environment) and for tests. */
export class InMemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const [id, secret] of Object.entries(initial)) {
      this.secrets.set(id, secret);
    }
  }

  async getClientSecret(profileId: string): Promise<string | undefined> {
    return this.secrets.get(profileId);
  }

  async setClientSecret(profileId: string, secret: string): Promise<void> {
    this.secrets.set(profileId, secret);
  }

  async deleteClientSecret(profileId: string): Promise<void> {
    this.secrets.delete(profileId);
  }
}
