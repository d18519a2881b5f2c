/**
 * Picks the id of the error knowledge-base entry (e.g. `rabobank.token.invalid-refresh-token`,
 * `oauth.token.invalid_grant`) that matches an error the engine saw, using what only the engine knows: which endpoint
 * it called, with which grant, for which provider. Hovers and the CLI use the id to show cause and fix. Only ids
 * the knowledge base has are returned.
 */
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { rabobankTokenError } from '../knowledge/rabobankTokenErrors';

/** Which endpoint was called, and with which grant, when an error came back. */
export interface ErrorContext {
  readonly endpoint: 'authorization' | 'token' | 'revocation' | 'introspection' | 'discovery' | 'consent';
  readonly grantType?: string;
  readonly rabobank: boolean;
  /** The client secret went in a Basic header, and form-encoding it (RFC 6749 §2.3.1) changed it. */
  readonly basicSecretEncoded?: boolean;
}

/** Catalog id for an `error=` authorization redirect. @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1 */
export function catalogIdForAuthorizationError(error: string): string | undefined {
  return knownCatalogId(`oauth.authorize.${error}`);
}

/** The id itself when the knowledge base has an entry for it, else `undefined`. */
export function knownCatalogId(id: string | undefined): string | undefined {
  return id !== undefined && KnowledgeBase.shipped().has(id) ? id : undefined;
}

/** Catalog id for an OAuth error body from an endpoint. @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2 */
export function catalogIdForOAuthError(
  error: string,
  status: number,
  context: ErrorContext,
): string | undefined {
  return knownCatalogId(candidateForOAuthError(error, status, context));
}

function candidateForOAuthError(error: string, status: number, context: ErrorContext): string {
  if (context.rabobank && context.endpoint === 'token') {
    const rabobank = rabobankTokenError(error, context.grantType, status);
    if (rabobank) {
      return rabobank.code;
    }
  }
  if (context.endpoint === 'revocation') {
    return knownCatalogId(`oauth.revoke.${error}`) ? `oauth.revoke.${error}` : `oauth.token.${error}`;
  }
  return `oauth.token.${error}`;
}

/** Catalog id for a Rabobank / IBM API Connect gateway body (`httpCode`, `httpMessage`, `moreInformation`). */
export function catalogIdForGatewayError(httpCode: string, context: ErrorContext): string | undefined {
  if (!context.rabobank) {
    return undefined;
  }
  if (
    context.endpoint === 'token' ||
    context.endpoint === 'revocation' ||
    context.endpoint === 'introspection'
  ) {
    return httpCode === '401' ? 'rabobank.token.invalid-client' : undefined;
  }
  if (httpCode === '401') {
    return 'rabobank.api.access-token-invalid';
  }
  return httpCode === '403' ? 'rabobank.api.forbidden' : undefined;
}
