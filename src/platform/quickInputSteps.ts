import * as vscode from 'vscode';

/**
 * Where quick inputs come from. Defaults to `vscode.window`; a test passes a factory that hands it the real
 * QuickPick / InputBox the command created, so it can fill them in and accept them like a user.
 */
export interface QuickInputFactory {
  createQuickPick<T extends vscode.QuickPickItem>(): vscode.QuickPick<T>;
  createInputBox(): vscode.InputBox;
}

/** Thrown when the user pressed the Back button of a step. */
export class BackError extends Error {
  constructor() {
    super('back');
    this.name = 'BackError';
  }
}

/** What every step shows in its title bar. */
export interface StepPosition {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
}

/** Validation result of an input step: `undefined` accepts; an Error-severity message blocks. */
export type StepValidation = string | vscode.InputBoxValidationMessage | undefined;

/** One text step with inline validation; resolves to the accepted value, rejects with Back or CancellationError. */
export function inputStep(
  factory: QuickInputFactory,
  position: StepPosition,
  options: {
    readonly prompt: string;
    readonly value?: string;
    readonly placeholder?: string;
    readonly password?: boolean;
    readonly validate: (value: string) => StepValidation | Promise<StepValidation>;
    /** A slower check run only on Enter (e.g. fetching a discovery document). */
    readonly validateOnAccept?: (value: string) => Promise<StepValidation>;
  },
): Promise<string> {
  const input = factory.createInputBox();
  applyPosition(input, position);
  input.prompt = options.prompt;
  input.value = options.value ?? '';
  input.placeholder = options.placeholder;
  input.password = options.password ?? false;
  return run(input, (resolve, reject) => {
    let validating = 0;
    const validate = async (value: string): Promise<boolean> => {
      const ticket = ++validating;
      const result = await options.validate(value);
      if (ticket === validating) {
        input.validationMessage = result;
      }
      return !blocks(result);
    };
    return [
      input.onDidChangeValue((value) => void validate(value)),
      input.onDidAccept(async () => {
        input.busy = true;
        input.enabled = false;
        try {
          if (!(await validate(input.value))) {
            return;
          }
          const late = await options.validateOnAccept?.(input.value);
          input.validationMessage = late;
          if (!blocks(late)) {
            resolve(input.value);
          }
        } catch (err) {
          reject(err);
        } finally {
          input.busy = false;
          input.enabled = true;
        }
      }),
    ];
  });
}

/** One pick step; resolves to the chosen items (one unless `canSelectMany`). */
export function pickStep<T extends vscode.QuickPickItem>(
  factory: QuickInputFactory,
  position: StepPosition,
  options: {
    readonly placeholder: string;
    readonly items: readonly T[];
    readonly canSelectMany?: boolean;
    readonly selected?: readonly T[];
    /** Also match the typed filter against each item's detail line. */
    readonly matchOnDetail?: boolean;
    /** Blocks acceptance with a message (e.g. nothing selected). */
    readonly validate?: (items: readonly T[]) => string | undefined;
  },
): Promise<readonly T[]> {
  const pick = factory.createQuickPick<T>();
  applyPosition(pick, position);
  pick.placeholder = options.placeholder;
  pick.items = options.items;
  pick.canSelectMany = options.canSelectMany ?? false;
  pick.matchOnDescription = true;
  pick.matchOnDetail = options.matchOnDetail ?? false;
  if (options.selected && options.selected.length > 0) {
    // A single pick accepts its active item; a multi pick its checked ones.
    if (pick.canSelectMany) {
      pick.selectedItems = options.selected;
    } else {
      pick.activeItems = options.selected;
    }
  }
  return run(pick, (resolve) => [
    pick.onDidAccept(() => {
      const chosen = pick.canSelectMany ? pick.selectedItems : pick.activeItems.slice(0, 1);
      const problem = options.validate?.(chosen);
      if (problem) {
        pick.placeholder = problem;
        return;
      }
      if (chosen.length > 0) {
        resolve(chosen);
      }
    }),
  ]);
}

function applyPosition(
  input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] },
  p: StepPosition,
) {
  input.title = p.title;
  input.step = p.step;
  input.totalSteps = p.totalSteps;
  input.ignoreFocusOut = true;
  input.buttons = p.step > 1 ? [vscode.QuickInputButtons.Back] : [];
}

function run<T, I extends vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>>(
  input: I,
  wire: (resolve: (value: T) => void, reject: (err: unknown) => void) => vscode.Disposable[],
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
        vscode.Disposable.from(...subscriptions).dispose();
        input.dispose();
      }
    };
    const subscriptions = [
      ...wire(
        (value) => settle(() => resolve(value)),
        (err) => settle(() => reject(err)),
      ),
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          settle(() => reject(new BackError()));
        }
      }),
      input.onDidHide(() => settle(() => reject(new vscode.CancellationError()))),
    ];
    input.show();
  });
}

function blocks(result: StepValidation): boolean {
  if (result === undefined || result === '') {
    return false;
  }
  return typeof result === 'string' || result.severity === vscode.InputBoxValidationSeverity.Error;
}
