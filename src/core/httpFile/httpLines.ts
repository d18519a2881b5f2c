import {
  DIGIT_0,
  DOT,
  UPPER_D,
  UPPER_G,
  UPPER_H,
  UPPER_O,
  UPPER_P,
  firstNonBlank,
  indexInLine,
  isBlank,
  isDigit,
  isUpperCaseLetter,
  trimmedEnd,
} from './charCodes';
import { NO_HEADERS } from './httpHeaders';
import type { HttpRequest } from './parseHttpFile';
import { SourceText } from './sourceText';

/** Readers of single lines of a `.http` file, each over `text[first, end)` (the line without its leading blanks). */

/** `HTTP/1.1 401 Unauthorized`, `HTTP/2 400`: the status, or 0 for any other line. */
export function statusLine(text: string, first: number, end: number): number {
  if (!text.startsWith('HTTP/', first)) {
    return 0;
  }
  let p = first + 5;
  while (p < end && (isDigit(text.charCodeAt(p)) || text.charCodeAt(p) === DOT)) {
    p++;
  }
  if (p === first + 5 || !isBlank(text.charCodeAt(p))) {
    return 0;
  }
  p = firstNonBlank(text, p, end);
  if (
    p + 3 > end ||
    !isDigit(text.charCodeAt(p)) ||
    !isDigit(text.charCodeAt(p + 1)) ||
    !isDigit(text.charCodeAt(p + 2))
  ) {
    return 0;
  }
  if (p + 3 < end && !isBlank(text.charCodeAt(p + 3))) {
    return 0;
  }
  return (
    (text.charCodeAt(p) - DIGIT_0) * 100 +
    (text.charCodeAt(p + 1) - DIGIT_0) * 10 +
    (text.charCodeAt(p + 2) - DIGIT_0)
  );
}

export function atName(text: string, contentStart: number, end: number): string | undefined {
  const p = firstNonBlank(text, contentStart, end);
  if (!text.startsWith('@name', p) || !isBlank(text.charCodeAt(p + 5))) {
    return undefined;
  }
  return text.slice(p + 5, end).trim() || undefined;
}

export function variableLine(
  text: string,
  from: number,
  end: number,
): { name: string; value: string } | undefined {
  const eq = indexInLine(text, '=', from, end);
  if (eq < 0) {
    return undefined;
  }
  const name = text.slice(from, eq).trim();
  return /^[A-Za-z0-9_.$-]+$/.test(name) ? { name, value: text.slice(eq + 1, end).trim() } : undefined;
}

export function requestLine(text: string, first: number, end: number, line: number): HttpRequest | undefined {
  let p = first;
  while (p < end && !isBlank(text.charCodeAt(p))) {
    p++;
  }
  let method = 'GET';
  let urlStart = first;
  if (isMethodName(text, first, p)) {
    method = methodName(text, first, p);
    urlStart = firstNonBlank(text, p, end);
    if (urlStart === end) {
      return undefined;
    }
  } else if (!startsLikeUrl(text.slice(first, p))) {
    // REST Client also reads its methods in small letters (`post https://…`, sent as POST); only before something
    // that starts like a URL, so that a line of prose (`Get the token first`) stays prose.
    const named = lowerCaseMethod(text.slice(first, p));
    if (named === undefined) {
      return undefined;
    }
    urlStart = firstNonBlank(text, p, end);
    if (!startsLikeUrl(text.slice(urlStart, Math.min(end, urlStart + 8)))) {
      return undefined;
    }
    method = named;
  }
  let urlEnd = trimmedEnd(text, urlStart, end);
  // A trailing ` HTTP/1.1` names the protocol version, not part of the URL; only a URL with a space can have one.
  // The space is looked for in a slice: a search of the document could run on to its end on every request line.
  const written = text.slice(urlStart, urlEnd);
  const version = written.indexOf(' ') >= 0 ? written.lastIndexOf(' HTTP/') : -1;
  if (version > 0) {
    urlEnd = trimmedEnd(text, urlStart, urlStart + version);
  }
  const url = new SourceText();
  url.append(text, urlStart, urlEnd);
  return {
    method,
    line,
    url,
    headers: NO_HEADERS,
    body: undefined,
    externalBody: false,
    headerInsertOffset: end,
    queryAt: NOT_SEARCHED,
    bracesAt: NOT_SEARCHED,
  };
}

function startsLikeUrl(text: string): boolean {
  return /^(https?:\/\/|\{\{|\/)/i.test(text);
}

/** The methods REST Client reads in any case, by their name in small letters. */
const REST_CLIENT_METHODS = new Map(
  ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE'].map((m) => [
    m.toLowerCase(),
    m,
  ]),
);

/** `word` as the capitalised method it names when it is one of REST Client's written in other letters (`post`). */
function lowerCaseMethod(word: string): string | undefined {
  return word.length < 3 || word.length > 7 ? undefined : REST_CLIENT_METHODS.get(word.toLowerCase());
}

/** The method at `text[start, end)`, as one shared string when it is a common one. */
function methodName(text: string, start: number, end: number): string {
  const common = commonMethod(end - start, text.charCodeAt(start));
  return common !== undefined && text.startsWith(common, start) ? common : text.slice(start, end);
}

/** The common method of that length and first letter, if there is one. */
function commonMethod(length: number, first: number): string | undefined {
  switch (length) {
    case 3:
      return first === UPPER_G ? 'GET' : first === UPPER_P ? 'PUT' : undefined;
    case 4:
      return first === UPPER_P ? 'POST' : first === UPPER_H ? 'HEAD' : undefined;
    case 5:
      return first === UPPER_P ? 'PATCH' : undefined;
    case 6:
      return first === UPPER_D ? 'DELETE' : undefined;
    case 7:
      return first === UPPER_O ? 'OPTIONS' : undefined;
    default:
      return undefined;
  }
}

/** `text[start, end)` is 3 to 12 capital letters, as a request method is written. */
function isMethodName(text: string, start: number, end: number): boolean {
  if (end - start < 3 || end - start > 12) {
    return false;
  }
  for (let p = start; p < end; p++) {
    if (!isUpperCaseLetter(text.charCodeAt(p))) {
      return false;
    }
  }
  return true;
}

/** An offset in {@link HttpRequest} not searched for yet. */
export const NOT_SEARCHED = -2;

/** Where the request's URL has its first `?` (-1 for none), searched for once, the first time it is asked. */
export function urlQueryAt(request: HttpRequest): number {
  if (request.queryAt === NOT_SEARCHED) {
    request.queryAt = request.url.text.indexOf('?');
  }
  return request.queryAt;
}

/** Where the request's URL has its first `{{` (-1 for none), searched for once. */
export function urlBracesAt(request: HttpRequest): number {
  if (request.bracesAt === NOT_SEARCHED) {
    request.bracesAt = request.url.text.indexOf('{{');
  }
  return request.bracesAt;
}
