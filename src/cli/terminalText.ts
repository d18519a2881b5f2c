/**
 * What the CLI prints comes partly from others: a server's `error_description`, the contents and names of the files
 * it lints. A terminal obeys control characters in that text (ESC sequences clear the screen, set the title, or write
 * the clipboard with OSC 52; C1 controls act as ESC on some terminals) and bidi controls reorder what is shown. So every
 * byte the CLI writes goes through {@link terminalSafeIo}, which spells such characters out as `\uXXXX`: readable
 * text, and a valid escape inside a JSON string, so `--format json` and SARIF output stay valid JSON.
 */
import { CliIo } from './cliIo';

/**
 * C0 controls except tab and line feed, DEL, C1 controls, the bidi marks, embeddings, overrides and isolates, and the
 * Unicode line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** `text` with every character a terminal would act on, rather than show, written as `\uXXXX`. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same I/O, with everything written to stdout and stderr passed through {@link escapeForTerminal}. */
export function terminalSafeIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(escapeForTerminal(text)),
    stderr: (text) => io.stderr(escapeForTerminal(text)),
  };
}
