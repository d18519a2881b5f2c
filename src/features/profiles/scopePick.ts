import * as vscode from 'vscode';
import { describeScope, isScopeToken } from '../../core/profiles/scopeDescriptions';
import { pickStep, QuickInputFactory, StepPosition } from '../../platform/quickInputSteps';

export type ScopeItem = vscode.QuickPickItem & { readonly scope: string };

/**
 * The scope step of Add Profile: the preset's known scopes, each with what it allows, plus any scope the user types
 * (Enter with text in the box adds it, checked; Enter on an empty box confirms). The checked scopes survive every
 * change of the list, so typing or pressing Enter never loses what was already chosen.
 */
export async function pickScopes(
  factory: QuickInputFactory,
  position: StepPosition,
  known: readonly string[],
  initial: readonly string[] | undefined,
): Promise<string[]> {
  let pick: vscode.QuickPick<ScopeItem> | undefined;
  const wrapped: QuickInputFactory = {
    createInputBox: () => factory.createInputBox(),
    createQuickPick: <T extends vscode.QuickPickItem>() => {
      const created = factory.createQuickPick<T>();
      pick = created as unknown as vscode.QuickPick<ScopeItem>;
      return created;
    },
  };
  const all = [...known, ...(initial ?? []).filter((scope) => !known.includes(scope))];
  const items = all.map(itemOf);
  const chosen = await pickStep(wrapped, position, {
    placeholder: vscode.l10n.t(
      'Scopes to ask consent for: Space checks one, typing a name and Enter adds it, Enter alone confirms',
    ),
    items,
    canSelectMany: true,
    selected: items.filter((item) => initial?.includes(item.scope)),
    matchOnDetail: true,
    validate: (selected) => {
      const typed = pick?.value.trim() ?? '';
      if (typed !== '' && pick) {
        return addTyped(pick, typed);
      }
      return selected.length === 0 ? vscode.l10n.t('Check at least one scope, or type one.') : undefined;
    },
  });
  return chosen.map((item) => item.scope);
}

function itemOf(scope: string): ScopeItem {
  const detail = describeScope(scope);
  return { label: scope, scope, ...(detail ? { detail } : { description: vscode.l10n.t('typed scope') }) };
}

/**
 * Checks the typed scopes (adding the unknown ones to the list) and clears the box; returns a message that keeps
 * the step open, so the user sees what was added before confirming.
 */
function addTyped(pick: vscode.QuickPick<ScopeItem>, typed: string): string {
  const tokens = typed.split(/\s+/);
  const invalid = tokens.find((token) => !isScopeToken(token));
  if (invalid !== undefined) {
    return vscode.l10n.t('"{0}" cannot be a scope: no quotes or backslashes.', invalid);
  }
  // A partial name that the filter narrowed to one known scope means that scope.
  const [active] = pick.activeItems;
  const names =
    tokens.length === 1 &&
    !pick.items.some((item) => item.scope === tokens[0]) &&
    active?.scope.includes(tokens[0])
      ? [active.scope]
      : tokens;
  const keep = new Set([...pick.selectedItems.map((item) => item.scope), ...names]);
  const items = [
    ...pick.items,
    ...names.filter((n) => !pick.items.some((item) => item.scope === n)).map(itemOf),
  ];
  pick.items = items;
  pick.selectedItems = items.filter((item) => keep.has(item.scope));
  pick.value = '';
  return vscode.l10n.t('Added {0}. Enter confirms the checked scopes.', names.join(' '));
}
