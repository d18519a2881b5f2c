/**
 * `lint --format sarif`: the findings as a SARIF 2.1.0 log, the format code-scanning services (GitHub code scanning,
 * Azure DevOps, GitLab) read from CI.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { DiagnosticSeverity } from '../core/httpFile/httpDiagnostic';
import { KnowledgeBase } from '../core/knowledge/knowledgeBase';

/** One finding as `lint` reports it: 1-based lines and columns. */
export interface LintRecord {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: DiagnosticSeverity;
  readonly code: string;
  readonly message: string;
}

const LEVEL: Record<DiagnosticSeverity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** The SARIF log for `records`; `stdin` is the name standard input's findings carry. */
export function sarifLog(
  records: readonly LintRecord[],
  kb: KnowledgeBase,
  version: string,
  stdin: string,
): Record<string, unknown> {
  const ruleIds = [...new Set(records.map((r) => r.code))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'OAuth Workbench',
            version,
            rules: ruleIds.map((id) => rule(id, kb)),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: records.map((r) => ({
          ruleId: r.code,
          ruleIndex: ruleIndex.get(r.code),
          level: LEVEL[r.severity],
          message: { text: r.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(r.file, stdin) },
                region: {
                  startLine: r.line,
                  startColumn: r.column,
                  endLine: r.endLine,
                  endColumn: r.endColumn,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}

function rule(id: string, kb: KnowledgeBase): Record<string, unknown> {
  const entry = kb.get(id);
  if (!entry) {
    return { id };
  }
  return {
    id,
    name: id,
    shortDescription: { text: entry.title },
    fullDescription: { text: entry.summary },
  };
}

/** A relative URI reference for a path (`/` separators, each segment percent-encoded). */
export function artifactUri(file: string, stdin: string): string {
  if (file === stdin) {
    return 'stdin';
  }
  const slashed = file.replace(/\\/g, '/');
  const absolute = slashed.startsWith('/') ? 'file://' : /^[A-Za-z]:\//.test(slashed) ? 'file:///' : '';
  return (
    absolute +
    slashed
      .split('/')
      .map((segment, i) =>
        absolute && i === 0 && segment.endsWith(':') ? segment : encodeURIComponent(segment),
      )
      .join('/')
  );
}
