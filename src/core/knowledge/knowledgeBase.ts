import { berlinGroupEntries } from './berlinGroupEntries';
import { ERRATA } from './errata';
import { identityProviderEntries } from './identityProviderEntries';
import { Erratum, KnowledgeEntry } from './knowledgeEntry';
import { lintEntries } from './lintEntries';
import { oauthEntries } from './oauthEntries';
import { precisionLintEntries } from './precisionLintEntries';
import { rabobankEntries } from './rabobankEntries';
import { refusalEntries } from './refusalEntries';
import { LocalText, renderText } from '../text/localText';
import { english, Translate } from '../text/translate';

/** The error catalog by id; built on first use so activating the extension stays cheap. */
export class KnowledgeBase {
  private readonly byId: ReadonlyMap<string, KnowledgeEntry>;

  constructor(
    entries: readonly KnowledgeEntry[],
    /** How the guide's errata are worded: the entries come already translated, the errata on each lookup. */
    private readonly translate: Translate = english,
  ) {
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
  private static shippedTranslate: Translate = english;

  /**
   * The shipped catalog, built once and shared, in the language {@link useTranslation} chose (English until then). It
   * is immutable, so sharing it only saves rebuilding it for callers that look up one id now and then, such as the
   * engine's error mapping.
   */
  static shipped(): KnowledgeBase {
    KnowledgeBase.shippedCatalog ??= KnowledgeBase.create().translated(KnowledgeBase.shippedTranslate);
    return KnowledgeBase.shippedCatalog;
  }

  private static englishCatalog: KnowledgeBase | undefined;

  /**
   * The shipped catalog in English whatever {@link useTranslation} chose: what checks on its sentences read (a fix must
   * start with a verb they know), while the user reads {@link shipped}.
   */
  static shippedInEnglish(): KnowledgeBase {
    KnowledgeBase.englishCatalog ??= KnowledgeBase.create();
    return KnowledgeBase.englishCatalog;
  }

  /**
   * Makes {@link shipped} speak through `translate` from now on: the extension passes VS Code's l10n once, when it
   * activates; the CLI never calls it and stays in English.
   */
  static useTranslation(translate: Translate): void {
    KnowledgeBase.shippedTranslate = translate;
    KnowledgeBase.shippedCatalog = undefined;
  }

  /**
   * The same entries with every sentence a person reads (title, summary, causes, fixes, the link's title) passed
   * through `translate`; ids, statuses, conditions, actions and addresses stay as they are. `node scripts/l10n.mjs`
   * puts each of those sentences into the l10n bundle.
   */
  translated(translate: Translate): KnowledgeBase {
    if (translate === english) {
      return this;
    }
    return new KnowledgeBase(
      this.all().map((e) => ({
        ...e,
        title: translate(e.title),
        summary: translate(e.summary),
        causes: e.causes.map((c) => ({ ...c, text: translate(c.text) })),
        fixes: e.fixes.map((f) => translate(f)),
        link: { ...e.link, title: translate(e.link.title) },
      })),
      translate,
    );
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

  /** A phrase of core's (a finding's detail, a quick fix's title) in the catalog's language. */
  text(t: LocalText): string {
    return renderText(t, this.translate);
  }

  errataOf(entry: KnowledgeEntry): readonly Erratum[] {
    const translate = this.translate;
    return entry.errata.map((id) => {
      const erratum = ERRATA[id];
      return translate === english
        ? erratum
        : { ...erratum, title: translate(erratum.title), text: translate(erratum.text) };
    });
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
