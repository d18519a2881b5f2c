import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { forgetDecodedTokens } from './apiRequestLints';
import { SecretsReader, SecretsSink, markUndecided } from './clientSecrets';
import {
  findChallengeSignatures,
  findJsonSignatures,
  findPageSignature,
  registeredErrorId,
} from './errorSignatures';
import { Finding, FindingFix, NONE, finding } from './finding';
import { parseFormParams } from './formParams';
import { HttpDiagnostic, QuickFix } from './httpDiagnostic';
import { scanJson } from './jsonScanner';
import { EMPTY_LINT_CONTEXT, LintContext, providerOfProfileHost } from './lintContext';
import { CommentRun, HttpBlock, HttpFile, HttpResponse, readHttpFile } from './parseHttpFile';
import { RequestContext, UNKNOWN_CONTEXT, resolveRequestContext, urlUsesVariables } from './requestContext';
import { lintRequestLineInBody, lintRequestlessBlock } from './hygieneLints';
import { rabobankRequiredScopes } from './rabobankScopes';
import { lintRequest } from './requestLints';
import { SourceText } from './sourceText';

/**
 * Everything OAuth Workbench reports on a `.http` document: recorded error responses (bodies, `WWW-Authenticate`,
 * redirects, status lines), payloads pasted in comments, and pre-flight lints on requests. Pure and total: any text
 * yields a (possibly empty) list, with every range inside the document, sorted by position.
 *
 * `onBlock` sees every block (the text between `###` lines) in document order as it is read: the incremental linter
 * keeps what each block defines and uses from the same single read. Findings that depend on the client secrets of
 * the whole file are decided at the end (see `SecretsReader`); with `onSecrets`, they are all kept and every block
 * goes there as it is diagnosed instead (the incremental linter decides them itself).
 */
export function lintHttpFile(
  text: string,
  kb: KnowledgeBase,
  lint: LintContext = EMPTY_LINT_CONTEXT,
  onBlock?: (block: HttpBlock) => void,
  onSecrets?: SecretsSink,
): HttpDiagnostic[] {
  try {
    return lintText(text, kb, lint, onBlock, onSecrets);
  } finally {
    forgetDecodedTokens();
  }
}

function lintText(
  text: string,
  kb: KnowledgeBase,
  lint: LintContext,
  onBlock: ((block: HttpBlock) => void) | undefined,
  onSecrets: SecretsSink | undefined,
): HttpDiagnostic[] {
  // Blocks are diagnosed in small batches as they are read, so their parse trees die young instead of the whole
  // document's tree surviving (and being copied by) every scavenge. A batch rather than each block on its own: reading
  // and diagnosing then each run for a while before the other takes over, instead of taking turns block by block.
  // A block whose URL uses `{{variables}}` waits for the end, because a variable may be defined (or redefined) further
  // down. Only a few wait: past MAX_WAITING, they are let go and read again once the variables are all known, so a file
  // of such requests costs a second read rather than keeping every block of it alive.
  const diagnostics: HttpDiagnostic[] = [];
  let waiting: HttpBlock[] | undefined = [];
  const batch: HttpBlock[] = [];
  const secrets = onSecrets ? undefined : new SecretsReader();
  const sink = onSecrets ?? secrets!.sink;
  const file = readHttpFile(text, (block, partial) => {
    onBlock?.(block);
    if (usesVariables(block)) {
      waiting?.push(block);
      if (waiting && waiting.length > MAX_WAITING) {
        waiting = undefined;
      }
      return;
    }
    batch.push(block);
    if (batch.length === BATCH_SIZE) {
      diagnoseBlocks(partial, batch, kb, lint, diagnostics, sink);
      batch.length = 0;
    }
  });
  diagnoseBlocks(file, batch, kb, lint, diagnostics, sink);
  batch.length = 0;
  if (waiting) {
    for (let i = 0; i < waiting.length; i += BATCH_SIZE) {
      diagnoseBlocks(file, waiting.slice(i, i + BATCH_SIZE), kb, lint, diagnostics, sink);
    }
  } else {
    readHttpFile(text, (block) => {
      if (usesVariables(block)) {
        batch.push(block);
        if (batch.length === BATCH_SIZE) {
          diagnoseBlocks(file, batch, kb, lint, diagnostics, sink);
          batch.length = 0;
        }
      }
    });
    diagnoseBlocks(file, batch, kb, lint, diagnostics, sink);
  }
  const sorted = sortByPosition(diagnostics);
  return secrets ? secrets.decide(sorted, file) : sorted;
}

