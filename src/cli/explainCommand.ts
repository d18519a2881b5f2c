import { entryText } from '../core/knowledge/entryText';
import { KnowledgeBase } from '../core/knowledge/knowledgeBase';
import { CliIo, CliUsageError } from './cliIo';

/** Printed for `explain --help`. */
export const EXPLAIN_USAGE = `Usage: oauth-workbench explain ID
       oauth-workbench explain - [--url URL] [--grant-type TYPE] [--status CODE] [--format text|json]

Prints what an OAuth Workbench diagnostic id means: title, causes, fixes and guide errata.
Ids look like rabobank.token.invalid-code, oauth.token.invalid_grant or berlingroup.CONSENT_EXPIRED.
With "-" it reads a server's answer from standard input and explains it instead ("explain - --help" says more).
`;

/** `oauth-workbench explain ID`: the knowledge-base entry behind a diagnostic code, as text; `explain -`: an answer. */
export function runExplainCommand(args: readonly string[], io: CliIo): number | Promise<number> {
  const [id, ...rest] = args;
  if (id === '-') {
    // Loaded only here: reading an answer takes the whole linter, which `explain ID` does not need.
    return import('./explainAnswerCommand.js').then((m) => m.runExplainAnswerCommand(rest, io));
  }
  if (id === '--help' || id === '-h') {
    io.stdout(EXPLAIN_USAGE);
    return 0;
  }
  if (id === undefined || rest.length > 0) {
    throw new CliUsageError(
      'explain: give exactly one id, e.g. "oauth-workbench explain oauth.token.invalid_grant".',
    );
  }
  const kb = KnowledgeBase.create();
  const entry = kb.get(id) ?? kb.all().find((e) => e.id.toLowerCase() === id.toLowerCase());
  if (!entry) {
    const near = kb
      .all()
      .map((e) => e.id)
      .filter((known) => known.toLowerCase().includes(id.toLowerCase()))
      .slice(0, 8);
    const hint = near.length > 0 ? ` Did you mean: ${near.join(', ')}?` : '';
    throw new CliUsageError(`explain: no entry with id "${id}".${hint}`);
  }
  io.stdout(entryText(entry, kb));
  return 0;
}
