import * as vscode from 'vscode';
import { asSentence, singleSpaced } from '../core/text/sentences';
import { type ShownError, shownError } from '../core/text/shownError';
import type { Translate } from '../core/text/translate';
import { CommandIds } from '../constants';
import { failureActions } from '../core/knowledge/failureActions';
import { EntryFixes, fixToShow } from '../core/knowledge/fixText';
import type { KnowledgeActionKind, KnowledgeEntry } from '../core/knowledge/knowledgeEntry';
import { isOAuthWorkbenchError } from '../core/oauth/oauthErrors';
import { problemOfFailure } from '../core/profiles/profileProblem';
import { actionButton, KNOWLEDGE_ACTION_COMMANDS } from './knowledgeActions';
import { withoutLinks } from './notificationText';
import { FailedOperation, FailureReport, OperationFailedError } from './operationFailedError';
import type { OperationResult } from './operationResult';
import type { ProfileStatusStore } from './profileStatusStore';
import { vscodeTranslate } from './vscodeTranslate';
import { refuseUntrusted } from './workspaceTrust';

/** What the error boundary needs: the log, and where a profile's last failure is kept (the tree shows it). */
export interface CommandContext {
  readonly log: vscode.LogOutputChannel;
  readonly status: Pick<ProfileStatusStore, 'recordFailure'>;
}

/**
 * Registers a command behind the one error boundary. A command throws typed errors; the boundary logs the full
 * error, explains it with the knowledge base entry its catalog id names, and offers the actions that entry names
 * plus "Show Log". An {@link OperationFailedError} also gets "Retry", is recorded on the profile, and resolves to a
 * failed result for programmatic callers. Cancellation stays silent; no stack trace or secret reaches a notification.
 */
export function registerCommand(
  id: string,
  ctx: CommandContext,
  handler: (...args: unknown[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    // Commands that act with credentials are off in Restricted Mode, however they are invoked.
    const refused = refuseUntrusted(id);
    if (refused) {
      return refused;
    }
    try {
      return await handler(...args);
    } catch (err) {
      return handleCommandError(id, ctx, err);
    }
  });
}

async function handleCommandError(id: string, ctx: CommandContext, err: unknown): Promise<unknown> {
  if (err instanceof vscode.CancellationError) {
    return undefined;
  }
  if (err instanceof OperationFailedError) {
    if (!isOAuthWorkbenchError(err.cause)) {
      // Not an engine error (those are told in full by the explanation below): keep its stack for the bug report.
      ctx.log.error(`Command ${id} failed:`, err.cause instanceof Error ? err.cause : String(err.cause));
    }
    const { report, entry } = await explainFailure(ctx, err);
    const { profile } = err;
    const actions = failureActions({
      entryActions: entry?.actions,
      code: report.code,
      operationActions: err.options.actions,
      retry: RETRY_ACTION[err.operation],
      canCheckConsent: profile.consentDetailsEndpoint !== undefined,
    });
    offerActions({
      severity: 'error',
      message: report.message,
      profileId: profile.id,
      retry: () => vscode.commands.executeCommand(id, err.options.retryArgs ?? { profileId: profile.id }),
      actions,
    });
    const failed: OperationResult = { ok: false, profileId: profile.id, failure: report };
    return err.options.resultOf ? err.options.resultOf(report) : failed;
  }
  ctx.log.error(`Command ${id} failed:`, err instanceof Error ? err : String(err));
  const entry = await entryOf(err);
  if (entry) {
    logEntry(ctx.log, entry);
  }
  offerActions({
    severity: 'error',
    message: describeError(err, await entryFixesOf(err)),
    actions: entry?.actions ?? [],
  });
  return undefined;
}

/** The text port failures are rendered with: VS Code's l10n, or another one a test run installs. */
let failureTranslate: Translate = vscodeTranslate;

