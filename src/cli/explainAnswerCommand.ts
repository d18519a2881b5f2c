import { parseArgs } from 'node:util';
import { answerText } from '../core/httpFile/answerText';
import {
  AnswerHints,
  explainAnswer,
  InvalidAnswerHintError,
  MAX_ANSWER_LENGTH,
} from '../core/httpFile/explainAnswer';
import { KnowledgeBase } from '../core/knowledge/knowledgeBase';
import { CliIo, CliUsageError } from './cliIo';

/** Printed for `explain - --help`. */
export const EXPLAIN_ANSWER_USAGE = `Usage: oauth-workbench explain - [--url URL] [--grant-type TYPE] [--status CODE]
                                [--method METHOD] [--format text|json]

Reads a server's answer from standard input (a status line and headers, both optional, then the body) and explains
the OAuth error in it, as the editor does under a request in a .http file. For example:
  curl -si -d grant_type=refresh_token … https://oauth.example/token | oauth-workbench explain - --grant-type refresh_token
The hints say what the answer alone may not: the URL the request went to, its grant_type, and the status when the
answer has no status line. Exit status: 0 when the answer was read (whatever was found), 2 on a usage error.
`;

/** Reads standard input to its end, or up to `limit` characters; injected so tests need no real pipe. */
export type ReadStdin = (limit: number) => Promise<string>;

/** `oauth-workbench explain -`: explains an answer piped in, e.g. from `curl -si`. */
export async function runExplainAnswerCommand(
  args: readonly string[],
  io: CliIo,
  readStdin: ReadStdin = readProcessStdin,
): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        url: { type: 'string' },
        'grant-type': { type: 'string' },
        status: { type: 'string' },
        method: { type: 'string' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new CliUsageError(`explain -: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (values.help) {
    io.stdout(EXPLAIN_ANSWER_USAGE);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    throw new CliUsageError('explain -: --format must be text or json.');
  }
  if (values.status !== undefined && !/^\d{3}$/.test(values.status)) {
    throw new CliUsageError('explain -: --status must be a three-digit HTTP status such as 401.');
  }
  const hints: AnswerHints = {
    url: values.url,
    grantType: values['grant-type'],
    status: values.status === undefined ? undefined : Number(values.status),
    method: values.method,
  };
  const raw = await readStdin(MAX_ANSWER_LENGTH);
  const answer = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (answer.trim() === '') {
    throw new CliUsageError(
      'explain -: nothing on standard input. Pipe an answer in, e.g. curl -si … | oauth-workbench explain -',
    );
  }
  let explanation;
  try {
    explanation = explainAnswer(answer, hints, KnowledgeBase.shipped());
  } catch (err) {
    if (err instanceof InvalidAnswerHintError) {
      throw new CliUsageError(`explain -: ${err.message}`);
    }
    throw err;
  }
  io.stdout(
    values.format === 'json' ? `${JSON.stringify(explanation, undefined, 2)}\n` : answerText(explanation),
  );
  return 0;
}

/** Standard input as UTF-8, cut at `limit` characters: an answer longer than that holds nothing more to explain. */
async function readProcessStdin(limit: number): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    process.stderr.write('Paste the answer, then press Ctrl+D (Ctrl+Z and Enter on Windows).\n');
  }
  stdin.setEncoding('utf8');
  let text = '';
  for await (const chunk of stdin) {
    text += chunk as string;
    if (text.length >= limit) {
      stdin.destroy();
      return text.slice(0, limit);
    }
  }
  return text;
}
