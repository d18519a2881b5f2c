import { QuickFix } from './httpDiagnostic';

// Edits that would put a credential, or a variable that resolves to one, into a request.
const CREDENTIAL_TEXT =
  /\{\{\s*\$auth\.|authorization\s*:|\b(?:basic|bearer)\s|client_secret|client_assertion|access_token|refresh_token/i;

/** Whether a quick fix carries credentials (or variables that resolve to them); not offered in Restricted Mode. */
export function isCredentialFix(fix: QuickFix): boolean {
  return fix.edits.some((edit) => CREDENTIAL_TEXT.test(edit.newText));
}
