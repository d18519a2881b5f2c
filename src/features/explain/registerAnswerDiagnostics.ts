import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds, EXTENSION_NAME } from '../../constants';
import { looksLikeAnswer } from '../../core/httpFile/answerShape';
import { AnswerHints, explainAnswer } from '../../core/httpFile/explainAnswer';
import { DiagnosticSeverity } from '../../core/httpFile/httpDiagnostic';
import { findResponseReferences, statusFromReferenceName } from '../../core/httpFile/responseReferences';
import { KnowledgeBase } from '../../core/knowledge/knowledgeBase';
import { ExplainErrorInput } from './registerExplainError';

/** What the answer diagnostics need from the rest of the extension. */
export interface AnswerDiagnosticsDeps {
  readonly log: vscode.LogOutputChannel;
  readonly debounceMs?: number;
}

/** A saved answer larger than this is not read: error answers are small, and the file is the workspace's to control. */
export const MAX_SAVED_ANSWER_BYTES = 256 * 1024;

const SEVERITIES: Record<DiagnosticSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** An answer behind a diagnostic, so "Explain" can show it in the explanation view. */
interface Explained {
  readonly range: vscode.Range;
  readonly input: ExplainErrorInput;
}

/**
 * Problems for answers that are not in a `.http` request block: JetBrains' saved answers (`<> ….401.json` under a
 * request, reported at the reference line) and httpYac's untitled JSON response documents. A JSON file the user edits
 * is never diagnosed. Untitled `http` response documents (REST Client, httpYac) are read by the `.http` linter itself.
 */
export function registerAnswerDiagnostics(deps: AnswerDiagnosticsDeps): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('oauthWorkbench.answers');
  const explained = new Map<string, Explained[]>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const kb = KnowledgeBase.shipped();

  const refresh = async (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    try {
      const found = await diagnose(document, kb);
      if (document.isClosed) {
        return;
      }
      if (found.length === 0) {
        collection.delete(document.uri);
        explained.delete(key);
        return;
      }
      collection.set(
        document.uri,
        found.map((f) => f.diagnostic),
      );
      explained.set(key, found);
    } catch (err) {
      deps.log.error(
        `Reading the answers of ${document.uri.toString(true)} failed:`,
        err instanceof Error ? err : String(err),
      );
    }
  };
  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        void refresh(document);
      }, deps.debounceMs ?? 300),
    );
  };
  const forget = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
    collection.delete(document.uri);
    explained.delete(key);
  };
  for (const document of vscode.workspace.textDocuments) {
    void refresh(document);
  }
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => void refresh(d)),
    vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && schedule(e.document)),
    vscode.workspace.onDidSaveTextDocument((d) => void refresh(d)),
    vscode.workspace.onDidCloseTextDocument(forget),
    vscode.languages.registerCodeActionsProvider(
      [{ language: 'http' }, { language: 'json', scheme: 'untitled' }],
      {
        provideCodeActions(document, range) {
          return (explained.get(document.uri.toString()) ?? [])
            .filter((e) => e.range.intersection(range))
            .slice(0, 1)
            .map((e) => {
              const action = new vscode.CodeAction(
                vscode.l10n.t('Explain this answer'),
                vscode.CodeActionKind.QuickFix,
              );
              action.command = {
                command: CommandIds.explainError,
                title: action.title,
                arguments: [e.input],
              };
              return action;
            });
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
}

type Found = Explained & { readonly diagnostic: vscode.Diagnostic };

async function diagnose(document: vscode.TextDocument, kb: KnowledgeBase): Promise<Found[]> {
  if (document.languageId === 'json' && document.isUntitled) {
    const text = document.getText();
    if (!looksLikeAnswer(text)) {
      return [];
    }
    return explainAnswer(text, {}, kb).findings.map((f) => {
      const line = document.lineAt(Math.min(f.line ?? 0, document.lineCount - 1));
      const range = new vscode.Range(
        line.range.start.translate(0, line.firstNonWhitespaceCharacterIndex),
        line.range.end,
      );
      return found(range, f, { text }, undefined);
    });
  }
  if (document.languageId !== 'http' || document.uri.scheme !== 'file') {
    return [];
  }
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder || folder.uri.scheme !== 'file') {
    return [];
  }
  const out: Found[] = [];
  for (const ref of findResponseReferences(document.getText())) {
    const text = await readSavedAnswer(folder.uri.fsPath, path.dirname(document.uri.fsPath), ref.path);
    if (text === undefined) {
      continue;
    }
    const hints: AnswerHints = { ...ref.hints, status: statusFromReferenceName(ref.path) };
    const range = new vscode.Range(ref.line, ref.start, ref.line, ref.end);
    for (const f of explainAnswer(text, hints, kb).findings) {
      out.push(found(range, f, { text, hints }, ref.path));
    }
  }
  return out;
}

function found(
  range: vscode.Range,
  f: { readonly id: string; readonly message: string; readonly severity: DiagnosticSeverity },
  input: ExplainErrorInput,
  savedAs: string | undefined,
): Found {
  const message = savedAs ? vscode.l10n.t('{0} (in the saved answer {1})', f.message, savedAs) : f.message;
  const diagnostic = new vscode.Diagnostic(range, message, SEVERITIES[f.severity]);
  diagnostic.code = f.id;
  diagnostic.source = EXTENSION_NAME;
  return { range, input, diagnostic };
}

/**
 * The saved answer's text, when the name resolves (next to the `.http` file) to a regular file inside the workspace
 * folder, symbolic links followed, and no larger than {@link MAX_SAVED_ANSWER_BYTES}; else undefined.
 */
export async function readSavedAnswer(
  folder: string,
  dir: string,
  name: string,
): Promise<string | undefined> {
  try {
    const [root, target] = await Promise.all([fs.realpath(folder), fs.realpath(path.resolve(dir, name))]);
    const inside = path.relative(root, target);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
      return undefined;
    }
    const stat = await fs.stat(target);
    if (!stat.isFile() || stat.size > MAX_SAVED_ANSWER_BYTES) {
      return undefined;
    }
    return await fs.readFile(target, 'utf8');
  } catch {
    // Not there (yet), or not readable: a reference to a missing file is not a problem of its own.
    return undefined;
  }
}
