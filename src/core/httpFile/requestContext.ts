import { PRACTICE_DEFAULT_PORT } from '../practice/practiceSettings';
import { FormParam, findParam, parseFormParams } from './formParams';
import { lintExpander } from './fileVariables';
import { HttpFile, HttpRequest, urlBracesAt, urlQueryAt } from './parseHttpFile';

/** Which kind of endpoint a request hit; decides between the error families that share a payload. */
export type EndpointKind =
  'authorize' | 'token' | 'revoke' | 'introspect' | 'consent' | 'resource' | 'unknown';

/** Who runs the server, from the host (or the path, for Keycloak). */
export type ProviderKind = 'rabobank' | 'entra' | 'google' | 'auth0' | 'okta' | 'keycloak' | 'unknown';

/** What a request tells about the response below it. */
export interface RequestContext {
  readonly endpoint: EndpointKind;
  readonly provider: ProviderKind;
  readonly grantType: string | undefined;
  readonly host: string | undefined;
  /** Path without query, lower-case, variables resolved where the file defines them. */
  readonly path: string;
  /** URL with file variables resolved, for matching against profiles. */
  readonly resolvedUrl: string;
  /** Query parameters; offsets are into `request.url.text`. */
  readonly query: readonly FormParam[];
  /** Form body parameters; offsets are into `request.body.text`. */
  readonly form: readonly FormParam[];
  readonly isForm: boolean;
  /** A POST to a pushed authorization request endpoint (RFC 9126): its body holds an authorization request. */
  readonly pushed: boolean;
}

/** The context of a block without a request line. */
export const UNKNOWN_CONTEXT: RequestContext = {
  endpoint: 'unknown',
  provider: 'unknown',
  grantType: undefined,
  host: undefined,
  path: '',
  resolvedUrl: '',
  query: [],
  form: [],
  isForm: false,
  pushed: false,
};

/**
 * The form media type in any case. A case-insensitive pattern gives the answer `toLowerCase().includes` gave (no
 * character outside ASCII matches an ASCII letter either way, and the name has no `k`, the one ASCII letter a non-ASCII
 * capital lowers to), without copying the header value.
 */
const FORM_MEDIA_TYPE = /application\/x-www-form-urlencoded/i;

/** Whether a request's URL has `{{variables}}` before its query: only that part is resolved against the file's. */
export function urlUsesVariables(request: HttpRequest): boolean {
  const braces = urlBracesAt(request);
  if (braces < 0) {
    return false;
  }
  const questionMark = urlQueryAt(request);
  return questionMark < 0 || braces < questionMark;
}

/**
 * Works out endpoint kind, provider and grant type of a request. `providerOfUrl` names the provider of a host the
 * public names do not tell (a profile's own server, such as a practice server on loopback).
 */
export function resolveRequestContext(
  file: HttpFile,
  request: HttpRequest | undefined,
  providerOfUrl?: (url: string) => ProviderKind | undefined,
): RequestContext {
  return request ? new LazyRequestContext(request, file.variables, providerOfUrl) : UNKNOWN_CONTEXT;
}

/**
 * A request's context, reading only what is asked for: most requests need the endpoint kind alone, so host, path,
 * query and form parameters are worked out the first time a lint or a finding needs them (or when only they can decide
 * the endpoint kind). A large file resolves thousands of these, so the endpoint kind is read off the URL in place,
 * without slicing or lower-casing host and path.
 */
class LazyRequestContext implements RequestContext {
  readonly endpoint: EndpointKind;
  /** The request URL, or its part before the query with file variables resolved when it uses some. */
  private readonly url: string;
  /** End of the part of {@link url} before the query. */
  private readonly urlEnd: number;
  /** Where the authority starts (after `scheme://`), or -1 when the URL has no scheme. */
  private readonly authorityStart: number;
  /** Where the path starts: the first `/` after the authority (-1 for none), or 0 without a scheme. */
  private readonly pathStart: number;
  private readonly questionMark: number;
  /** The host once read; `''` when the URL has none. */
  private hostPart: string | undefined;
  private pathPart: string | undefined;
  private formMediaType: boolean | undefined;
  private queryParams: FormParam[] | undefined;
  private formParams: FormParam[] | undefined;
  private grant: string | undefined | typeof UNREAD = UNREAD;
  private providerKind: ProviderKind | undefined;
  private pushedRequest: boolean | undefined;

