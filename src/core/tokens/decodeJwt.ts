/**
 * Decodes a JWT's header and claims for display, WITHOUT verifying its signature: the result is labelled
 * `verified: false` so no caller mistakes it for proof of anything.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7519#section-7.2
 */
import { base64UrlPartToBinary, latin1Bytes } from '../wire/base64';

/** A decoded, unverified JWT. */
export interface UnverifiedJwt {
  readonly verified: false;
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: Readonly<Record<string, unknown>>;
}

/** Decodes a compact JWS; `undefined` for opaque tokens and anything that is not three base64url JSON parts. */
export function decodeJwtUnverified(token: string): UnverifiedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return undefined;
  }
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  return header && claims ? { verified: false, header, claims } : undefined;
}

/** Stateless for one-shot `decode` calls, so one serves every part: building a decoder costs more than decoding a part. */
const UTF8 = new TextDecoder();

/** A byte that is not ASCII: only then do the bytes need decoding as UTF-8 (ASCII reads the same either way). */
const NON_ASCII = /[\x80-\xff]/;

function decodePart(part: string): Record<string, unknown> | undefined {
  const binary = base64UrlPartToBinary(part);
  if (binary === undefined) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(NON_ASCII.test(binary) ? UTF8.decode(latin1Bytes(binary)) : binary);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The JWTs of a token set, decoded for display; opaque tokens are left out. */
export function decodeTokenSetJwts(tokens: {
  readonly access_token: string;
  readonly id_token?: string;
}): Partial<Record<'access_token' | 'id_token', UnverifiedJwt>> {
  const decoded: Partial<Record<'access_token' | 'id_token', UnverifiedJwt>> = {};
  for (const kind of ['access_token', 'id_token'] as const) {
    const jwt = tokens[kind] === undefined ? undefined : decodeJwtUnverified(tokens[kind]);
    if (jwt) {
      decoded[kind] = jwt;
    }
  }
  return decoded;
}
