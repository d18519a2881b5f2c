import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { HttpDiagnostic } from './httpDiagnostic';
import { diagnoseParsedFile } from './httpFileDiagnostics';
import { LintContext } from './lintContext';
import { HttpFile, parseHttpFile } from './parseHttpFile';

interface BlockResult {
  readonly file: HttpFile;
  /** Line breaks inside the block's text: how far it moves the blocks after it. */
  readonly lineBreaks: number;
  /** Relative to the block's first line; dropped when the file variables or the lint context change. */
  diagnostics: HttpDiagnostic[] | undefined;
}

/**
 * {@link lintHttpFile} for a document that is edited again and again: the text is cut at `###` separator lines and
 * only blocks whose text changed are parsed and diagnosed again; the others are reused and moved to their new lines.
 * Gives the same result as linting the whole text.
 */
export class IncrementalHttpLinter {
  private cache = new Map<string, BlockResult>();
  private variablesKey = '';
  private lastContext: LintContext | undefined;

  constructor(private readonly kb: KnowledgeBase) {}

  lint(text: string, context: LintContext): HttpDiagnostic[] {
    const next = new Map<string, BlockResult>();
    const blocks: BlockResult[] = [];
    for (const [start, end] of blockSpans(text)) {
      const slice = text.slice(start, end);
      let result = next.get(slice) ?? this.cache.get(slice);
      if (!result) {
        const file = parseHttpFile(slice);
        result = { file, lineBreaks: file.lines.lineCount - 1, diagnostics: undefined };
      }
      next.set(slice, result);
      blocks.push(result);
    }
    this.cache = next;

    const variables = new Map<string, string>();
    for (const b of blocks) {
      b.file.variables.forEach((value, name) => variables.set(name, value));
    }
    const variablesKey = JSON.stringify([...variables]);
    if (variablesKey !== this.variablesKey || context !== this.lastContext) {
      this.variablesKey = variablesKey;
      this.lastContext = context;
      next.forEach((b) => (b.diagnostics = undefined));
    }

    const out: HttpDiagnostic[] = [];
    let line = 0;
    for (const b of blocks) {
      b.diagnostics ??= diagnoseParsedFile({ ...b.file, variables }, this.kb, context);
      for (const d of b.diagnostics) {
        out.push(line === 0 ? d : shift(d, line));
      }
      line += b.lineBreaks;
    }
    return out;
  }
}

/** `[start, end)` of each block: a new one begins at every line whose first non-blank characters are `###`. */
export function blockSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let blockStart = 0;
  let from = 0;
  for (;;) {
    const hit = text.indexOf('###', from);
    if (hit < 0) {
      break;
    }
    from = hit + 3;
    let p = hit;
    while (p > 0 && isBlank(text.charCodeAt(p - 1))) {
      p--;
    }
    const c = text.charCodeAt(p - 1);
    if (p === 0 || c === 10 || c === 13) {
      if (p > blockStart) {
        spans.push([blockStart, p]);
        blockStart = p;
      }
    }
  }
  spans.push([blockStart, text.length]);
  return spans;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xfeff;
}

function shift(d: HttpDiagnostic, lines: number): HttpDiagnostic {
  const move = <R extends HttpDiagnostic['range']>(r: R) => ({
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  });
  return {
    ...d,
    range: move(d.range),
    data:
      d.data.fixes.length === 0
        ? d.data
        : {
            ...d.data,
            fixes: d.data.fixes.map((f) => ({
              ...f,
              edits: f.edits.map((e) => ({ ...e, range: move(e.range) })),
            })),
          },
  };
}