  constructor(
    private readonly request: HttpRequest,
    variables: ReadonlyMap<string, string>,
    private readonly providerOfUrl?: (url: string) => ProviderKind | undefined,
  ) {
    const urlText = request.url.text;
    const questionMark = urlQueryAt(request);
    this.questionMark = questionMark;
    let url = urlText;
    let urlEnd = questionMark < 0 ? urlText.length : questionMark;
    if (urlUsesVariables(request)) {
      // Too long once expanded: read as written, as a URL with unknown variables is.
      const expanded = lintExpander(variables).expand(urlText.slice(0, urlEnd)).text;
      if (expanded !== undefined) {
        url = expanded;
        urlEnd = url.length;
      }
    }
    this.url = url;
    this.urlEnd = urlEnd;
    const authorityStart = schemeLength(url);
    this.authorityStart = authorityStart;
    if (authorityStart < 0) {
      this.pathStart = 0;
    } else {
      const slash = url.indexOf('/', authorityStart);
      this.pathStart = slash < urlEnd ? slash : -1;
    }
    this.endpoint = this.endpointKind();
  }

  /** Host, lower-case and without port; undefined without a scheme or with an empty authority. */
  get host(): string | undefined {
    this.hostPart ??= this.readHost() ?? '';
    return this.hostPart || undefined;
  }

  /** Path without query, lower-case: `/` when the URL has an authority only. */
  get path(): string {
    this.pathPart ??= this.pathStart < 0 ? '/' : lowerCase(this.url.slice(this.pathStart, this.urlEnd));
    return this.pathPart;
  }

  get resolvedUrl(): string {
    return this.urlEnd === this.url.length ? this.url : this.url.slice(0, this.urlEnd);
  }

  get isForm(): boolean {
    this.formMediaType ??= this.readIsForm();
    return this.formMediaType;
  }

  get provider(): ProviderKind {
    if (this.providerKind === undefined) {
      const known = this.isPracticeServer() ? 'rabobank' : providerKind(this.host, this.path);
      this.providerKind = known === 'unknown' ? (this.providerOfUrl?.(this.resolvedUrl) ?? known) : known;
    }
    return this.providerKind;
  }