/**
 * Renders the failures the boundary shows and records through `translate` from now on (VS Code's l10n again when
 * none is given). For the extension's own tests only: the host runs in English, so a test needs another language to
 * see that a notification is rendered from the engine's sentences rather than copied from its English.
 */
export function renderFailuresWith(translate?: Translate): void {
  failureTranslate = translate ?? vscodeTranslate;
}

/**
 * One short sentence for a notification, in the user's language: the error's own message, never its stack. An engine
 * error that carries a fix ends with a step the user can take now: its own fix when that is one, else one of its
 * catalog entry's fixes.
 */
export function describeError(err: unknown, entryFixes: EntryFixes | readonly string[] = []): string {
  const shown = shownError(err, failureTranslate);
  if (shown) {
    const own = ownFix(shown);
    const fix = own && fixToShow(own, entryFixes, [shown.englishMessage], failureTranslate);
    return withoutLinks(fix ? `${shown.message} ${fix}` : shown.message);
  }
  return vscode.l10n.t('Something went wrong. See the OAuth Workbench log for details.');
}

/** An error's own fix, in English for the checks and rendered for the user. */
function ownFix(shown: ShownError | undefined): { english: string; shown: string } | undefined {
  return shown?.englishFix === undefined
    ? undefined
    : { english: shown.englishFix, shown: shown.fix ?? shown.englishFix };
}

/** The action that does the same as "Retry" for each operation, so it is not offered twice. */
const RETRY_ACTION: Record<FailedOperation, KnowledgeActionKind | undefined> = {
  signIn: 'signIn',
  refresh: 'refreshToken',
  revoke: undefined,
  checkConsent: 'checkConsent',
};

/** The sentence a failure notification starts with, per operation: "Sign-in of "{profile}" failed: {message}". */
function failedSentence(
  operation: FailedOperation,
  translate: Translate,
  label: string,
  message: string,
): string {
  switch (operation) {
    case 'signIn':
      return translate('Sign-in of "{0}" failed: {1}', label, message);
    case 'refresh':
      return translate('Token refresh of "{0}" failed: {1}', label, message);
    case 'revoke':
      return translate('Revocation of "{0}" failed: {1}', label, message);
    case 'checkConsent':
      return translate('Consent check of "{0}" failed: {1}', label, message);
  }
}

/**
 * Explains a failed operation with the knowledge base (loaded now, on first failure): builds the message, logs it and
 * the entry, and records it as the profile's last failure. Used by the boundary and by background work that reports
 * through it (auto-refresh).
 */
export async function explainFailure(
  ctx: CommandContext,
  err: OperationFailedError,
): Promise<{ readonly report: FailureReport; readonly entry?: KnowledgeEntry }> {
  const cause = err.cause;
  const engineError = isOAuthWorkbenchError(cause) ? cause : undefined;
  const entry = await entryOf(engineError);
  const title = entry?.title;
  const likely = entry?.causes[0]?.text;
  const translate = failureTranslate;
  const shown = shownError(cause, translate);
  // The message ends with a step the user can take now, never a retelling of the cause (see core/knowledge/fixText).
  const english = await entryOf(engineError, true);
  const fix = fixToShow(
    engineError ? ownFix(shown) : undefined,
    { english: english?.fixes ?? [], shown: entry?.fixes ?? [] },
    [err.message, ...(english?.causes.map((c) => c.text) ?? [])],
    translate,
  );
  const parts = [failedSentence(err.operation, translate, err.profile.label, shown?.message ?? err.message)];
  if (title) {
    parts.push(`[${title}]`);
  }
  if (likely) {
    parts.push(translate('Likely cause: {0}', stripMarkdown(likely)));
  }
  parts.push(translate('Fix: {0}', stripMarkdown(fix)));
  // Quotes the server (error_description): no link it planted may become clickable in a notification or tooltip.
  const message = withoutLinks(singleSpaced(parts.join(' ')));
  ctx.log.error(message);
  if (entry) {
    logEntry(ctx.log, entry);
  }
  const problem = problemOfFailure(
    {
      operation: err.operation,
      error: engineError?.error,
      catalogId: engineError?.catalogId,
      usesClientSecret: err.profile.token_endpoint_auth_method !== 'none',
    },
    Date.now(),
  );
  ctx.status.recordFailure(err.profile.id, { message, catalogId: engineError?.catalogId, problem });
  const report: FailureReport = {
    code: engineError?.code,
    catalogId: engineError?.catalogId,
    title,
    cause: likely,
    fix,
    message,
  };
  return { report, entry };
}