/** How many blocks that use variables {@link lintHttpFile} keeps until the end before it reads them again instead. */
const MAX_WAITING = 4096;

/** How many blocks {@link lintHttpFile} reads before it diagnoses them; 16 to 512 all did about as well. */
const BATCH_SIZE = 64;

/**
 * Adds the diagnostics of `blocks` to `out`, in three passes over them: contexts, findings, diagnostics. Each pass
 * keeps its own code busy, rather than switching between all three for every block.
 *
 * A block whose diagnosis throws (the file is attacker input, and a lint may have a bug) loses its own diagnostics
 * and nothing else: the other blocks of the file are still diagnosed. Every block also goes to `secrets`, which
 * gathers what the file tells about clients.
 */
function diagnoseBlocks(
  file: HttpFile,
  blocks: readonly HttpBlock[],
  kb: KnowledgeBase,
  lint: LintContext,
  out: HttpDiagnostic[],
  secrets: SecretsSink,
): void {
  const providerOfUrl =
    lint.profiles.length > 0 ? (url: string) => providerOfProfileHost(lint.profiles, url) : undefined;
  const failed = new Uint8Array(blocks.length);
  const contexts = blocks.map((block, i) => {
    try {
      return resolveRequestContext(file, block.request, providerOfUrl);
    } catch {
      failed[i] = 1;
      return UNKNOWN_CONTEXT;
    }
  });
  // One list for the findings of the whole batch, and where each block's findings end in it: a list per block would
  // be an array and its backing store for every block, all of it garbage soon after.
  const findings: Finding[] = [];
  const ends = blocks.map((block, i) => {
    const before = findings.length;
    if (failed[i] === 0) {
      try {
        blockFindings(file, block, contexts[i], lint, findings);
      } catch {
        findings.length = before;
      }
      secrets(block, contexts[i]);
    }
    return findings.length;
  });
  let next = 0;
  for (let i = 0; i < blocks.length; i++) {
    const before = out.length;
    try {
      for (; next < ends[i]; next++) {
        out.push(toDiagnostic(file, findings[next], contexts[i], kb));
      }
    } catch {
      out.length = before;
      next = ends[i];
    }
  }
}

/** {@link lintHttpFile} for an already parsed document. */
export function diagnoseParsedFile(
  file: HttpFile,
  kb: KnowledgeBase,
  lint: LintContext,
  onSecrets?: SecretsSink,
): HttpDiagnostic[] {
  const diagnostics: HttpDiagnostic[] = [];
  const secrets = onSecrets ? undefined : new SecretsReader();
  try {
    diagnoseBlocks(file, file.blocks, kb, lint, diagnostics, onSecrets ?? secrets!.sink);
  } finally {
    forgetDecodedTokens();
  }
  const sorted = sortByPosition(diagnostics);
  return secrets ? secrets.decide(sorted, file) : sorted;
}

/** Whether the block's findings depend on file variables: only the request URL is resolved against them. */
export function usesVariables(block: HttpBlock): boolean {
  return block.request !== undefined && urlUsesVariables(block.request);
}

