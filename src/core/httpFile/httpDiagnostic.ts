import { Range } from './lineIndex';
import { EndpointKind, ProviderKind } from './requestContext';

/** Severities as the CLI prints them; the VS Code adapter maps them onto `vscode.DiagnosticSeverity`. */
export type DiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

/** A text replacement in the linted document. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A quick fix computed with the diagnostic, so the code-action adapter only has to apply it. */
export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly isPreferred?: boolean;
}

/** What the hover needs to rank causes and offer actions for this particular finding. */
export interface DiagnosticData {
  readonly endpoint: EndpointKind;
  readonly provider: ProviderKind;
  readonly grantType: string | undefined;
  readonly status: number | undefined;
  /** Other ids the same payload could mean; listed when the context could not decide. */
  readonly alternatives: readonly string[];
  /** Scopes the called API needs, when known (for "Sign in again with scope …"). */
  readonly requiredScopes: readonly string[];
  /** The profile the request was matched to, when one was. */
  readonly profileName: string | undefined;
  readonly profileId: string | undefined;
  /** The server's own explanation (`error_description` and the like), shown in the hover as it was sent. */
  readonly serverText: string | undefined;
  readonly fixes: readonly QuickFix[];
}

/** One finding in a `.http` document; plain data shared by the VS Code adapters and the CLI. */
export interface HttpDiagnostic {
  readonly range: Range;
  /** The knowledge-base id. */
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  readonly data: DiagnosticData;
}
