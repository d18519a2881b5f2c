/**
 * What the practice server answers, as data: JSON bodies, redirects and the pages it shows. The Node layer turns
 * these into HTTP; the bodies are Rabobank's exact ones (oauth-error-reference.md, RABO-03 to RABO-08).
 */
import type { LocalText } from '../text/localText';
import { localText } from '../text/localText';
import { PracticeEndpoints } from './practiceSettings';
import { PracticeTrouble } from './practiceTroubles';

/** One incoming request, already read: lower-case header names, the path without the query, the whole body. */
export interface PracticeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

/**
 * The pages the practice server shows; every text on them is the server's own, never a request parameter. Sentences
 * are {@link LocalText}, rendered in the language the server was started with.
 */
export type PracticePage =
  | {
      readonly name: 'authorize';
      /** Server-generated id of the pending authorization (the form posts it back). */
      readonly requestId: string;
      /** Scope names and descriptions from the server's own table. */
      readonly scopes: readonly { readonly scope: string; readonly description: LocalText }[];
    }
  | { readonly name: 'redirect-uri-mismatch' }
  | { readonly name: 'invalid-client' }
  | { readonly name: 'message'; readonly title: LocalText; readonly text: LocalText }
  | {
      readonly name: 'home';
      readonly endpoints: PracticeEndpoints;
      readonly troubles: readonly { readonly trouble: PracticeTrouble; readonly armed: boolean }[];
      readonly summary: PracticeSummary;
      /** Latest first; plain sentences without tokens or codes. */
      readonly events: readonly PracticeEvent[];
    };

/** Counts shown on the home page. */
export interface PracticeSummary {
  readonly activeAccessTokens: number;
  readonly activeRefreshTokens: number;
  readonly consents: readonly {
    readonly consentId: string;
    readonly status: string;
    readonly validUntil: string;
  }[];
}

/** One line of the home page's recent-activity list. */
export interface PracticeEvent {
  readonly atMs: number;
  readonly text: LocalText;
}

/** The answer to one request. */
export type PracticeResponse =
  | {
      readonly kind: 'json';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'page'; readonly status: number; readonly page: PracticePage }
  | { readonly kind: 'redirect'; readonly status: 302 | 303; readonly location: string }
  | { readonly kind: 'empty'; readonly status: number };

/** Rabobank's gateway body for a missing, invalid or expired bearer token (guide, "Access token invalid"). */
export const GATEWAY_UNAUTHORIZED_BODY = {
  httpCode: '401',
  httpMessage: 'Unauthorized',
  moreInformation: 'This server could not verify that you are authorized to access the URL',
} as const;

/** The gateway's body for a Basic client id it does not know, on every OAuth endpoint (reference, gateway shape). */
export const GATEWAY_CLIENT_NOT_REGISTERED_BODY = {
  httpCode: '401',
  httpMessage: 'Unauthorized',
  moreInformation: 'Client id not registered.',
} as const;

/** Rabobank's gateway body for a consent that is gone or a token without the needed scope (guide, 403 block). */
export const GATEWAY_FORBIDDEN_BODY = {
  httpCode: '403',
  httpMessage: 'Forbidden',
  moreInformation: 'Forbidden',
} as const;

/** A JSON answer; OAuth endpoints are never cached (RFC 6749 §5.1). */
export function json(status: number, body: unknown): PracticeResponse {
  return { kind: 'json', status, body, headers: { 'cache-control': 'no-store', pragma: 'no-cache' } };
}

/** Rabobank's OAuth error body: `error` only, no `error_description` (as in the guide's examples). */
export function oauthError(status: 400 | 401, error: string): PracticeResponse {
  return json(status, { error });
}

/** The page a browser gets for a request the server does not know. */
export function notFound(): PracticeResponse {
  return {
    kind: 'page',
    status: 404,
    page: {
      name: 'message',
      title: localText('Not found'),
      text: localText('The practice server has no page at this address.'),
    },
  };
}

/** What a failing gateway in front of the bank answers: 502 with an HTML page, not JSON. */
export function badGateway(): PracticeResponse {
  return {
    kind: 'page',
    status: 502,
    page: {
      name: 'message',
      title: localText('Bad gateway'),
      text: localText(
        'The gateway in front of the practice bank could not reach it (a trouble switch asked for this).',
      ),
    },
  };
}

/** 405 with a page; a browser or REST client sees which method to use. */
export function methodNotAllowed(allowed: 'GET' | 'POST'): PracticeResponse {
  return {
    kind: 'page',
    status: 405,
    page: {
      name: 'message',
      title: localText('Method not allowed'),
      text: localText('Use {0} at this address.', allowed),
    },
  };
}