function sortByPosition(diagnostics: HttpDiagnostic[]): HttpDiagnostic[] {
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** Adds the findings of one block to `out`, with document offsets and the status they were seen with. */
function blockFindings(
  file: HttpFile,
  block: HttpBlock,
  ctx: RequestContext,
  lint: LintContext,
  out: Finding[],
): void {
  if (block.request) {
    lintRequest(file, block.request, ctx, lint, out);
    lintRequestLineInBody(block.request, out);
  } else if (block.responses.length === 0) {
    lintRequestlessBlock(file, block, out);
  }
  for (const response of block.responses) {
    const before = out.length;
    responseFindings(file, response, ctx, out);
    if (out.length === before) {
      const fallback = statusFallback(response.status, ctx);
      if (fallback) {
        out.push(finding(fallback, response.statusStart, response.statusEnd, 'warning'));
      }
    }
    for (let i = before; i < out.length; i++) {
      out[i].status = response.status;
    }
  }
  for (const run of block.comments) {
    scanEmbeddedJson(run.text, ctx, run.statuses, out);
  }
  for (const payload of block.payloads) {
    scanEmbeddedJson(payload, ctx, undefined, out);
  }
}

function responseFindings(file: HttpFile, response: HttpResponse, ctx: RequestContext, out: Finding[]): void {
  const headers = response.headers;
  for (let i = 0; i < headers.length; i++) {
    if (headers.isNamed(i, 'www-authenticate')) {
      const h = headers.at(i)!;
      for (const f of findChallengeSignatures(h.value, { unauthorized: response.status === 401 })) {
        f.start += h.valueStart;
        f.end += h.valueStart;
        out.push(f);
      }
    } else if (headers.isNamed(i, 'location') && response.status >= 300 && response.status < 400) {
      const h = headers.at(i)!;
      redirectFindings(file.text, h.valueStart, h.valueEnd, out);
    }
  }
  const body = response.body;
  if (body) {
    const text = body.text;
    // Bodies start at their first visible character, so the pattern search is rarely needed.
    const c0 = text.charCodeAt(0);
    const first = c0 > 32 && c0 < 127 ? 0 : text.search(/\S/);
    const c = text.charCodeAt(first);
    if (c === OPEN_BRACE || c === OPEN_BRACKET || c === QUOTE || isJsonContentType(response)) {
      scanEmbeddedJson(body, ctx, response.status, out, first < 0 ? 0 : first, true);
    } else if (first >= 0) {
      const page = findPageSignature(text);
      if (page) {
        out.push(mapFinding(page, body));
      }
    }
  }
}

type StatusLine = CommentRun['statuses'][number];

const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const QUOTE = 34;

/**
 * `json` in any case. Written as a case-insensitive pattern rather than `toLowerCase().includes`: the same answer (no
 * character outside ASCII matches an ASCII letter either way), without copying the header value.
 */
const JSON_MEDIA_TYPE = /json/i;

function isJsonContentType(response: HttpResponse): boolean {
  const contentType = response.headers.valueOf('content-type');
  return contentType !== undefined && JSON_MEDIA_TYPE.test(contentType);
}

/** An authorization error redirect: `Location: https://client/cb?error=access_denied&state=…`. */
function redirectFindings(text: string, start: number, end: number, out: Finding[]): void {
  const value = text.slice(start, end);
  const q = value.search(/[?#]/);
  if (q < 0) {
    return;
  }
  const error = parseFormParams(value, q + 1).find((p) => p.name === 'error');
  if (!error || !error.value) {
    return;
  }
  const registered = registeredErrorId('authorize', error.value);
  out.push(
    finding(
      registered ?? 'oauth.any.unregistered-error',
      start + error.valueStart,
      start + error.valueEnd,
      registered ? 'warning' : 'information',
      NONE,
      registered ? undefined : `\`${error.value}\``,
    ),
  );
}

/**
 * Every JSON error shape the matchers know has one of these keys, and a key without a backslash appears in the text
 * exactly as written. Text with neither cannot hold a finding, so ordinary bodies are not scanned into trees at all.
 */
const SIGNATURE_KEY = /"(?:error|active|httpCode|tppMessages|type|title|detail|access)"/;

/** Whether `text` could hold a finding: a known key, or a backslash (which could hide one). */
function mayHoldSignature(text: string): boolean {
  // The backslash by the engine's own search, which is faster than an alternative in the pattern.
  return text.indexOf('\\') >= 0 || SIGNATURE_KEY.test(text);
}

/**
 * Adds the findings of the JSON values in `source` starting at each `{` (or at `from` only, for a body), never
 * re-reading text. `status` is the status the values were answered with, or for a comment run its status lines (each
 * value then gets the last one before it).
 */
function scanEmbeddedJson(
  source: SourceText,
  ctx: RequestContext,
  status: number | readonly StatusLine[] | undefined,
  out: Finding[],
  from = 0,
  single = false,
): void {
  const text = source.text;
  if (!mayHoldSignature(text)) {
    return;
  }
  let p = from;
  while (p < text.length) {
    const at = single ? p : text.indexOf('{', p);
    if (at < 0) {
      break;
    }
    const result = scanJson(text, at);
    if (result.node) {
      const answered = typeof status === 'object' ? statusBefore(status, at) : status;
      const before = out.length;
      findJsonSignatures(result.node, ctx, answered, out);
      for (let i = before; i < out.length; i++) {
        mapFinding(out[i], source).status = answered;
      }
    }
    if (single) {
      break;
    }
    p = Math.max(at + 1, result.end);
  }
}

/** Moves a finding's offsets from `source`'s text to the document. */
function mapFinding(f: Finding, source: SourceText): Finding {
  f.start = source.toReal(f.start);
  f.end = source.toReal(f.end);
  return f;
}

/** The last status line at or before `at`; the parser records them in text order, so a binary search finds it. */
function statusBefore(statuses: readonly StatusLine[], at: number): number | undefined {
  let lo = 0;
  let hi = statuses.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statuses[mid].at <= at) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo > 0 ? statuses[lo - 1].status : undefined;
}

/** An error status with nothing recognisable in headers or body still says something for some endpoints. */
function statusFallback(status: number, ctx: RequestContext): string | undefined {
  if (
    (status === 401 || status === 403) &&
    ctx.provider === 'rabobank' &&
    (ctx.endpoint === 'resource' || ctx.endpoint === 'consent')
  ) {
    if (status === 401) {
      return 'rabobank.api.access-token-invalid';
    }
    if (status === 403) {
      return 'rabobank.api.forbidden';
    }
  }
  if (ctx.endpoint === 'revoke' && status === 503) {
    return 'oauth.revoke.service-unavailable';
  }
  return undefined;
}

/** A lint's fix with its title in the catalog's language. */
function quickFix(fix: FindingFix, kb: KnowledgeBase): QuickFix {
  return { title: kb.text(fix.title), edits: fix.edits, isPreferred: fix.isPreferred };
}

function toDiagnostic(file: HttpFile, f: Finding, ctx: RequestContext, kb: KnowledgeBase): HttpDiagnostic {
  const title = kb.get(f.code)?.title ?? f.code;
  const requiredScopes =
    f.requiredScopes ?? (f.code === 'rabobank.api.forbidden' ? rabobankRequiredScopes(ctx.path) : NONE);
  const diagnostic: HttpDiagnostic = {
    range: file.lines.rangeOf(f.start, f.end),
    code: f.code,
    severity: f.severity,
    message:
      f.detail === undefined
        ? title
        : `${title}: ${typeof f.detail === 'string' ? f.detail : kb.text(f.detail)}`,
    data: {
      endpoint: ctx.endpoint,
      provider: ctx.provider,
      grantType: ctx.grantType,
      status: f.status,
      alternatives: f.alternatives,
      requiredScopes,
      profileName: f.profileName,
      profileId: f.profileId,
      serverText: f.serverText,
      fixes: f.fixes === undefined ? NONE : f.fixes.map((fix) => quickFix(fix, kb)),
    },
  };
  if (f.waitsFor !== undefined) {
    markUndecided(diagnostic, f.waitsFor);
  }
  return diagnostic;
}
