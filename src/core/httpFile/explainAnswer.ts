import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { ErrorPlace, HoverActionKind } from '../knowledge/knowledgeEntry';
import { rankCauses } from './hoverContent';
import { DiagnosticSeverity, HttpDiagnostic } from './httpDiagnostic';
import { lintHttpFile } from './httpFileDiagnostics';
import { LineIndex } from './lineIndex';
import { parseHttpFile } from './parseHttpFile';
import { EndpointKind, ProviderKind, resolveRequestContext } from './requestContext';

/**
 * What the caller knows about the request an answer came back to. The answer alone is often ambiguous (Rabobank's
 * `invalid_grant` means a bad code or a spent refresh token depending on the grant), so these decide between readings.
 */
export interface AnswerHints {
  /** The URL the request went to: decides the endpoint kind and the provider. */
  readonly url?: string;
  /** The status, for an answer pasted without its status line; the answer's own status line wins. */
  readonly status?: number;
  /** The `grant_type` of a token request. */
  readonly grantType?: string;
  /** The request method; POST when a grant type is given, else GET. */
  readonly method?: string;
}

/** One finding in an answer, with everything the catalog says about it, ranked for the request's context. */
export interface AnswerFinding {
  readonly id: string;
  readonly severity: DiagnosticSeverity;
  /** The catalog title, plus any detail the finding adds (e.g. an unregistered error value). */
  readonly message: string;
  readonly title: string;
  readonly summary: string;
  readonly place: ErrorPlace | undefined;
  /** The status the finding was seen with, when known. */
  readonly status: number | undefined;
  /** Zero-based line in the answer text; undefined when only a hint (such as the status) produced the finding. */
  readonly line: number | undefined;
  /** What the server itself wrote (`error_description` and the like). */
  readonly serverText: string | undefined;
  /** Most likely first, for the request's grant type and endpoint. */
  readonly causes: readonly string[];
  readonly fixes: readonly string[];
  readonly errata: readonly { readonly title: string; readonly text: string }[];
  /** Other readings the request did not rule out. */
  readonly alternatives: readonly { readonly id: string; readonly title: string }[];
  readonly actions: readonly HoverActionKind[];
  readonly requiredScopes: readonly string[];
  readonly link: { readonly title: string; readonly url: string } | undefined;
}

/** The explanation of one answer. */
export interface AnswerExplanation {
  /** The status from the answer's (first) status line or from the hints. */
  readonly status: number | undefined;
  readonly endpoint: EndpointKind;
  readonly provider: ProviderKind;
  readonly grantType: string | undefined;
  readonly findings: readonly AnswerFinding[];
}

/** A hint that cannot be part of a request line or form body; the message names the hint and never echoes secrets. */
export class InvalidAnswerHintError extends Error {
  public readonly code = 'ANSWER_HINT_INVALID';
  constructor(
    public readonly hint: 'url' | 'status' | 'grantType' | 'method',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidAnswerHintError';
  }
}

const STATUS_LINE = /^\s*HTTP\/[\d.]+\s+(\d{3})(?:\s|$)/;
/** `Name: value`, the shape of a header line. */
const HEADER_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:/;
const GRANT_TYPE = /^[A-Za-z0-9_.:~/-]{1,200}$/;
const METHOD = /^[A-Za-z]{1,20}$/;
/** Answers beyond this size are cut: no error answer is this long, and the linter's cost grows with the text. */
export const MAX_ANSWER_LENGTH = 1_000_000;

/**
 * Explains an answer (a status line and headers, both optional, then a body) the way the `.http` diagnostics would
 * explain it under a request: it builds a small `.http` text from the hints and the answer and runs the same linter,
 * so the catalog ids, causes and actions cannot drift apart from the editor's.
 */
export function explainAnswer(answer: string, hints: AnswerHints, kb: KnowledgeBase): AnswerExplanation {
  const text = answer.length > MAX_ANSWER_LENGTH ? answer.slice(0, MAX_ANSWER_LENGTH) : answer;
  const doc = synthesize(text, checkedHints(hints));
  const diagnostics = lintHttpFile(doc.text, kb).filter((d) => d.range.start.line >= doc.requestLines);
  const findings = diagnostics.map((d) => toFinding(d, doc, kb));
  const file = parseHttpFile(doc.text.slice(0, doc.requestLength));
  const ctx = resolveRequestContext(file, file.blocks[0]?.request);
  return {
    status: doc.status,
    endpoint: ctx.endpoint,
    provider: ctx.provider,
    grantType: ctx.grantType,
    findings,
  };
}