  /**
   * The practice server on its usual loopback port behaves like Rabobank, so it gets Rabobank's explanations. Other
   * loopback servers on `/oauth2/` paths (Spring Authorization Server, for one) must not: the port tells them apart.
   */
  private isPracticeServer(): boolean {
    const host = this.host;
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
      return false;
    }
    const authorityEnd = this.pathStart < 0 ? this.urlEnd : this.pathStart;
    const path = this.path;
    return (
      this.url.slice(this.authorityStart, authorityEnd).endsWith(`:${PRACTICE_DEFAULT_PORT}`) &&
      (path.startsWith('/oauth2/') || path.startsWith('/payments/'))
    );
  }

  get pushed(): boolean {
    this.pushedRequest ??= this.request.method === 'POST' && isPushedPath(this.url, this.urlEnd);
    return this.pushedRequest;
  }

  /** Query parameters; offsets are into `request.url.text`. */
  get query(): readonly FormParam[] {
    this.queryParams ??=
      this.questionMark < 0 ? [] : parseFormParams(this.request.url.text, this.questionMark + 1);
    return this.queryParams;
  }

  /** Form body parameters; offsets are into `request.body.text`. */
  get form(): readonly FormParam[] {
    this.formParams ??= this.isForm ? parseFormParams(this.request.body?.text ?? '') : [];
    return this.formParams;
  }

  get grantType(): string | undefined {
    if (this.grant === UNREAD) {
      this.grant = (this.param('form', 'grant_type') ?? this.param('query', 'grant_type'))?.value;
    }
    return this.grant;
  }

  private readIsForm(): boolean {
    const contentType = this.request.headers.valueOf('content-type') ?? '';
    if (contentType) {
      return FORM_MEDIA_TYPE.test(contentType);
    }
    return /^\s*[A-Za-z_][\w.-]*=/.test((this.request.body?.text ?? '').slice(0, 200));
  }

  private readHost(): string | undefined {
    const url = this.url;
    const hostStart0 = this.authorityStart;
    if (hostStart0 < 0) {
      return undefined;
    }
    const authorityEnd = this.pathStart < 0 ? this.urlEnd : this.pathStart;
    let hostStart = hostStart0;
    for (let p = authorityEnd - 1; p >= hostStart0; p--) {
      if (url.charCodeAt(p) === AT_SIGN) {
        hostStart = p + 1;
        break;
      }
    }
    // A port is a `:` followed by digits only, up to the end of the authority.
    let hostEnd = authorityEnd;
    while (hostEnd > hostStart && isDigit(url.charCodeAt(hostEnd - 1))) {
      hostEnd--;
    }
    if (hostEnd === hostStart || url.charCodeAt(hostEnd - 1) !== COLON) {
      hostEnd = authorityEnd;
    } else {
      hostEnd--;
    }
    return hostEnd > hostStart ? lowerCase(url.slice(hostStart, hostEnd)) : undefined;
  }

  private endpointKind(): EndpointKind {
    const url = this.url;
    const pathStart = this.pathStart;
    let segment = '';
    // The end of the path without its trailing slashes.
    let last = this.urlEnd;
    if (pathStart >= 0) {
      while (last > pathStart + 1 && url.charCodeAt(last - 1) === SLASH) {
        last--;
      }
      let slash = last - 1;
      while (slash >= pathStart && url.charCodeAt(slash) !== SLASH) {
        slash--;
      }
      // The last path segment decides most kinds: one comparison each instead of a search per kind.
      if (slash >= pathStart) {
        segment = decidingSegment(url, slash + 1, last);
      }
    }
    switch (segment) {
      case 'revoke':
      case 'revocation':
        return 'revoke';
      case 'logout':
        if (lowerCase(url.slice(pathStart, last)).endsWith('/oauth2/v2.0/logout')) {
          return 'revoke';
        }
        break;
      case 'introspect':
      case 'introspection':
        return 'introspect';
      case 'token':
      case 'token.oauth2':
        return 'token';
      default:
        break;
    }
    if (this.param('form', 'grant_type')) {
      return 'token';
    }
    if (segment === 'authorize' || segment === 'auth' || this.param('query', 'response_type')) {
      return 'authorize';
    }
    if (segment === 'consents' || this.pathHasConsents()) {
      return 'consent';
    }
    return this.request.method ? 'resource' : 'unknown';
  }

  /** Whether the path has a `/consents/` segment in any case, searched in place. */
  private pathHasConsents(): boolean {
    if (this.pathStart < 0) {
      return false;
    }
    CONSENTS_SEGMENT.lastIndex = this.pathStart;
    return CONSENTS_SEGMENT.test(this.url) && CONSENTS_SEGMENT.lastIndex <= this.urlEnd;
  }

  /**
   * The query's or form's first parameter of that name. Text that neither spells the name out nor has a `%` (which
   * could hide it) cannot have one, and is not parsed for the answer.
   */
  private param(where: 'query' | 'form', name: string): FormParam | undefined {
    let text: string | undefined;
    let from = 0;
    if (where === 'query') {
      text = this.questionMark < 0 ? undefined : this.request.url.text;
      from = this.questionMark;
    } else {
      text = this.request.body?.text;
    }
    if (text === undefined || (text.indexOf(name, from) < 0 && text.indexOf('%', from) < 0)) {
      return undefined;
    }
    return findParam(where === 'query' ? this.query : this.form, name);
  }
}

/**
 * A path that ends in `/par` or `/par/request`: a pushed authorization request endpoint (RFC 9126 §2), or Keycloak's
 * `/ext/par/request`. Tested on the URL before its query (a `?next=/par` says nothing of the endpoint).
 */
