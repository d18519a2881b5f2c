import * as vscode from 'vscode';
import { HttpDiagnostic } from '../../core/httpFile/httpDiagnostic';
import { lintHttpFile } from '../../core/httpFile/httpFileDiagnostics';
import { Range } from '../../core/httpFile/lineIndex';
import { LintContext } from '../../core/httpFile/lintContext';
import { KnowledgeBase } from '../../core/knowledge/knowledgeBase';

/** The language id REST Client and httpYac give `.http` files, and the one we contribute when neither is installed. */
export const HTTP_LANGUAGE_ID = 'http';

/**
 * Lints each `http` document once per version and shares the result between diagnostics, hovers and quick fixes.
 * The knowledge base is built on first use, not at activation.
 */
export class HttpLintService {
  private kb: KnowledgeBase | undefined;
  private readonly cache = new Map<string, { version: number; diagnostics: readonly HttpDiagnostic[] }>();

  constructor(private readonly lintContext: () => LintContext) {}

  get knowledgeBase(): KnowledgeBase {
    this.kb ??= KnowledgeBase.create();
    return this.kb;
  }

  diagnostics(document: vscode.TextDocument): readonly HttpDiagnostic[] {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) {
      return cached.diagnostics;
    }
    const diagnostics = lintHttpFile(document.getText(), this.knowledgeBase, this.lintContext());
    this.cache.set(key, { version: document.version, diagnostics });
    return diagnostics;
  }

  /** Drops what is kept for a closed document. */
  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  /** Profiles or tokens changed: every document has to be linted again. */
  invalidateAll(): void {
    this.cache.clear();
  }
}

/** Core ranges are plain data with the same zero-based line and UTF-16 column as VS Code's. */
export function toVscodeRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
