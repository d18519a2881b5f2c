import * as vscode from 'vscode';
import { HttpDiagnostic } from '../../core/httpFile/httpDiagnostic';
import { IncrementalHttpLinter } from '../../core/httpFile/incrementalHttpLinter';
import { Range } from '../../core/httpFile/lineIndex';
import { LintContext } from '../../core/httpFile/lintContext';
import { KnowledgeBase } from '../../core/knowledge/knowledgeBase';

/** The language id REST Client and httpYac give `.http` files, and the one we contribute when neither is installed. */
export const HTTP_LANGUAGE_ID = 'http';

/**
 * Lints each `http` document once per version and shares the result between diagnostics, hovers and quick fixes.
 * Each document keeps an incremental linter, so an edit re-reads only the blocks it touched. The knowledge base is
 * built on first use, not at activation.
 */
export class HttpLintService {
  private kb: KnowledgeBase | undefined;
  private context: LintContext | undefined;
  private readonly documents = new Map<
    string,
    { linter: IncrementalHttpLinter; version: number; diagnostics: readonly HttpDiagnostic[] | undefined }
  >();

  constructor(private readonly lintContext: () => LintContext) {}

  get knowledgeBase(): KnowledgeBase {
    this.kb ??= KnowledgeBase.create();
    return this.kb;
  }

  diagnostics(document: vscode.TextDocument): readonly HttpDiagnostic[] {
    const key = document.uri.toString();
    let state = this.documents.get(key);
    if (!state) {
      state = { linter: new IncrementalHttpLinter(this.knowledgeBase), version: -1, diagnostics: undefined };
      this.documents.set(key, state);
    }
    if (state.diagnostics === undefined || state.version !== document.version) {
      this.context ??= this.lintContext();
      state.diagnostics = state.linter.lint(document.getText(), this.context);
      state.version = document.version;
    }
    return state.diagnostics;
  }

  /** Drops what is kept for a closed document. */
  forget(uri: vscode.Uri): void {
    this.documents.delete(uri.toString());
  }

  /** Profiles or tokens changed: every document has to be linted again with the new facts. */
  invalidateAll(): void {
    this.context = undefined;
    this.documents.forEach((state) => (state.diagnostics = undefined));
  }
}

/** Core ranges are plain data with the same zero-based line and UTF-16 column as VS Code's. */
export function toVscodeRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
