/**
 * PKCE and `state` values from WebCrypto (`globalThis.crypto`, present in Node ≥ 20 and in browsers), so `core` needs
 * no Node import.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.1
 */
import { base64UrlEncode } from '../wire/base64';

/** `byteLength` random bytes as base64url; 32 bytes give 256 bits, well above the 128 bits a `state` needs. */
export function randomUrlSafeString(byteLength = 32): string {
  const bytes = new Uint8Array(byteLength);
  globalThis.crypto.getRandomValues(bytes);
  return base64UrlEncode(bytes);
}

/** A PKCE pair: the verifier stays with us, the S256 challenge goes into the authorization request. */
export interface PkcePair {
  readonly code_verifier: string;
  readonly code_challenge: string;
  readonly code_challenge_method: 'S256';
}

/** `BASE64URL(SHA256(ASCII(code_verifier)))`. @see https://www.rfc-editor.org/rfc/rfc7636#section-4.2 */
export async function s256CodeChallenge(codeVerifier: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier));
  return base64UrlEncode(new Uint8Array(digest));
}

/** A fresh verifier (43 characters from 32 random bytes) and its S256 challenge. */
export async function createPkcePair(): Promise<PkcePair> {
  const code_verifier = randomUrlSafeString(32);
  return {
    code_verifier,
    code_challenge: await s256CodeChallenge(code_verifier),
    code_challenge_method: 'S256',
  };
}
