/**
 * A way to tell tokens apart on screen without showing them: labels, tooltips and logs show a fingerprint, never the
 * token (a secret, for bank APIs a key to someone's accounts).
 */

/**
 * A short, stable, non-reversible tag for a token, e.g. `3f9a01c2`; equal tokens give equal tags. Shown as
 * "fingerprint 3f9a01c2", never with a leading `#`: editors draw `#` and eight hex digits as a colour swatch.
 */
export function tokenFingerprint(token: string): string {
  // FNV-1a (32 bit): enough to tell two tokens apart at a glance, far too short to reveal anything of a token.
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** What a masked token reads as: its length and fingerprint, e.g. `•••••••• (812 chars, fingerprint 3f9a01c2)`. */
export function maskToken(token: string): string {
  return `•••••••• (${token.length} chars, fingerprint ${tokenFingerprint(token)})`;
}
