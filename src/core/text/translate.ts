/**
 * The text port of core: core builds user-facing text through a `Translate` it is given, so the extension can pass
 * VS Code's l10n (`src/platform/vscodeTranslate.ts`) and the CLI and the tests plain English. Every message is a
 * string literal passed to a parameter named `translate`: `node scripts/l10n.mjs` collects those calls into the
 * l10n bundle next to the `vscode.l10n.t` ones, so keep both the literal and the name.
 */

/** A message with `{0}`, `{1}` … placeholders, and the values for them, in the user's language. */
export type Translate = (message: string, ...args: (string | number)[]) => string;

/** The message itself, in English, with its placeholders filled: what VS Code shows when no translation exists. */
export const english: Translate = (message, ...args) =>
  // Most messages have no values: they need no search for placeholders (lints render one per finding).
  args.length === 0
    ? message
    : message.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
        const value = args[Number(index)];
        return value === undefined ? placeholder : String(value);
      });
