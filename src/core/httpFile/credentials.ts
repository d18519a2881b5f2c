import { latin1Bytes } from '../tokens/decodeJwt';

/** One decoder for every call: `decode` without streaming keeps no state, and building one per call was slow. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Standard or URL-safe base64 characters, with up to two `=` of padding. */
const BASE64_ANY = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decodes standard or URL-safe base64 to UTF-8 text; undefined for anything that is not base64. */
export function decodeBase64Text(value: string): string | undefined {
  if (!BASE64_ANY.test(value) || value.length % 4 === 1) {
    return undefined;
  }
  // Most values are standard base64 already: no copies for the URL-safe alphabet then.
  let s = /[-_]/.test(value) ? value.replace(/-/g, '+').replace(/_/g, '/') : value;
  s = s.padEnd(s.length + ((4 - (s.length % 4)) % 4), '=');
  try {
    return STRICT_UTF8.decode(latin1Bytes(atob(s)));
  } catch {
    return undefined;
  }
}

/** Base64 of UTF-8 text, as `Authorization: Basic` wants it. */
export function encodeBase64Text(value: string): string {
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary);
}

/** Scopes named by a JWT's `scope` (space-separated) or `scp` (string or array) claim. */
export function jwtScopes(claims: Readonly<Record<string, unknown>>): string[] | undefined {
  const raw = claims.scope ?? claims.scp;
  if (typeof raw === 'string') {
    return raw.split(/\s+/).filter(Boolean);
  }
  if (Array.isArray(raw)) {
    return raw.filter((s): s is string => typeof s === 'string');
  }
  return undefined;
}

/** RFC 9110 §5.6.7 IMF-fixdate, e.g. `Tue, 18 Sep 2018 09:51:01 GMT`. */
export function isImfFixdate(value: string): boolean {
  const m =
    /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/.exec(
      value,
    );
  if (!m) {
    return false;
  }
  const [day, hour, minute, second] = [m[2], m[5], m[6], m[7]].map(Number);
  return day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}
