/**
 * What a failed refresh means for a single-use refresh token: after some failures the request may have reached the
 * token endpoint and been processed (the token rotated) although no usable answer came back. Shared by the token
 * manager, which keeps the token marked as possibly spent, and the CLI, which keeps nothing.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2
 */
import { asLocalText, type LocalText, localText } from '../text/localText';
import { isOAuthWorkbenchError, RefreshOutcomeUnknownError } from './oauthErrors';

/** Failures after which the request may have been processed: no answer, a gateway failure, or a garbled one. */
export function mayHaveReachedServer(err: unknown): boolean {
  if (!isOAuthWorkbenchError(err)) {
    return true;
  }
  switch (err.code) {
    case 'HTTP_TIMEOUT':
    case 'HTTP_NETWORK':
    case 'HTTP_SERVER_ERROR':
    case 'FLOW_CANCELLED':
      return true;
    case 'HTTP_UNEXPECTED_RESPONSE':
      // A 200 the engine cannot read most likely carried the new tokens; a 4xx page (wrong URL) did not.
      return err.status === undefined || err.status < 300 || err.status >= 500;
    default:
      return false;
  }
}

/**
 * The error for a refresh whose outcome is unknown, saying what happened and what to do. `subject` names the refresh
 * ("The refresh of "Rabobank sandbox""); `kept` says whether the old refresh token was kept, marked as possibly spent.
 */
export function refreshOutcomeUnknown(
  err: unknown,
  subject: LocalText,
  kept: boolean,
): RefreshOutcomeUnknownError {
  // The reason is a whole sentence: an engine error's own (in the user's language), or any other error's message.
  const reason =
    isOAuthWorkbenchError(err) && err.message.endsWith('.')
      ? err.text
      : asLocalText(`${err instanceof Error ? err.message.replace(/\.$/, '') : String(err)}.`);
  return new RefreshOutcomeUnknownError(
    kept
      ? localText(
          '{0} got no usable answer: {1} The server may have used up the refresh token anyway (many accept each one only once), so it is kept and marked as possibly spent.',
          subject,
          reason,
        )
      : localText(
          '{0} got no usable answer: {1} The server may have used up the refresh token anyway (many accept each one only once).',
          subject,
          reason,
        ),
    {
      cause: err,
      status: isOAuthWorkbenchError(err) ? err.status : undefined,
      fix: kept
        ? localText(
            'Refresh again when the token endpoint answers: if the refresh token was spent, it says invalid_grant and you need to sign in again.',
          )
        : localText(
            'Retry the same refresh token once more when the token endpoint answers: if it says invalid_grant, it was spent and you need to sign in again.',
          ),
    },
  );
}
