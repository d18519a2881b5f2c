import * as vscode from 'vscode';
import { CommandIds } from '../constants';
import { withoutLinks } from './notificationText';
import { refuseUntrusted } from './workspaceTrust';

/** What every command handler may rely on at the error boundary. */
export interface CommandContext {
  readonly log: vscode.LogOutputChannel;
}

/**
 * Registers a command behind the one error boundary: failures are logged in full, the user sees a short message with
 * a "Show Log" action, and cancellation stays silent. No stack trace ever reaches a notification.
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
      if (err instanceof vscode.CancellationError) {
        return undefined;
      }
      ctx.log.error(`Command ${id} failed:`, err instanceof Error ? err : String(err));
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showErrorMessage(describeError(err), showLog).then((choice) => {
        if (choice === showLog) {
          void vscode.commands.executeCommand(CommandIds.showLog);
        }
      });
      return undefined;
    }
  });
}

/** One short sentence for a notification: the error's own message, never its stack. */
export function describeError(err: unknown): string {
  if (err instanceof Error && err.message) {
    // Engine errors carry one plain sentence saying what to do; it belongs next to what went wrong.
    const fix = (err as { fix?: unknown }).fix;
    return withoutLinks(typeof fix === 'string' && fix !== '' ? `${err.message} ${fix}` : err.message);
  }
  return vscode.l10n.t('Something went wrong. See the OAuth Workbench log for details.');
}