interface SynthesizedDocument {
  readonly text: string;
  /** Lines before the answer's first line that belong to the request (their findings are pre-flight lints). */
  readonly requestLines: number;
  /** For each line of {@link text}: the answer's line, or -1 for a line the explanation added. */
  readonly answerLine: readonly number[];
  /** Length of the request part of {@link text}. */
  readonly requestLength: number;
  readonly status: number | undefined;
}

function checkedHints(hints: AnswerHints): AnswerHints {
  if (hints.url !== undefined && !/^[^\s{}]{1,4000}$/.test(hints.url)) {
    throw new InvalidAnswerHintError('url', 'The URL hint must be one URL without spaces or {{variables}}.');
  }
  if (
    hints.status !== undefined &&
    !(Number.isInteger(hints.status) && hints.status >= 100 && hints.status <= 599)
  ) {
    throw new InvalidAnswerHintError('status', 'The status hint must be a number from 100 to 599.');
  }
  if (hints.grantType !== undefined && !GRANT_TYPE.test(hints.grantType)) {
    throw new InvalidAnswerHintError(
      'grantType',
      'The grant type hint must be one grant_type value, e.g. authorization_code or refresh_token.',
    );
  }
  if (hints.method !== undefined && !METHOD.test(hints.method)) {
    throw new InvalidAnswerHintError('method', 'The method hint must be an HTTP method such as GET or POST.');
  }
  return hints;
}

/**
 * The `.http` text the linter reads: a request from the hints, then the answer. An answer without a status line gets
 * the hinted one; without either, its lines become comment lines, which the linter scans for JSON error payloads with
 * the request's context but no status.
 */
function synthesize(answer: string, hints: AnswerHints): SynthesizedDocument {
  const lines: string[] = [];
  const answerLine: number[] = [];
  const add = (line: string, from: number) => {
    lines.push(line);
    answerLine.push(from);
  };
  if (hints.url !== undefined || hints.grantType !== undefined) {
    const method = hints.method?.toUpperCase() ?? (hints.grantType !== undefined ? 'POST' : 'GET');
    add(`${method} ${hints.url ?? '/'}`, -1);
    if (hints.grantType !== undefined) {
      add('Content-Type: application/x-www-form-urlencoded', -1);
      add('', -1);
      add(`grant_type=${hints.grantType}`, -1);
    }
    add('', -1);
  }
  const requestLines = lines.length;
  const requestLength = lines.reduce((n, l) => n + l.length + 1, 0);
  const index = new LineIndex(answer);
  const own: string[] = [];
  for (let i = 0; i < index.lineCount; i++) {
    own.push(answer.slice(index.starts[i], index.ends[i]));
  }
  const firstLine = own.findIndex((l) => l.trim() !== '');
  const ownStatus = firstLine >= 0 ? STATUS_LINE.exec(own[firstLine])?.[1] : undefined;
  const status = ownStatus !== undefined ? Number(ownStatus) : hints.status;
  if (ownStatus === undefined && status !== undefined) {
    add(`HTTP/1.1 ${status}`, -1);
    if (firstLine >= 0 && !HEADER_LINE.test(own[firstLine])) {
      add('', -1);
    }
  }
  const asComments = status === undefined;
  own.forEach((line, i) => {
    if (asComments) {
      add(`# ${line}`, i);
    } else if (/^\s*###/.test(line)) {
      // A separator would cut the answer off from its request; the line carries no error shape anyway.
      add('', i);
    } else {
      add(line, i);
    }
  });
  return {
    text: lines.join('\n'),
    requestLines,
    answerLine,
    requestLength,
    status,
  };
}

function toFinding(d: HttpDiagnostic, doc: SynthesizedDocument, kb: KnowledgeBase): AnswerFinding {
  const entry = kb.get(d.code);
  const line = doc.answerLine[d.range.start.line];
  return {
    id: d.code,
    severity: d.severity,
    message: d.message,
    title: entry?.title ?? d.message,
    summary: entry?.summary ?? '',
    place: entry?.place,
    status: d.data.status ?? doc.status,
    line: line >= 0 ? line : undefined,
    serverText: d.data.serverText,
    causes: entry ? rankCauses(entry.causes, d.data.grantType, d.data.endpoint).map((c) => c.text) : [],
    fixes: entry?.fixes ?? [],
    errata: entry ? kb.errataOf(entry).map((e) => ({ title: e.title, text: e.text })) : [],
    alternatives: d.data.alternatives.flatMap((id) => {
      const alt = kb.get(id);
      return alt ? [{ id, title: alt.title }] : [];
    }),
    actions: entry?.actions ?? [],
    requiredScopes: d.data.requiredScopes,
    link: entry?.link,
  };
}
