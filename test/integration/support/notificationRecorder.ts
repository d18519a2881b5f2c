import * as vscode from 'vscode';

/** One message the extension showed: its kind, text and the action titles offered. */
export interface RecordedNotification {
  readonly kind: string;
  readonly text: string;
}

type Window = typeof vscode.window;
const WRAPPED = [
  'showErrorMessage',
  'showWarningMessage',
  'showInformationMessage',
  'setStatusBarMessage',
  'withProgress',
] as const;

/**
 * Records every notification, status-bar message and progress title the extension shows while installed. Test-side
 * only: the extension host gives the tests and the extension under test the same `vscode` API object, so wrapping its
 * `window` functions here sees the extension's calls, which still go through to VS Code unchanged.
 */
export class NotificationRecorder {
  readonly seen: RecordedNotification[] = [];
  private readonly originals = new Map<string, unknown>();

  install(): this {
    const target = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of WRAPPED) {
      const original = target[name];
      this.originals.set(name, original);
      target[name] = (...args: unknown[]) => {
        this.seen.push({ kind: name, text: describe(name, args) });
        if (name === 'withProgress' && typeof args[1] === 'function') {
          // Progress messages reported while the task runs are notification text too.
          const task = args[1] as (
            progress: vscode.Progress<{ message?: string }>,
            token: unknown,
          ) => unknown;
          args[1] = (progress: vscode.Progress<{ message?: string }>, token: unknown) =>
            task(
              {
                report: (value) => {
                  this.seen.push({ kind: 'progress', text: value.message ?? '' });
                  progress.report(value);
                },
              },
              token,
            );
        }
        return original.apply(vscode.window, args);
      };
    }
    return this;
  }

  dispose(): void {
    const target = vscode.window as unknown as Record<string, unknown>;
    for (const [name, original] of this.originals) {
      target[name] = original;
    }
    this.originals.clear();
  }

  /** Everything recorded, as one text to search. */
  text(): string {
    return this.seen.map((n) => `${n.kind}: ${n.text}`).join('\n');
  }
}

function describe(name: (typeof WRAPPED)[number] & keyof Window, args: unknown[]): string {
  if (name === 'withProgress') {
    const options = args[0] as vscode.ProgressOptions;
    return String(options.title ?? '');
  }
  // The message, then the action items (strings or MessageItem objects) or options.
  return args.map((arg) => (typeof arg === 'string' ? arg : (JSON.stringify(arg) ?? ''))).join(' | ');
}
