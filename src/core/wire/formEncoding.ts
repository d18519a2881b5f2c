/**
 * `application/x-www-form-urlencoded` for one name or value, exactly as the WHATWG URL Standard (and so
 * `URLSearchParams`) writes and reads it: the one form encoding the engine, the lints and the practice server share.
 *
 * @see https://url.spec.whatwg.org/#application/x-www-form-urlencoded
 */

/** Characters `encodeURIComponent` leaves alone that the form encoding escapes. */
const UNRESERVED_IN_URI_ONLY = /[!'()~]/g;

/** The form encoding of `value`: a space becomes `+`; everything but `A-Z a-z 0-9 * - . _` is percent-encoded UTF-8. */
export function formEncode(value: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    // A lone surrogate: URLSearchParams writes it as U+FFFD, where encodeURIComponent throws.
    return new URLSearchParams({ v: value }).toString().slice(2);
  }
  return encoded
    .replace(UNRESERVED_IN_URI_ONLY, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * The value a form-encoded `raw` stands for: `+` is a space, `%XX` a byte of UTF-8. Never throws: a `%` that starts no
 * escape stays as it is and bytes that are not UTF-8 become U+FFFD, as in `URLSearchParams`.
 */
export function formDecode(raw: string): string {
  const spaced = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  if (!spaced.includes('%')) {
    return spaced;
  }
  try {
    return decodeURIComponent(spaced);
  } catch {
    // `&` is the only character the parser would split on; escaped, it comes back as itself.
    return new URLSearchParams(`v=${raw.replace(/&/g, '%26')}`).get('v') ?? spaced;
  }
}
