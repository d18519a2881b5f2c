/**
 * base64 (RFC 4648 §4) and base64url (§5) over `btoa`/`atob`, which Node and browsers both have, so `core` needs no
 * `Buffer`. Text goes through UTF-8.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4648
 */

/** One decoder for every call: `decode` without streaming keeps no state, so one serves every call. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Standard or URL-safe base64 characters, with up to two `=` of padding. */
const BASE64_ANY = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** The bytes of a string whose characters are all below 256, as `atob` returns. */
export function latin1Bytes(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

function bytesToBinary(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return binary;
}

/** Standard base64 of UTF-8 text, with padding, as `Authorization: Basic` wants it. */
export function encodeBase64Text(value: string): string {
  return btoa(bytesToBinary(new TextEncoder().encode(value)));
}

/** Standard or URL-safe base64 (padding optional) to UTF-8 text; `undefined` for anything that is not both. */
export function decodeBase64Text(value: string): string | undefined {
  const binary = base64ToBinary(value);
  if (binary === undefined) {
    return undefined;
  }
  try {
    return STRICT_UTF8.decode(latin1Bytes(binary));
  } catch {
    return undefined;
  }
}

/**
 * Standard or URL-safe base64 (padding optional) to a string of byte values (as `atob` gives); `undefined` for
 * anything that is not base64.
 */
export function base64ToBinary(value: string): string | undefined {
  if (!BASE64_ANY.test(value) || value.length % 4 === 1) {
    return undefined;
  }
  // Most values are in one alphabet already: no copies for the other one then.
  let s = /[-_]/.test(value) ? value.replace(/-/g, '+').replace(/_/g, '/') : value;
  s = s.padEnd(s.length + ((4 - (s.length % 4)) % 4), '=');
  try {
    return atob(s);
  } catch {
    return undefined;
  }
}

/** The base64url alphabet only, without padding, as a JWT's parts are written (RFC 7515 §2). */
const BASE64URL_UNPADDED = /^[A-Za-z0-9_-]+$/;

/**
 * A JWT part (unpadded base64url, RFC 7515 §2) to a string of byte values; `undefined` for anything else. One pass
 * to check the alphabet: the bearer-token lint decodes every token written into a file.
 */
export function base64UrlPartToBinary(part: string): string | undefined {
  if (!BASE64URL_UNPADDED.test(part) || part.length % 4 === 1) {
    return undefined;
  }
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  try {
    return atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  } catch {
    return undefined;
  }
}

/** base64url without padding, as RFC 7636 Appendix A and JWTs (RFC 7515 §2) use it. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return btoa(bytesToBinary(bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
