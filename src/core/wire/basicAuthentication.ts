/**
 * HTTP Basic client authentication as OAuth 2.0 defines it: the client id and secret are each form-encoded, joined by
 * `:` and base64-encoded. The engine, the lints and the practice server build and read the header only here.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
import { decodeBase64Text, encodeBase64Text } from './base64';
import { formDecode, formEncode } from './formEncoding';

/** A client id and secret as read from a Basic header. */
export interface BasicCredentials {
  readonly id: string;
  readonly secret: string;
}

/** The credentials part of the header: base64(form-encoded id `:` form-encoded secret). */
export function basicCredentials(clientId: string, clientSecret: string): string {
  return encodeBase64Text(`${formEncode(clientId)}:${formEncode(clientSecret)}`);
}

/** The whole `Authorization` value, `Basic …`. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${basicCredentials(clientId, clientSecret)}`;
}

/**
 * Reads the credentials part of a Basic header (standard or URL-safe base64 of UTF-8); `undefined` when it is not
 * base64 or has no `:`. The id ends at the first `:`, since a form-encoded id carries its own colons as `%3A`.
 */
export function parseBasicCredentials(credentials: string): BasicCredentials | undefined {
  const decoded = decodeBase64Text(credentials);
  const colon = decoded === undefined ? -1 : decoded.indexOf(':');
  if (decoded === undefined || colon < 0) {
    return undefined;
  }
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/** Reads an `Authorization` header value; `undefined` unless it is `Basic <credentials>` that {@link parseBasicCredentials} reads. */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | undefined {
  const match = /^Basic[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match ? parseBasicCredentials(match[1]) : undefined;
}
