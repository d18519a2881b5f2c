import { FormParam, findParam, parseFormParams } from './formParams';
import { HttpFile, HttpRequest, findHeader, resolveVariables } from './parseHttpFile';

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
};

/**
 * The form media type in any case. A case-insensitive pattern gives the answer `toLowerCase().includes` gave (no
 * character outside ASCII matches an ASCII letter either way, and the name has no `k`, the one ASCII letter a non-ASCII
 * capital lowers to), without copying the header value.
 */
const FORM_MEDIA_TYPE = /application\/x-www-form-urlencoded/i;

/** Whether a request URL has `{{variables}}` before its query: only that part is resolved against the file's. */
export function urlUsesVariables(urlText: string): boolean {
  const braces = urlText.indexOf('{{');
  if (braces < 0) {
    return false;
  }
  const questionMark = urlText.indexOf('?');
  return questionMark < 0 || braces < questionMark;
}

/** Works out endpoint kind, provider and grant type of a request. */
export function resolveRequestContext(file: HttpFile, request: HttpRequest | undefined): RequestContext {
  return request ? new LazyRequestContext(request, file.variables) : UNKNOWN_CONTEXT;
}

/**
 * A request's context, reading only what is asked for: most requests need the endpoint kind and provider alone, and
 * query and form parameters are parsed the first time a lint or a finding needs them (or when only they can decide the
 * endpoint kind). Linting a 1 MB file resolves 2,500 of these, so the eager version was a quarter of its time.
 */
class LazyRequestContext implements RequestContext {
  readonly endpoint: EndpointKind;
  readonly host: string | undefined;
  readonly path: string;
  readonly resolvedUrl: string;
  readonly isForm: boolean;
  private readonly urlText: string;
  private readonly questionMark: number;
  private queryParams: FormParam[] | undefined;
  private formParams: FormParam[] | undefined;
  private grant: { value: string | undefined } | undefined;
  private providerKind: ProviderKind | undefined;

  constructor(
    private readonly request: HttpRequest,
    variables: ReadonlyMap<string, string>,
  ) {
    const urlText = request.url.text;
    const questionMark = urlText.indexOf('?');
    this.urlText = urlText;
    this.questionMark = questionMark;
    const base = questionMark < 0 ? urlText : urlText.slice(0, questionMark);
    this.resolvedUrl = urlUsesVariables(urlText) ? resolveVariables(base, variables) : base;
    const { host, path } = splitUrl(this.resolvedUrl);
    this.host = host;
    this.path = path;
    const contentType = findHeader(request.headers, 'content-type')?.value ?? '';
    if (contentType) {
      this.isForm = FORM_MEDIA_TYPE.test(contentType);
    } else {
      this.isForm = /^\s*[A-Za-z_][\w.-]*=/.test((request.body?.text ?? '').slice(0, 200));
    }
    this.endpoint = this.endpointKind();
  }

  get provider(): ProviderKind {
    this.providerKind ??= providerKind(this.host, this.path);
    return this.providerKind;
  }

  /** Query parameters; offsets are into `request.url.text`. */
  get query(): readonly FormParam[] {
    this.queryParams ??= this.questionMark < 0 ? [] : parseFormParams(this.urlText, this.questionMark + 1);
    return this.queryParams;
  }

  /** Form body parameters; offsets are into `request.body.text`. */
  get form(): readonly FormParam[] {
    this.formParams ??= this.isForm ? parseFormParams(this.request.body?.text ?? '') : [];
    return this.formParams;
  }

  get grantType(): string | undefined {
    this.grant ??= { value: (this.param('form', 'grant_type') ?? this.param('query', 'grant_type'))?.value };
    return this.grant.value;
  }

  private endpointKind(): EndpointKind {
    const path = this.path;
    let last = path.length;
    while (last > 1 && path.charCodeAt(last - 1) === 47) {
      last--;
    }
    const p = last === path.length ? path : path.slice(0, last);
    // The last path segment decides most kinds: one comparison each instead of a search per kind.
    const slash = p.lastIndexOf('/');
    const segment = slash < 0 ? '' : p.slice(slash + 1);
    switch (segment) {
      case 'revoke':
      case 'revocation':
        return 'revoke';
      case 'logout':
        if (p.endsWith('/oauth2/v2.0/logout')) {
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
    if (segment === 'consents' || p.includes('/consents/')) {
      return 'consent';
    }
    return this.request.method ? 'resource' : 'unknown';
  }

  /**
   * The query's or form's first parameter of that name. Text that neither spells the name out nor has a `%` (which
   * could hide it) cannot have one, and is not parsed for the answer.
   */
  private param(where: 'query' | 'form', name: string): FormParam | undefined {
    let text: string | undefined;
    let from = 0;
    if (where === 'query') {
      text = this.questionMark < 0 ? undefined : this.urlText;
      from = this.questionMark;
    } else {
      text = this.isForm ? this.request.body?.text : undefined;
    }
    if (text === undefined || (text.indexOf(name, from) < 0 && text.indexOf('%', from) < 0)) {
      return undefined;
    }
    return findParam(where === 'query' ? this.query : this.form, name);
  }
}

/** Host (lower-case, no port) and path (lower-case) of a URL written in a `.http` file. */
export function splitUrl(url: string): { host: string | undefined; path: string } {
  const schemeEnd = schemeLength(url);
  if (schemeEnd < 0) {
    return { host: undefined, path: lowerCase(url) };
  }
  const slash = url.indexOf('/', schemeEnd);
  const authorityEnd = slash < 0 ? url.length : slash;
  const at = url.lastIndexOf('@', authorityEnd - 1);
  const hostStart = at >= schemeEnd ? at + 1 : schemeEnd;
  // A port is a `:` followed by digits only, up to the end of the authority.
  let hostEnd = authorityEnd;
  while (hostEnd > hostStart && isDigit(url.charCodeAt(hostEnd - 1))) {
    hostEnd--;
  }
  if (hostEnd === hostStart || url.charCodeAt(hostEnd - 1) !== 58) {
    hostEnd = authorityEnd;
  } else {
    hostEnd--;
  }
  const host = lowerCase(url.slice(hostStart, hostEnd));
  return { host: host || undefined, path: slash < 0 ? '/' : lowerCase(url.slice(slash)) };
}

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
