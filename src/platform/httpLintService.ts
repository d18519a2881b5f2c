import * as vscode from 'vscode';
import { HttpDiagnostic } from '../core/httpFile/httpDiagnostic';
import { HttpDocumentLints } from '../core/httpFile/httpDocumentLints';
import { Range } from '../core/httpFile/lineIndex';
import { LintContext } from '../core/httpFile/lintContext';
import { KnowledgeBase } from '../core/knowledge/knowledgeBase';

/** The language id REST Client and httpYac give `.http` files, and the one we contribute when neither is installed. */
export const HTTP_LANGUAGE_ID = 'http';

/**
 * Lints each `http` document once per version and shares the result between diagnostics, hovers and quick fixes: a
 * VS Code face on {@link HttpDocumentLints}, which keeps an incremental linter per document. The knowledge base is
 * built on first use, not at activation.
 */
export class HttpLintService {
  private readonly lints: HttpDocumentLints;

  constructor(lintContext: () => LintContext) {
    this.lints = new HttpDocumentLints(() => KnowledgeBase.shipped(), lintContext);
  }

  get knowledgeBase(): KnowledgeBase {
    return this.lints.knowledgeBase;
  }

  diagnostics(document: vscode.TextDocument): readonly HttpDiagnostic[] {
    return this.lints.diagnostics(document.uri.toString(), document.version, () => document.getText());
  }

  /** Drops what is kept for a closed document. */
  forget(uri: vscode.Uri): void {
    this.lints.forget(uri.toString());
  }

  /** Profiles or tokens changed: every document has to be linted again with the new facts. */
  invalidateAll(): void {
    this.lints.invalidateAll();
  }
}

/** Core ranges are plain data with the same zero-based line and UTF-16 column as VS Code's. */
export function toVscodeRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
