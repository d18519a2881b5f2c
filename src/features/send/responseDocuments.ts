import * as vscode from 'vscode';
import { RESPONSE_SCHEME } from '../../constants';
import { Disposable } from '../../platform/dispose';

/** One answer as kept for the history: the document text (secrets masked) and the request as curl. */
export interface KeptAnswer {
  readonly title: string;
  readonly text: string;
  readonly curl: string;
  /** Epoch milliseconds. */
  readonly at: number;
  /** Where the request was sent from, so Keep Answer can find it again. */
  readonly origin?: AnswerOrigin;
}

/** The request an answer belongs to. */
export interface AnswerOrigin {
  /** The `.http` document's URI, as a string. */
  readonly source: string;
  /** The request line, zero-based, when it was sent. */
  readonly line: number;
  /** The request line's text when it was sent (the request is found by it when lines have moved). */
  readonly requestText: string;
}

/** How many answers are kept per `.http` document. */
const HISTORY_LENGTH = 10;

/**
 * Read-only response documents in the `http` language, one per request (sending it again replaces the text), so the
 * `.http` diagnostics, hovers and actions run on them. Only masked text is ever put here. The last answers of each
 * `.http` document are kept for the history command, in memory only.
 */
export class ResponseDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this._onDidChange.event;
  private readonly texts = new Map<string, string>();
  private readonly curls = new Map<string, string>();
  private readonly answers = new Map<string, KeptAnswer>();
  private readonly history = new Map<string, KeptAnswer[]>();
  private historyCount = 0;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** The request as curl for a response document, if it is one of ours. */
  curlOf(uri: vscode.Uri): string | undefined {
    return this.curls.get(uri.toString());
  }

  /** The answer a response document shows, if it is one of ours. */
  answerOf(uri: vscode.Uri): KeptAnswer | undefined {
    return this.answers.get(uri.toString());
  }

  /** Puts the answer to the request on `requestLine` of `source` in its document, and shows it beside the editor. */
  async show(source: vscode.Uri, requestLine: number, answer: KeptAnswer): Promise<vscode.TextEditor> {
    const name = (source.path.split('/').pop() ?? 'request').replace(/\.(http|rest)$/i, '');
    const uri = vscode.Uri.from({
      scheme: RESPONSE_SCHEME,
      path: `/${name} line ${requestLine + 1}.http`,
      query: source.toString(),
    });
    this.put(uri, answer);
    const kept = this.history.get(source.toString()) ?? [];
    kept.unshift(answer);
    this.history.set(source.toString(), kept.slice(0, HISTORY_LENGTH));
    return this.open(uri);
  }

  /** The answers kept for a `.http` document, newest first. */
  answersOf(source: vscode.Uri): readonly KeptAnswer[] {
    return this.history.get(source.toString()) ?? [];
  }

  /** Opens a kept answer again, in a document of its own. */
  async reopen(answer: KeptAnswer): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({
      scheme: RESPONSE_SCHEME,
      path: `/history/${++this.historyCount} ${answer.title}.http`,
    });
    this.put(uri, answer);
    return this.open(uri);
  }

  private put(uri: vscode.Uri, answer: KeptAnswer): void {
    this.texts.set(uri.toString(), answer.text);
    this.curls.set(uri.toString(), answer.curl);
    this.answers.set(uri.toString(), answer);
    this._onDidChange.fire(uri);
  }

  private async open(uri: vscode.Uri): Promise<vscode.TextEditor> {
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'http') {
      document = await vscode.languages.setTextDocumentLanguage(document, 'http');
    }
    return vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: true,
      preview: false,
    });
  }
}
