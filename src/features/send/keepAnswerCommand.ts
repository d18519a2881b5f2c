import * as vscode from 'vscode';
import { RESPONSE_SCHEME } from '../../constants';
import { keepAnswerEdit } from '../../core/httpFile/keptAnswer';
import { parseHttpFile } from '../../core/httpFile/parseHttpFile';
import { AnswerOrigin, ResponseDocuments } from './responseDocuments';

/** What the command returns (for tests and other callers): the `.http` document and the request line now. */
export interface KeepAnswerResult {
  readonly uri: string;
  /** The request line (zero-based) after the kept answer went in above it. */
  readonly requestLine: number;
}

/**
 * Writes the answer of a response document into its `.http` file, as comment lines above its request (the form no
 * client sends), secrets and tokens masked. One undoable edit; the file is not saved.
 */
export async function keepAnswer(responses: ResponseDocuments, arg?: unknown): Promise<KeepAnswerResult> {
  const uri =
    arg instanceof vscode.Uri
      ? arg
      : typeof arg === 'string'
        ? vscode.Uri.parse(arg)
        : vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== RESPONSE_SCHEME) {
    throw new Error(vscode.l10n.t('Open an answer of Send Request first, then keep it in its file.'));
  }
  const kept = responses.answerOf(uri);
  if (!kept?.origin) {
    throw new Error(
      vscode.l10n.t(
        'This answer no longer knows the file it came from; send the request again, then keep it.',
      ),
    );
  }
  const answer = answerPart(kept.text);
  const source = await sourceDocument(kept.origin);
  const line = requestLineNow(source, kept.origin);
  const edit = keepAnswerEdit(source.getText(), line, answer, keptAt(new Date()));
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.insert(source.uri, source.positionAt(edit.offset), edit.text);
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) {
    throw new Error(vscode.l10n.t('The answer could not be written into {0}.', fileName(source.uri)));
  }
  const requestLine = line + edit.text.split(/\r?\n/).length - 1;
  const editor = await vscode.window.showTextDocument(source, { preview: false });
  const at = new vscode.Range(line, 0, requestLine, 0);
  editor.revealRange(at, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return { uri: source.uri.toString(), requestLine };
}

/** The answer from its status line on: the request above it is in the file already. */
export function answerPart(documentText: string): string {
  const status = /^HTTP\/\d(?:\.\d)? \d{3}\b/m.exec(documentText);
  if (!status) {
    throw new Error(vscode.l10n.t('This document holds no answer (no HTTP status line) to keep.'));
  }
  return documentText.slice(status.index);
}

async function sourceDocument(origin: AnswerOrigin): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.parse(origin.source);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === origin.source);
  if (open) {
    return open;
  }
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    throw new Error(
      vscode.l10n.t('The file this answer came from, {0}, cannot be opened any more.', fileName(uri)),
    );
  }
}

/**
 * The request's line in the file as it is now: the line it was sent from if that is still the same request line, else
 * the nearest request line with the same text (lines above it may have been added or removed since).
 */
function requestLineNow(source: vscode.TextDocument, origin: AnswerOrigin): number {
  const text = source.getText();
  const candidates = parseHttpFile(text)
    .blocks.map((b) => b.request?.line)
    .filter((l): l is number => l !== undefined && source.lineAt(l).text === origin.requestText)
    .sort((a, b) => Math.abs(a - origin.line) - Math.abs(b - origin.line));
  if (candidates.length === 0) {
    throw new Error(
      vscode.l10n.t(
        'The request of this answer (line {0} of {1}) has changed since it was sent; send it again, then keep the answer.',
        origin.line + 1,
        fileName(source.uri),
      ),
    );
  }
  return candidates[0];
}

/** Minutes are enough to tell kept answers apart, and keep the heading short. */
function keptAt(now: Date): string {
  return `${now.toISOString().slice(0, 16)}Z`;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}
