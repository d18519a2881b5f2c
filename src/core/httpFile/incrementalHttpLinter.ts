import { KnowledgeBase } from '../knowledge/knowledgeBase';
import {
  BlockSecrets,
  FileSecrets,
  NO_SECRETS,
  SecretsReader,
  markUndecided,
  mergeBlockSecrets,
  secretsOfBlockText,
  undecidedQuestion,
} from './clientSecrets';
import { HttpDiagnostic } from './httpDiagnostic';
import { Range } from './lineIndex';
import { diagnoseParsedFile, lintHttpFile, usesVariables } from './httpFileDiagnostics';
import { LintContext } from './lintContext';
import { HttpFile, parseHttpFile } from './parseHttpFile';

interface BlockResult {
  /** The block's text, which decides whether the result can be reused. */
  readonly text: string;
  /** Line breaks inside the block's text: how far it moves the blocks after it. */
  readonly lineBreaks: number;
  /** The block's `@name = value` definitions (last one per name). */
  readonly variables: readonly (readonly [string, string])[];
  /** Whether its diagnostics depend on the file variables (a request URL uses one). */
  readonly usesVariables: boolean;
  /** What the block's authorization request tells about its client, read when it is diagnosed. */
  read: BlockSecrets;
  /** Whether the block may name a client's secret (known once it is diagnosed). */
  mayNameSecret: boolean;
  /** What it names, read from its text the first time a lint asks for a secret; dropped when it is diagnosed again. */
  secrets: BlockSecrets | undefined;
  /**
   * Whether {@link diagnostics} hold findings that stand only if the whole file says so (a client's secret elsewhere):
   * they are kept undecided and decided again on every lint, against the file as it is then.
   */
  undecided: boolean;
  /** The parse tree, kept only until the block is diagnosed; a later re-diagnosis parses the text again. */
  file: HttpFile | undefined;
  /**
   * In document lines, for the block starting at {@link line}; dropped when the lint context (or a variable it uses)
   * changes. They are what a lint returns, so an unmoved block hands over the same objects again.
   */
  diagnostics: HttpDiagnostic[] | undefined;
  /** The document line the block started at when {@link diagnostics} were made or last moved. */
  line: number;
}

/** What {@link IncrementalHttpLinter} keeps of a block read with the whole document. */
interface ReadBlock {
  readonly startLine: number;
  readonly endLine: number;
  readonly variables: readonly (readonly [string, string])[];
  readonly usesVariables: boolean;
}

const NO_VARIABLES: ReadonlyMap<string, string> = new Map();

/**
 * {@link lintHttpFile} for a document that is edited again and again: the text is cut at `###` separator lines and
 * only blocks whose text changed are parsed and diagnosed again; the others are reused and moved to their new lines.
 * Gives the same result as linting the whole text.
 *
 * Opening a document (or a new lint context) lints the whole text in one read, as {@link lintHttpFile} does, and
 * sorts the diagnostics into their blocks: one read of the whole text costs much less than a parse of each block on
 * its own.
 *
 * After that, blocks are matched by position: the unchanged blocks before an edit keep their index counted from the
 * front, those after it from the back, so an edit compares texts (a native comparison) instead of hashing every
 * block's text into a map. A block that uses no variable is diagnosed as soon as it is parsed, and parse trees are
 * dropped once diagnosed: they die young, and a large document keeps only its diagnostics. Diagnostics are moved
 * (copied) only when lines were added or removed above their block.
 */
export class IncrementalHttpLinter {
  private blocks: BlockResult[] = [];
  private variablesKey = '';
  private lastContext: LintContext | undefined;
  private parsed = 0;
  private diagnosed = 0;

  constructor(private readonly kb: KnowledgeBase) {}

  /**
   * How many blocks this linter has parsed and diagnosed so far, counting every block of a whole read: what the
   * reuse saves, in a measure that does not depend on how busy the machine is.
   */
  get work(): { readonly blocksParsed: number; readonly blocksDiagnosed: number } {
    return { blocksParsed: this.parsed, blocksDiagnosed: this.diagnosed };
  }

