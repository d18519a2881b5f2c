import * as vscode from 'vscode';
import { EXTENSION_NAME } from '../../constants';
import { DiagnosticSeverity, HttpDiagnostic } from '../../core/httpFile/httpDiagnostic';
import { KnowledgeBase } from '../../core/knowledge/knowledgeBase';
import { HTTP_LANGUAGE_ID, HttpLintService, toVscodeRange } from '../../platform/httpLintService';

/** What the diagnostics feature needs from the composition root. */
export interface HttpDiagnosticsDeps {
  readonly service: HttpLintService;
  readonly log: vscode.LogOutputChannel;
  /** Fires when profiles or known tokens change, so open documents are linted again. */
  readonly onDidChangeLintContext?: vscode.Event<unknown>;
  /** Quiet time after the last keystroke before a document is linted again. */
  readonly debounceMs?: number;
}

const SEVERITIES: Record<DiagnosticSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * Problems for `http` documents (files and untitled alike): linted at once when opened, debounced while typing, and
 * cleared when closed.
 */
export function registerHttpDiagnostics(deps: HttpDiagnosticsDeps): vscode.Disposable {
  const { service, log } = deps;
  const debounceMs = deps.debounceMs ?? 300;
  const collection = vscode.languages.createDiagnosticCollection('oauthWorkbench.http');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const cancel = (uri: vscode.Uri) => {
    const key = uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
  };
  const refresh = (document: vscode.TextDocument) => {
    if (document.languageId !== HTTP_LANGUAGE_ID || document.isClosed) {
      return;
    }
    try {
      const kb = service.knowledgeBase;
      collection.set(
        document.uri,
        service.diagnostics(document).map((d) => toVscodeDiagnostic(d, kb)),
      );
    } catch (err) {
      // A provider never interrupts the user; the log keeps the details.
      log.error(`Linting ${document.uri.toString(true)} failed:`, err instanceof Error ? err : String(err));
    }
  };
  const schedule = (document: vscode.TextDocument) => {
    if (document.languageId !== HTTP_LANGUAGE_ID) {
      return;
    }
    cancel(document.uri);
    timers.set(
      document.uri.toString(),
      setTimeout(() => {
        timers.delete(document.uri.toString());
        refresh(document);
      }, debounceMs),
    );
  };
  const forget = (document: vscode.TextDocument) => {
    cancel(document.uri);
    collection.delete(document.uri);
    service.forget(document.uri);
  };

  const subscriptions = [
    collection,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0) {
        schedule(e.document);
      }
    }),
    vscode.workspace.onDidCloseTextDocument(forget),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  ];
  if (deps.onDidChangeLintContext) {
    subscriptions.push(
      deps.onDidChangeLintContext(() => {
        service.invalidateAll();
        vscode.workspace.textDocuments.forEach(schedule);
      }),
    );
  }
  vscode.workspace.textDocuments.forEach(schedule);
  return vscode.Disposable.from(...subscriptions);
}

/** A core diagnostic as VS Code shows it: the id as `code`, linked to the guide section or RFC. */
export function toVscodeDiagnostic(d: HttpDiagnostic, kb: KnowledgeBase): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVscodeRange(d.range), d.message, SEVERITIES[d.severity]);
  const link = kb.get(d.code)?.link.url;
  diagnostic.code = link ? { value: d.code, target: linkTarget(link) } : d.code;
  diagnostic.source = EXTENSION_NAME;
  return diagnostic;
}

/** Parsed link targets by URL. The catalog has about a hundred links; a 1 MB file has 1,500 diagnostics per refresh. */
const linkTargets = new Map<string, vscode.Uri>();

function linkTarget(url: string): vscode.Uri {
  let uri = linkTargets.get(url);
  if (!uri) {
    uri = vscode.Uri.parse(url);
    linkTargets.set(url, uri);
  }
  return uri;
}
