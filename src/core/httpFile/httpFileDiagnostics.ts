import { KnowledgeBase } from '../knowledge/knowledgeBase';
import {
  SignatureFinding,
  findChallengeSignatures,
  findJsonSignatures,
  findPageSignature,
} from './errorSignatures';
import { parseFormParams } from './formParams';
import { HttpDiagnostic } from './httpDiagnostic';
import { scanJson } from './jsonScanner';
import { EMPTY_LINT_CONTEXT, LintContext } from './lintContext';
import { HttpBlock, HttpFile, HttpResponse, findHeader, isHeaderNamed, parseHttpFile } from './parseHttpFile';
import { RequestContext, resolveRequestContext } from './requestContext';
import { DocumentFinding, lintRequest, rabobankRequiredScopes } from './requestLints';
import { SourceText } from './sourceText';

/**
 * Everything OAuth Workbench reports on a `.http` document: recorded error responses (bodies, `WWW-Authenticate`,
 * redirects, status lines), payloads pasted in comments, and pre-flight lints on requests. Pure and total: any text
 * yields a (possibly empty) list, with every range inside the document.
 */
export function lintHttpFile(
  text: string,
  kb: KnowledgeBase,
  lint: LintContext = EMPTY_LINT_CONTEXT,
): HttpDiagnostic[] {
  return diagnoseParsedFile(parseHttpFile(text), kb, lint);
}

/** {@link lintHttpFile} for an already parsed document. */
export function diagnoseParsedFile(file: HttpFile, kb: KnowledgeBase, lint: LintContext): HttpDiagnostic[] {
  const diagnostics: HttpDiagnostic[] = [];
  for (const block of file.blocks) {
    const ctx = resolveRequestContext(file, block.request);
    for (const f of blockFindings(file, block, ctx, lint)) {
      diagnostics.push(toDiagnostic(file, f, ctx, kb));
    }
  }
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** Findings of one block, with document offsets and the status they were seen with. */
function blockFindings(
  file: HttpFile,
  block: HttpBlock,
  ctx: RequestContext,
  lint: LintContext,
): (DocumentFinding & { status?: number })[] {
  const out: (DocumentFinding & { status?: number })[] = [];
  if (block.request) {
    out.push(...lintRequest(file, block.request, ctx, lint));
  }
  for (const response of block.responses) {
    const found = responseFindings(file, response, ctx);
    if (found.length === 0) {
      const fallback = statusFallback(response.status, ctx);
      if (fallback) {
        out.push({
          code: fallback,
          start: response.statusStart,
          end: response.statusEnd,
          severity: 'warning',
          alternatives: [],
          status: response.status,
        });
      }
    }
    out.push(...found.map((f) => ({ ...f, status: response.status })));
  }
  for (const run of block.comments) {
    for (const f of scanEmbeddedJson(run.text, ctx, (at) => statusBefore(run.statuses, at))) {
      out.push(f);
    }
  }
  for (const payload of block.payloads) {
    out.push(...scanEmbeddedJson(payload, ctx, () => undefined));
  }
  return out;
}

function responseFindings(file: HttpFile, response: HttpResponse, ctx: RequestContext): DocumentFinding[] {
  const out: DocumentFinding[] = [];
  for (const h of response.headers) {
    if (isHeaderNamed(h, 'www-authenticate')) {
      for (const f of findChallengeSignatures(h.value, { unauthorized: response.status === 401 })) {
        out.push({ ...f, start: h.valueStart + f.start, end: h.valueStart + f.end });
      }
    } else if (isHeaderNamed(h, 'location') && response.status >= 300 && response.status < 400) {
      out.push(...redirectFindings(file.text, h.valueStart, h.valueEnd));
    }
  }
  const body = response.body;
  if (body) {
    const text = body.text;
    const first = text.search(/\S/);
    const contentType = findHeader(response.headers, 'content-type')?.value.toLowerCase() ?? '';
    const c = text[first];
    if (c === '{' || c === '[' || c === '"' || contentType.includes('json')) {
      out.push(...scanEmbeddedJson(body, ctx, () => response.status, first < 0 ? 0 : first, true));
    } else if (first >= 0) {
      const page = findPageSignature(text);
      if (page) {
        out.push(mapFinding(page, body));
      }
    }
  }
  return out;
}

/** An authorization error redirect: `Location: https://client/cb?error=access_denied&state=…`. */
function redirectFindings(text: string, start: number, end: number): DocumentFinding[] {
  const value = text.slice(start, end);
  const q = value.search(/[?#]/);
  if (q < 0) {
    return [];
  }
  const error = parseFormParams(value, q + 1).find((p) => p.name === 'error');
  if (!error || !error.value) {
    return [];
  }
  const registered =
    /^(invalid_request|unauthorized_client|access_denied|unsupported_response_type|invalid_scope|server_error|temporarily_unavailable)$/.test(
      error.value,
    );
  return [
    {
      code: registered ? `oauth.authorize.${error.value}` : 'oauth.any.unregistered-error',
      start: start + error.valueStart,
      end: start + error.valueEnd,
      severity: registered ? 'warning' : 'information',
      alternatives: [],
      detail: registered ? undefined : `\`${error.value}\``,
    },
  ];
}

/**
 * Every JSON error shape the matchers know has one of these keys, and a key without a backslash appears in the text
 * exactly as written. Text with neither cannot hold a finding, so ordinary bodies are not scanned into trees at all.
 */
const SIGNATURE_HINT = /\\|"(?:error|active|httpCode|tppMessages|type|title|detail|access)"/;

/** JSON values found in `source` starting at each `{` (or at `from` only, for a body), never re-reading text. */
function scanEmbeddedJson(
  source: SourceText,
  ctx: RequestContext,
  statusAt: (virtualOffset: number) => number | undefined,
  from = 0,
  single = false,
): DocumentFinding[] {
  const text = source.text;
  const out: DocumentFinding[] = [];
  if (!SIGNATURE_HINT.test(text)) {
    return out;
  }
  let p = from;
  while (p < text.length) {
    const at = single ? p : text.indexOf('{', p);
    if (at < 0) {
      break;
    }
    const result = scanJson(text, at);
    if (result.node) {
      const status = statusAt(at);
      for (const f of findJsonSignatures(result.node, ctx, status)) {
        out.push({ ...mapFinding(f, source), status } as DocumentFinding);
      }
    }
    if (single) {
      break;
    }
    p = Math.max(at + 1, result.end);
  }
  return out;
}

function mapFinding(f: SignatureFinding, source: SourceText): DocumentFinding {
  return { ...f, start: source.toReal(f.start), end: source.toReal(f.end) };
}

/** The last status line at or before `at`; the parser records them in text order, so a binary search finds it. */
function statusBefore(statuses: readonly { at: number; status: number }[], at: number): number | undefined {
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
  if (ctx.provider === 'rabobank' && (ctx.endpoint === 'resource' || ctx.endpoint === 'consent')) {
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

function toDiagnostic(
  file: HttpFile,
  f: DocumentFinding & { status?: number },
  ctx: RequestContext,
  kb: KnowledgeBase,
): HttpDiagnostic {
  const title = kb.get(f.code)?.title ?? f.code;
  const requiredScopes =
    f.requiredScopes ?? (f.code === 'rabobank.api.forbidden' ? rabobankRequiredScopes(ctx.path) : []);
  return {
    range: file.lines.rangeOf(f.start, f.end),
    code: f.code,
    severity: f.severity,
    message: f.detail ? `${title}: ${f.detail}` : title,
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
      fixes: f.fixes ?? [],
    },
  };
}