  lint(text: string, context: LintContext): HttpDiagnostic[] {
    const whole = this.blocks.length === 0 || context !== this.lastContext;
    if (context !== this.lastContext) {
      this.lastContext = context;
      for (const b of this.blocks) {
        b.diagnostics = undefined;
      }
    }
    const blocks = (whole && this.readWhole(text, context)) || this.match(text, context);
    this.blocks = blocks;

    const variables = new Map<string, string>();
    for (const b of blocks) {
      for (const [name, value] of b.variables) {
        variables.set(name, value);
      }
    }
    const variablesKey = JSON.stringify([...variables]);
    if (variablesKey !== this.variablesKey) {
      this.variablesKey = variablesKey;
      if (!whole) {
        for (const b of blocks) {
          if (b.usesVariables) {
            b.diagnostics = undefined;
          }
        }
      }
    }

    // Every block is diagnosed before any is output: whether a block may name a client's secret is known once it is
    // diagnosed, and the findings that wait for a secret are decided against all blocks.
    let undecided = false;
    for (const b of blocks) {
      if (b.diagnostics === undefined) {
        this.diagnose(b, variables, context);
        b.line = 0;
      }
      undecided ||= b.undecided;
    }
    const secrets = undecided
      ? new FileSecrets(
          blocks.map((b) => b.read),
          () =>
            blocks.map((b) =>
              b.mayNameSecret ? (b.secrets ??= secretsOfBlockText(b.text, variables)) : NO_SECRETS,
            ),
          variables,
        )
      : undefined;
    const out: HttpDiagnostic[] = [];
    let line = 0;
    for (const b of blocks) {
      let diagnostics = b.diagnostics!;
      if (b.line !== line) {
        const by = line - b.line;
        diagnostics = diagnostics.map(b.undecided ? (d) => shiftUndecided(d, by) : (d) => shift(d, by));
        b.diagnostics = diagnostics;
        b.line = line;
      }
      if (b.undecided && secrets) {
        // Decided here, against the whole file as it is now: an edit in another block may add or remove the secret.
        for (const d of diagnostics) {
          const question = undecidedQuestion(d);
          if (question === undefined || secrets.answers(question)) {
            out.push(d);
          }
        }
      } else {
        for (const d of diagnostics) {
          out.push(d);
        }
      }
      line += b.lineBreaks;
    }
    return out;
  }

  /**
   * The results for every block of `text`, from one {@link lintHttpFile} of the whole text: each block's definitions
   * and variable use as the read passes it, and its diagnostics by the lines it spans. The parser and
   * {@link blockSpans} cut at the same lines, so block and cut pair up; should they ever not, the result is undefined
   * and the caller reads block by block instead.
   */
  private readWhole(text: string, context: LintContext): BlockResult[] | undefined {
    // What each block defines and where it lies, not the block: its parse tree can die as soon as it is diagnosed.
    const read: ReadBlock[] = [];
    const secrets = new SecretsReader();
    const diagnostics = lintHttpFile(
      text,
      this.kb,
      context,
      (block) =>
        read.push({
          startLine: block.startLine,
          endLine: block.endLine,
          variables: block.variables,
          usesVariables: usesVariables(block),
        }),
      secrets.sink,
    );
    this.parsed += read.length;
    this.diagnosed += read.length;
    const spans = blockSpans(text);
    // A document that starts with a `###` line has an empty block before it, which no cut stands for.
    const skip = read.length - spans.length;
    if (skip !== 0 && skip !== 1) {
      return undefined;
    }
    const later = new Set(secrets.later.filter((_line, i) => i % 2 === 0));
    const results: BlockResult[] = new Array<BlockResult>(spans.length);
    let next = 0;
    for (let i = 0; i < spans.length; i++) {
      const block = read[i + skip];
      // A cut after the first starts at its `###` line, the line before its block.
      const first = i === 0 ? 0 : block.startLine - 1;
      const last = i + 1 < spans.length ? read[i + 1 + skip].startLine - 2 : block.endLine;
      const own: HttpDiagnostic[] = [];
      while (next < diagnostics.length && diagnostics[next].range.start.line <= last) {
        own.push(diagnostics[next++]);
      }
      results[i] = {
        text: text.slice(spans[i][0], spans[i][1]),
        lineBreaks: last - first + (i + 1 < spans.length ? 1 : 0),
        variables: block.variables,
        usesVariables: block.usesVariables,
        read: secrets.read.get(block.startLine) ?? NO_SECRETS,
        mayNameSecret: later.has(block.startLine),
        secrets: undefined,
        undecided: own.some(isUndecided),
        file: undefined,
        diagnostics: own,
        line: first,
      };
    }
    return results;
  }

