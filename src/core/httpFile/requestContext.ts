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

/** Works out endpoint kind, provider and grant type of a request. */
export function resolveRequestContext(file: HttpFile, request: HttpRequest | undefined): RequestContext {
  if (!request) {
    return UNKNOWN_CONTEXT;
  }
  const urlText = request.url.text;
  const questionMark = urlText.indexOf('?');
  const query = questionMark < 0 ? [] : parseFormParams(urlText, questionMark + 1);
  const resolvedUrl = resolveVariables(
    questionMark < 0 ? urlText : urlText.slice(0, questionMark),
    file.variables,
  );
  const { host, path } = splitUrl(resolvedUrl);
  const contentType = findHeader(request.headers, 'content-type')?.value.toLowerCase() ?? '';
  const bodyText = request.body?.text ?? '';
  const looksLikeForm = !contentType && /^\s*[A-Za-z_][\w.-]*=/.test(bodyText.slice(0, 200));
  const isForm = contentType.includes('application/x-www-form-urlencoded') || looksLikeForm;
  const form = isForm ? parseFormParams(bodyText) : [];
  const grantType = findParam(form, 'grant_type')?.value ?? findParam(query, 'grant_type')?.value;
  return {
    endpoint: endpointKind(path, query, form, request.method),
    provider: providerKind(host, path),
    grantType,
    host,
    path,
    resolvedUrl,
    query,
    form,
    isForm,
  };
}

/** Host (lower-case, no port) and path (lower-case) of a URL written in a `.http` file. */
export function splitUrl(url: string): { host: string | undefined; path: string } {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!scheme) {
    return { host: undefined, path: url.toLowerCase() };
  }
  const rest = url.slice(scheme[0].length);
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const host = hostPort.replace(/:\d*$/, '').toLowerCase();
  return { host: host || undefined, path: slash < 0 ? '/' : rest.slice(slash).toLowerCase() };
}

function endpointKind(
  path: string,
  query: readonly FormParam[],
  form: readonly FormParam[],
  method: string,
): EndpointKind {
  let last = path.length;
  while (last > 1 && path.charCodeAt(last - 1) === 47) {
    last--;
  }
  const p = path.slice(0, last);
  if (/\/(revoke|revocation)$/.test(p) || p.endsWith('/oauth2/v2.0/logout')) {
    return 'revoke';
  }
  if (/\/(introspect|introspection|token\/introspect)$/.test(p)) {
    return 'introspect';
  }
  if (/\/(token|token\.oauth2)$/.test(p) || findParam(form, 'grant_type')) {
    return 'token';
  }
  if (/\/(authorize|auth)$/.test(p) || findParam(query, 'response_type')) {
    return 'authorize';
  }
  if (/\/consents(\/|$)/.test(p)) {
    return 'consent';
  }
  return method ? 'resource' : 'unknown';
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
