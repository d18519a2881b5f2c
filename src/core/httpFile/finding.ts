import type { LocalText } from '../text/localText';
import type { FileQuestion } from './clientSecrets';
import { DiagnosticSeverity, TextEdit } from './httpDiagnostic';

/** A quick fix as a lint makes it: its title is rendered in the user's language when the diagnostic is made. */
export interface FindingFix {
  readonly title: LocalText;
  readonly edits: readonly TextEdit[];
  readonly isPreferred: boolean;
}

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
  /**
   * Extra words for the message: the file's own words (an unregistered code itself) as a string, or a phrase of ours
   * with the file's words in it as a {@link LocalText}.
   */
  detail: string | LocalText | undefined;
  /** What the server itself wrote (`error_description`, `moreInformation`, a `tppMessages` text), for the hover. */
  serverText: string | undefined;
  fixes: readonly FindingFix[] | undefined;
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
  detail?: string | LocalText,
  serverText?: string,
): Finding {
  return {
    code,
    start,
    end,
    severity,
    alternatives,
    detail:
      detail === undefined ? undefined : typeof detail === 'string' ? plainDetail(detail) : plainArgs(detail),
    serverText,
    fixes: undefined,
    requiredScopes: undefined,
    profileName: undefined,
    profileId: undefined,
    status: undefined,
    waitsFor: undefined,
  };
}

/** What a lint adds to a finding beside its id, place and severity. */
export interface FindingExtras {
  readonly fixes?: readonly FindingFix[];
  readonly requiredScopes?: readonly string[];
  readonly profileName?: string;
  readonly profileId?: string;
  readonly detail?: string | LocalText;
  /** The finding stands only if the whole file answers this yes. */
  readonly waitsFor?: FileQuestion;
}

/** A new {@link Finding} with what a lint adds to it. */
export function findingWith(
  code: string,
  start: number,
  end: number,
  severity: DiagnosticSeverity,
  extra: FindingExtras,
): Finding {
  const f = finding(code, start, end, severity, NONE, extra.detail);
  f.fixes = extra.fixes;
  f.requiredScopes = extra.requiredScopes;
  f.profileName = extra.profileName;
  f.profileId = extra.profileId;
  f.waitsFor = extra.waitsFor;
  return f;
}

const MAX_DETAIL = 120;
// Bidi controls go; line breaks and other controls fold into one space: a diagnostic message is one plain line.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

// eslint-disable-next-line no-control-regex
const NOT_PLAIN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A file's own words (an unregistered error code) as they may appear in a diagnostic message: one short line. */
function plainDetail(detail: string): string {
  if (detail.length <= MAX_DETAIL && !NOT_PLAIN.test(detail)) {
    return detail;
  }
  const line = detail
    .slice(0, MAX_DETAIL * 2)
    .replace(BIDI, '')
    .replace(CONTROLS, ' ');
  return line.length > MAX_DETAIL || detail.length > MAX_DETAIL * 2 ? `${line.slice(0, MAX_DETAIL)}…` : line;
}

/** A phrase of ours whose values (the file's words) are each made {@link plainDetail}. */
function plainArgs(detail: LocalText): LocalText {
  return {
    message: detail.message,
    args: detail.args.map((a) => (typeof a === 'string' ? plainDetail(a) : a)),
  };
}
