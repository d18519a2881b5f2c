import type { FileQuestion } from './clientSecrets';
import { DiagnosticSeverity, QuickFix } from './httpDiagnostic';

/**
 * A finding before it becomes an {@link HttpDiagnostic}: an id and the offsets of the text that carries it (in the
 * scanned text while a matcher runs, in the document afterwards), plus what lints and matchers add to it.
 *
 * Every finding is made by {@link finding}, so they all share one object shape and are changed in place (offsets
 * mapped, status added) rather than copied: a large file has thousands of findings, and copying each with object
 * spread would cost more than finding it.
 */
export interface Finding {
  readonly code: string;
  start: number;
  end: number;
  readonly severity: DiagnosticSeverity;
  /** Ids the context could not rule out. */
  readonly alternatives: readonly string[];
  /** Extra words for the message, e.g. the unregistered code itself. */
  detail: string | undefined;
  /** What the server itself wrote (`error_description`, `moreInformation`, a `tppMessages` text), for the hover. */
  serverText: string | undefined;
  fixes: readonly QuickFix[] | undefined;
  requiredScopes: readonly string[] | undefined;
  profileName: string | undefined;
  profileId: string | undefined;
  /** The status of the response the finding was seen in. */
  status: number | undefined;
  /** A finding that stands only if the whole file answers this question yes (see `FileSecrets`). */
  waitsFor: FileQuestion | undefined;
}

/**
 * The empty list findings and diagnostics share when they have no alternatives, scopes or fixes. Frozen, so it stays
 * empty; sharing it spares three objects per diagnostic that every scavenge during a lint would otherwise copy.
 */
export const NONE: readonly never[] = Object.freeze([]);

/** A new {@link Finding}; the fields not given start out undefined. */
export function finding(
  code: string,
  start: number,
  end: number,
  severity: DiagnosticSeverity,
  alternatives: readonly string[] = NONE,
  detail?: string,
  serverText?: string,
): Finding {
  return {
    code,
    start,
    end,
    severity,
    alternatives,
    detail: detail === undefined ? undefined : plainDetail(detail),
    serverText,
    fixes: undefined,
    requiredScopes: undefined,
    profileName: undefined,
    profileId: undefined,
    status: undefined,
    waitsFor: undefined,
  };
}

const MAX_DETAIL = 120;
// Bidi controls go; line breaks and other controls fold into one space: a diagnostic message is one plain line.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A file's own words (an unregistered error code) as they may appear in a diagnostic message: one short line. */
function plainDetail(detail: string): string {
  const line = detail
    .slice(0, MAX_DETAIL * 2)
    .replace(BIDI, '')
    .replace(CONTROLS, ' ');
  return line.length > MAX_DETAIL || detail.length > MAX_DETAIL * 2 ? `${line.slice(0, MAX_DETAIL)}…` : line;
}