const PAR_PATH_END = /\/par(?:\/request)?\/?$/i;

/** Whether `url[0, end)` ends in a pushed request's path; its last character (any case) rules out most at once. */
function isPushedPath(url: string, end: number): boolean {
  const last = url.charCodeAt(end - 1) | 0x20;
  return (last === 0x72 || last === 0x74 || last === 0x2f) && PAR_PATH_END.test(url.slice(0, end));
}

/** A lazily read field that has not been read yet. */
const UNREAD = Symbol('unread');

/**
 * `/consents/` in any case. Without the `u` flag a non-ASCII character never matches an ASCII letter, which is also
 * what lower-casing the path first gave: no non-ASCII character lowers to a letter of `consents`.
 */
const CONSENTS_SEGMENT = /\/consents\//gi;
const SLASH = 47;
const COLON = 58;
const AT_SIGN = 64;

/** The last path segments that decide an endpoint kind, lower-case, by their length. */
const DECIDING_SEGMENTS: readonly (readonly string[] | undefined)[] = (() => {
  const byLength: string[][] = [];
  for (const segment of [
    'auth',
    'token',
    'revoke',
    'logout',
    'consents',
    'authorize',
    'revocation',
    'introspect',
    'token.oauth2',
    'introspection',
  ]) {
    (byLength[segment.length] ??= []).push(segment);
  }
  return byLength;
})();

/**
 * The deciding segment that `url[start, end)` spells in any case, or `''`. Compared in place, without cutting and
 * lower-casing the segment: the same answer `toLowerCase` gave, as the one character outside ASCII that lowers to an
 * ASCII letter (the Kelvin sign, to `k`) is taken as `k` here too.
 */
function decidingSegment(url: string, start: number, end: number): string {
  const candidates = DECIDING_SEGMENTS[end - start];
  if (candidates === undefined) {
    return '';
  }
  for (const candidate of candidates) {
    let i = 0;
    for (; i < candidate.length; i++) {
      const c = url.charCodeAt(start + i);
      const lower = c >= 65 && c <= 90 ? c + 32 : c === KELVIN_SIGN ? 107 : c;
      if (lower !== candidate.charCodeAt(i)) {
        break;
      }
    }
    if (i === candidate.length) {
      return candidate;
    }
  }
  return '';
}

const KELVIN_SIGN = 0x212a;

/** Characters `toLowerCase` might change. */
const NOT_LOWER_ASCII = /[A-Z\u0080-\uffff]/;

/** `text.toLowerCase()`, without making a copy of text that has nothing to lower. */
function lowerCase(text: string): string {
  return NOT_LOWER_ASCII.test(text) ? text.toLowerCase() : text;
}

/** Length of a leading `scheme://` (RFC 3986 scheme characters), or -1 when the URL has none. */
function schemeLength(url: string): number {
  if (!isAsciiLetter(url.charCodeAt(0))) {
    return -1;
  }
  let p = 1;
  for (;;) {
    const c = url.charCodeAt(p);
    if (isAsciiLetter(c) || isDigit(c) || c === 43 || c === 45 || c === 46) {
      p++;
    } else {
      break;
    }
  }
  return url.startsWith('://', p) ? p + 3 : -1;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function providerKind(host: string | undefined, path: string): ProviderKind {
  if (host) {
    if (host === 'rabobank.nl' || host.endsWith('.rabobank.nl') || host.endsWith('.rabobank.com')) {
      return 'rabobank';
    }
    if (
      host === 'login.microsoftonline.com' ||
      host.endsWith('.ciamlogin.com') ||
      host === 'login.microsoft.com'
    ) {
      return 'entra';
    }
    if (host === 'accounts.google.com' || host.endsWith('.googleapis.com')) {
      return 'google';
    }
    if (host.endsWith('.auth0.com')) {
      return 'auth0';
    }
    if (host.endsWith('.okta.com') || host.endsWith('.oktapreview.com')) {
      return 'okta';
    }
  }
  if (path.includes('/realms/') && path.includes('/protocol/openid-connect/')) {
    return 'keycloak';
  }
  return 'unknown';
}