  /** The results for `text`'s blocks: reused where the block's text is unchanged, new (parsed) elsewhere. */
  private match(text: string, context: LintContext): BlockResult[] {
    const spans = blockSpans(text);
    const previous = this.blocks;
    const count = spans.length;
    const blocks: BlockResult[] = new Array<BlockResult>(count);
    const sliceOf = (i: number) => text.slice(spans[i][0], spans[i][1]);
    let front = 0;
    while (front < count && front < previous.length && previous[front].text === sliceOf(front)) {
      blocks[front] = previous[front];
      front++;
    }
    let back = 0;
    while (
      back < count - front &&
      back < previous.length - front &&
      previous[previous.length - 1 - back].text === sliceOf(count - 1 - back)
    ) {
      blocks[count - 1 - back] = previous[previous.length - 1 - back];
      back++;
    }
    // The changed stretch: a block that only moved (cut and pasted elsewhere) is still found by its text.
    const moved = new Map<string, BlockResult>();
    for (let i = front; i < previous.length - back; i++) {
      moved.set(previous[i].text, previous[i]);
    }
    const afterEdit = previous.length > 0;
    for (let i = front; i < count - back; i++) {
      const slice = sliceOf(i);
      let result = moved.get(slice);
      if (!result) {
        result = parsedBlock(afterEdit ? detached(slice) : slice);
        this.parsed++;
        if (!result.usesVariables) {
          this.diagnose(result, NO_VARIABLES, context);
        }
      }
      blocks[i] = result;
    }
    return blocks;
  }

  /** Fills in the block's diagnostics and secrets. */
  private diagnose(b: BlockResult, variables: ReadonlyMap<string, string>, context: LintContext): void {
    if (b.file === undefined) {
      this.parsed++;
    }
    const file = b.file ?? parseHttpFile(b.text);
    b.file = undefined;
    this.diagnosed++;
    const secrets = new SecretsReader();
    b.diagnostics = diagnoseParsedFile(
      { text: file.text, lines: file.lines, blocks: file.blocks, variables },
      this.kb,
      context,
      secrets.sink,
    );
    b.read = mergeBlockSecrets([...secrets.read.values()]);
    b.mayNameSecret = secrets.later.length > 0;
    b.secrets = undefined;
    b.undecided = b.diagnostics.some(isUndecided);
  }
}

function parsedBlock(text: string): BlockResult {
  const file = parseHttpFile(text);
  return {
    text,
    lineBreaks: file.lines.lineCount - 1,
    variables: [...file.variables],
    usesVariables: file.blocks.some(usesVariables),
    read: NO_SECRETS,
    mayNameSecret: false,
    secrets: undefined,
    undecided: false,
    file,
    diagnostics: undefined,
    line: 0,
  };
}

/**
 * A copy of a block's text that does not keep the whole document alive. Engines represent a slice as a view of its
 * parent string, so a block re-read after an edit would otherwise hold on to that version of the document for as long
 * as the block stays unchanged: with a 1 MB document, 2 MB per edited block.
 */
function detached(slice: string): string {
  return `\n${slice}`.slice(1);
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

/**
 * The diagnostic moved down by `lines`. Written out field by field: object spread of these objects is slow on V8, and
 * every diagnostic after the first block is moved on every lint.
 */
function shift(d: HttpDiagnostic, lines: number): HttpDiagnostic {
  const data = d.data;
  return {
    range: moveRange(d.range, lines),
    code: d.code,
    severity: d.severity,
    message: d.message,
    data:
      data.fixes.length === 0
        ? data
        : {
            endpoint: data.endpoint,
            provider: data.provider,
            grantType: data.grantType,
            status: data.status,
            alternatives: data.alternatives,
            requiredScopes: data.requiredScopes,
            profileName: data.profileName,
            profileId: data.profileId,
            serverText: data.serverText,
            fixes: data.fixes.map((f) => ({
              title: f.title,
              edits: f.edits.map((e) => ({ range: moveRange(e.range, lines), newText: e.newText })),
              isPreferred: f.isPreferred,
            })),
          },
  };
}

const isUndecided = (d: HttpDiagnostic) => undecidedQuestion(d) !== undefined;

/** {@link shift} for a diagnostic that may wait for the file: the moved copy waits for the same answer. */
function shiftUndecided(d: HttpDiagnostic, lines: number): HttpDiagnostic {
  const moved = shift(d, lines);
  const question = undecidedQuestion(d);
  if (question !== undefined) {
    markUndecided(moved, question);
  }
  return moved;
}

function moveRange(r: Range, lines: number): Range {
  return {
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  };
}
