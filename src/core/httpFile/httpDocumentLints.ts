import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { HttpDiagnostic } from './httpDiagnostic';
import { IncrementalHttpLinter } from './incrementalHttpLinter';
import { LintContext } from './lintContext';

interface DocumentState {
  readonly linter: IncrementalHttpLinter;
  version: number;
  diagnostics: readonly HttpDiagnostic[] | undefined;
}

/**
 * The lint results an editor keeps for its open documents: each document (by key) is linted once per version, with an
 * incremental linter so an edit re-reads only the blocks it touched. Pure, so the extension's change handler and the
 * benchmark run the same code. The knowledge base and the lint context are fetched on first use, not at construction.
 */
export class HttpDocumentLints {
  private kb: KnowledgeBase | undefined;
  private context: LintContext | undefined;
  private readonly documents = new Map<string, DocumentState>();

  constructor(
    private readonly createKnowledgeBase: () => KnowledgeBase,
    private readonly lintContext: () => LintContext,
  ) {}

  get knowledgeBase(): KnowledgeBase {
    this.kb ??= this.createKnowledgeBase();
    return this.kb;
  }

  /** Diagnostics of the document `key` at `version`; `getText` is called only when that version was not linted yet. */
  diagnostics(key: string, version: number, getText: () => string): readonly HttpDiagnostic[] {
    let state = this.documents.get(key);
    if (!state) {
      state = { linter: new IncrementalHttpLinter(this.knowledgeBase), version: -1, diagnostics: undefined };
      this.documents.set(key, state);
    }
    if (state.diagnostics === undefined || state.version !== version) {
      this.context ??= this.lintContext();
      state.diagnostics = state.linter.lint(getText(), this.context);
      state.version = version;
    }
    return state.diagnostics;
  }

  /** Drops what is kept for a closed document. */
  forget(key: string): void {
    this.documents.delete(key);
  }

  /** Profiles or tokens changed: every document has to be linted again with the new facts. */
  invalidateAll(): void {
    this.context = undefined;
    this.documents.forEach((state) => (state.diagnostics = undefined));
  }
}
