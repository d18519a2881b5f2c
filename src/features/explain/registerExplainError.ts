import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { AnswerExplanation, AnswerHints, explainAnswer } from '../../core/httpFile/explainAnswer';
import type { ClientProfile } from '../../core/profiles/clientProfile';
import { profileOfUrl } from '../../core/profiles/credentialTarget';
import { KnowledgeBase } from '../../core/knowledge/knowledgeBase';
import { HoverActionKind } from '../../core/knowledge/knowledgeEntry';
import { KNOWLEDGE_ACTION_COMMANDS } from '../../platform/knowledgeActions';
import { CommandContext, registerCommand } from '../../platform/runCommand';
import { vscodeTranslate } from '../../platform/vscodeTranslate';
import { explanationHtml, requestedAction } from './explanationHtml';

/** What Explain Error Response needs from the rest of the extension. */
export interface ExplainDeps extends CommandContext {
  readonly log: vscode.LogOutputChannel;
  /** The profiles, so an action button can name the one the answer's URL belongs to. */
  readonly profiles: { list(): readonly ClientProfile[] };
}

/** The command's argument when another command or a test passes the answer instead of the user picking it. */
export interface ExplainErrorInput {
  readonly text: string;
  readonly hints?: AnswerHints;
}

/** What the command resolves to: the explanation shown and the page it was shown as. */
export interface ExplainErrorResult {
  readonly explanation: AnswerExplanation;
  readonly html: string;
  /** The profile the action buttons act on: the one the answer's URL belongs to, if exactly one does. */
  readonly profileId?: string;
}

/** The command each action button runs: the one table the hovers and the error boundary use. */
const ACTION_COMMANDS = KNOWLEDGE_ACTION_COMMANDS;

const VIEW_TYPE = 'oauthWorkbench.explanation';

/** Registers Explain Error Response…: an answer from the selection, the clipboard or typed text, explained in a view. */
export function registerExplainError(deps: ExplainDeps): vscode.Disposable {
  const view = new ExplanationView(deps.log, (url) => profileOfUrl(deps.profiles.list(), url)?.id);
  return vscode.Disposable.from(
    view,
    registerCommand(CommandIds.explainError, deps, async (arg?: unknown) => {
      const input = isInput(arg) ? arg : await pickAnswer();
      if (!input) {
        return undefined;
      }
      const explanation = explainAnswer(input.text, input.hints ?? {}, KnowledgeBase.shipped());
      return view.show(explanation, await availableActions(), input.hints?.url);
    }),
  );
}

function isInput(arg: unknown): arg is ExplainErrorInput {
  return typeof arg === 'object' && arg !== null && typeof (arg as ExplainErrorInput).text === 'string';
}

/** The selection of the active editor, else the clipboard or typed text, as the user picks. */
async function pickAnswer(): Promise<ExplainErrorInput | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const selected = editor.selections
      .map((s) => editor.document.getText(s))
      .filter((t) => t.trim() !== '')
      .join('\n');
    if (selected) {
      return { text: selected };
    }
  }
  const clipboard = vscode.l10n.t('From the clipboard');
  const typed = vscode.l10n.t('Type or paste the answer…');
  const choice = await vscode.window.showQuickPick(
    [
      {
        label: clipboard,
        description: vscode.l10n.t('an answer you copied from a terminal, a log or a browser'),
      },
      { label: typed, description: vscode.l10n.t('one line, such as the JSON body of the error') },
    ],
    {
      title: vscode.l10n.t('Explain Error Response'),
      placeHolder: vscode.l10n.t('No text is selected. Explain…'),
    },
  );
  if (!choice) {
    return undefined;
  }
  if (choice.label === clipboard) {
    const text = await vscode.env.clipboard.readText();
    if (text.trim() === '') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The clipboard is empty. Copy the answer, or select it in an editor, and try again.'),
      );
      return undefined;
    }
    return { text };
  }
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Explain Error Response'),
    prompt: vscode.l10n.t('The answer, e.g. {"error":"invalid_grant"} or HTTP/1.1 401 Unauthorized'),
    ignoreFocusOut: true,
  });
  return text?.trim() ? { text } : undefined;
}

/** Only actions whose command is registered right now get a button. */
async function availableActions(): Promise<ReadonlySet<HoverActionKind>> {
  const registered = new Set(await vscode.commands.getCommands(true));
  return new Set(
    (Object.entries(ACTION_COMMANDS) as [HoverActionKind, string][])
      .filter(([, id]) => registered.has(id))
      .map(([action]) => action),
  );
}

/** One webview beside the editor, reused for each explanation. */
class ExplanationView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private explanation: AnswerExplanation | undefined;
  private profileId: string | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly profileOf: (url: string | undefined) => string | undefined,
  ) {}

  show(
    explanation: AnswerExplanation,
    available: ReadonlySet<HoverActionKind>,
    url: string | undefined,
  ): ExplainErrorResult {
    const panel = this.panel ?? this.create();
    this.explanation = explanation;
    this.profileId = this.profileOf(url);
    const first = explanation.findings[0];
    panel.title = first
      ? vscode.l10n.t('Explained: {0}', first.id)
      : vscode.l10n.t('Explained: no known error');
    const html = explanationHtml(
      explanation,
      { nonce: randomNonce(), cspSource: panel.webview.cspSource },
      available,
      vscodeTranslate,
      vscode.env.language,
    );
    panel.webview.html = html;
    panel.reveal(vscode.ViewColumn.Beside, true);
    return { explanation, html, profileId: this.profileId };
  }

  private create(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      vscode.l10n.t('Explained'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableCommandUris: false, localResourceRoots: [] },
    );
    panel.webview.onDidReceiveMessage((message: unknown) => {
      const asked = this.explanation ? requestedAction(message, this.explanation) : undefined;
      if (!asked) {
        this.log.warn('The explanation view sent a message that is not one of its actions; ignored.');
        return;
      }
      const scope = asked.finding.requiredScopes.join(' ') || undefined;
      // The profile the answer's URL belongs to; without one the commands let the user pick the profile.
      void vscode.commands.executeCommand(ACTION_COMMANDS[asked.action], {
        profileId: this.profileId,
        scope,
      });
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.explanation = undefined;
      this.profileId = undefined;
    });
    this.panel = panel;
    return panel;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/** A fresh CSP nonce: 18 random bytes, base64 (Web Crypto, so the view works in the web extension host too). */
function randomNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes));
}
