import { berlinGroupEntries } from './berlinGroupEntries';
import { ERRATA } from './errata';
import { identityProviderEntries } from './identityProviderEntries';
import { Erratum, KnowledgeEntry } from './knowledgeEntry';
import { lintEntries } from './lintEntries';
import { oauthEntries } from './oauthEntries';
import { precisionLintEntries } from './precisionLintEntries';
import { rabobankEntries } from './rabobankEntries';
import { refusalEntries } from './refusalEntries';

/** The error catalog by id; built on first use so activating the extension stays cheap. */
export class KnowledgeBase {
  private readonly byId: ReadonlyMap<string, KnowledgeEntry>;

  constructor(entries: readonly KnowledgeEntry[]) {
    const map = new Map<string, KnowledgeEntry>();
    for (const e of entries) {
      if (map.has(e.id)) {
        throw new DuplicateKnowledgeEntryError(e.id);
      }
      map.set(e.id, e);
    }
    this.byId = map;
  }

  private static shippedCatalog: KnowledgeBase | undefined;

  /**
   * The shipped catalog, built once and shared. It is immutable, so sharing it only saves rebuilding it for callers that look up one id now and then, such as the engine's error mapping.
   */
  static shipped(): KnowledgeBase {
    KnowledgeBase.shippedCatalog ??= KnowledgeBase.create();
    return KnowledgeBase.shippedCatalog;
  }

  /** The catalog shipped with the extension. */
  static create(): KnowledgeBase {
    return new KnowledgeBase([
      ...rabobankEntries(),
      ...oauthEntries(),
      ...berlinGroupEntries(),
      ...identityProviderEntries(),
      ...lintEntries(),
      ...precisionLintEntries(),
      ...refusalEntries(),
    ]);
  }

  get(id: string): KnowledgeEntry | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  all(): readonly KnowledgeEntry[] {
    return [...this.byId.values()];
  }

  errataOf(entry: KnowledgeEntry): readonly Erratum[] {
    return entry.errata.map((id) => ERRATA[id]);
  }
}

/** Two catalog entries claimed the same id: a programming error caught by the unit tests. */
export class DuplicateKnowledgeEntryError extends Error {
  public readonly code = 'KNOWLEDGE_DUPLICATE_ID';
  constructor(public readonly id: string) {
    super(`Two knowledge entries use the id ${id}`);
    this.name = 'DuplicateKnowledgeEntryError';
  }
}