/** A notification from the boundary: the message, then Retry, the actions, Show Log and Edit Profile as given. */
export interface FailureNotice {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Passed to each action's command as `{ profileId }`; without it the command lets the user pick. */
  readonly profileId?: string;
  readonly retry?: () => unknown;
  readonly actions: readonly KnowledgeActionKind[];
  /** Default true. */
  readonly showLog?: boolean;
}

/** Shows a notice with its actions (mapped to commands by the one table) and does not wait for the user. */
export function offerActions(notice: FailureNotice): void {
  const buttons = new Map<string, () => unknown>();
  if (notice.retry) {
    buttons.set(vscode.l10n.t('Retry'), notice.retry);
  }
  const run = (kind: KnowledgeActionKind) => () =>
    vscode.commands.executeCommand(
      KNOWLEDGE_ACTION_COMMANDS[kind],
      ...(notice.profileId !== undefined ? [{ profileId: notice.profileId }] : []),
    );
  const last = notice.actions.filter((kind) => kind === 'editProfile');
  for (const kind of notice.actions.filter((k) => k !== 'editProfile')) {
    buttons.set(actionButton(kind), run(kind));
  }
  if (notice.showLog ?? true) {
    buttons.set(vscode.l10n.t('Show Log'), () => vscode.commands.executeCommand(CommandIds.showLog));
  }
  for (const kind of last) {
    buttons.set(actionButton(kind), run(kind));
  }
  const shown =
    notice.severity === 'error'
      ? vscode.window.showErrorMessage(notice.message, ...buttons.keys())
      : vscode.window.showWarningMessage(notice.message, ...buttons.keys());
  void shown.then((choice) => {
    if (choice) {
      void buttons.get(choice)?.();
    }
  });
}

/**
 * The knowledge base entry an error's catalog id names, if any, in the user's language or (`inEnglish`) in English,
 * which the fix checks read: a translated fix starts with no verb they know. The catalog is loaded on the first failure.
 */
async function entryOf(err: unknown, inEnglish = false): Promise<KnowledgeEntry | undefined> {
  const catalogId = isOAuthWorkbenchError(err) ? err.catalogId : undefined;
  if (!catalogId) {
    return undefined;
  }
  const { KnowledgeBase } = await import('../core/knowledge/knowledgeBase.js');
  return (inEnglish ? KnowledgeBase.shippedInEnglish() : KnowledgeBase.shipped()).get(catalogId);
}

/** An error's catalog fixes in English and in the user's language. */
async function entryFixesOf(err: unknown): Promise<EntryFixes> {
  const [entry, english] = await Promise.all([entryOf(err), entryOf(err, true)]);
  return { english: english?.fixes ?? [], shown: entry?.fixes ?? [] };
}

function logEntry(log: vscode.LogOutputChannel, entry: KnowledgeEntry): void {
  // Titles and texts may end in a full stop already: one per sentence, never "..".
  log.info(
    singleSpaced(
      `${entry.id}: ${asSentence(entry.title)} Causes: ${asSentence(entry.causes.map((c) => c.text).join(' | '))} Fixes: ${asSentence(entry.fixes.join(' | '))} See ${entry.link.url}`,
    ),
  );
}

function stripMarkdown(text: string): string {
  return text.replace(/`/g, '').replace(/\*\*/g, '');
}
