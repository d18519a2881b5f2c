/**
 * The client profile: everything needed to talk OAuth 2.0 to one authorization server as one registered client,
 * except the client secret, which lives behind the {@link SecretStore} port.
 *
 * Protocol data keeps the spec's names (`authorization_endpoint`, `client_id`, `redirect_uri`); our own settings are
 * camelCase.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
 */
import { loopbackTargetOf } from './loopbackTarget';
import { english, type Translate } from '../text/translate';

/** How the client authenticates at the token, revocation and introspection endpoints. @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1 */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

/** Every preset a profile can start from; Rabobank ones carry the bank's documented endpoints and lifetimes. */
export type ProfilePresetId =
  | 'rabobank-psd2-sandbox'
  | 'rabobank-psd2-production'
  | 'rabobank-premium-sandbox'
  | 'rabobank-premium-production'
  | 'generic-oauth2'
  | 'generic-oidc';

/** Files for mutual TLS and a private CA; paths, because the profile is stored in settings and PEM is not a setting. */
export interface ClientTlsSettings {
  /** PEM client certificate (chain) for mTLS, e.g. a Rabobank QWAC or EV certificate. */
  readonly clientCertificatePath?: string;
  /** PEM private key of the client certificate. */
  readonly clientKeyPath?: string;
  /** PEM CA bundle trusted in addition to the system roots (a corporate proxy, a test CA). */
  readonly caBundlePath?: string;
}

/** One OAuth client registration as the user configured it; persisted by the VS Code layer as JSON in settings. */
export interface ClientProfile {
  /** Stable identifier; keys the client secret and the stored token set. */
  readonly id: string;
  readonly label: string;
  readonly preset: ProfilePresetId;
  /** The authorization server's issuer, when known (OIDC discovery, RFC 8414); enables the RFC 9207 `iss` check. */
  readonly issuer?: string;
  /** The server puts `iss` on every authorization response (RFC 9207 metadata); a callback without it is refused. */
  readonly authorization_response_iss_parameter_supported?: boolean;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly revocation_endpoint?: string;
  readonly introspection_endpoint?: string;
  /** The device authorization endpoint (RFC 8628 §3.1); with it the profile can sign in with a user code. */
  readonly device_authorization_endpoint?: string;
  /** Rabobank Consent Details API base, e.g. `https://api-sandbox.rabobank.nl/openapi/sandbox/oauth2-premium/v1/consents`. */
  readonly consentDetailsEndpoint?: string;
  readonly client_id: string;
  readonly token_endpoint_auth_method: ClientAuthMethod;
  /** The redirect URI exactly as registered at the provider; the loopback server serves its port and path. */
  readonly redirect_uri: string;
  readonly scopes: readonly string[];
  /** Send a PKCE S256 challenge (RFC 7636). */
  readonly pkce: boolean;
  /** Wait this long after the callback before exchanging the code (Rabobank advises 1000 ms). */
  readonly exchangeDelayMs: number;
  /** Extra query parameters for the authorization request (e.g. `prompt`, `audience`); never the reserved ones. */
  readonly extraAuthorizeParams?: Readonly<Record<string, string>>;
  readonly tls?: ClientTlsSettings;
  /** Explicit proxy URL; when absent, HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment apply. */
  readonly proxy?: string;
  /**
   * Hosts (`host` or `host:port`) of the APIs the profile's access token is meant for; a request sent with
   * `{{$auth.token(…)}}` must go to one of them or to the profile's own endpoints. Presets fill it in.
   */
  readonly apiHosts?: readonly string[];
}

/** One validation finding, tied to the field it is about, worded for the person editing the profile. */
export interface ProfileProblem {
  /** The profile field, e.g. `token_endpoint` or `scopes`. */
  readonly field:
    | keyof ClientProfile
    | `tls.${keyof ClientTlsSettings}`
    | `extraAuthorizeParams.${string}`
    | `apiHosts.${number}`;
  /** `error` blocks sign-in; `warning` is advice (e.g. paste-back will be needed). */
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Authorization-request parameters the engine sets itself; a profile may not override them. */
export const RESERVED_AUTHORIZE_PARAMS: readonly string[] = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'nonce',
];

const AUTH_METHODS: readonly ClientAuthMethod[] = ['client_secret_basic', 'client_secret_post', 'none'];

/**
 * Checks a profile and reports every problem at once, each with its field and a plain sentence, so an editor can show
 * them all next to their inputs. Accepts untrusted input (settings JSON), hence `unknown` fields are tolerated. The
 * sentences go through `translate` (English where no translation is at hand: the engine, the CLI).
 */
export function validateClientProfile(
  profile: ClientProfile,
  translate: Translate = english,
): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const add = (
    field: ProfileProblem['field'],
    message: string,
    severity: ProfileProblem['severity'] = 'error',
  ) => problems.push({ field, severity, message });

  if (!isNonEmptyString(profile.id)) {
    add('id', translate('The profile needs an id.'));
  } else if (!/^[A-Za-z0-9._-]+$/.test(profile.id)) {
    // The settings schema's pattern; hand-edited settings bypass it, and ids end up in keychain keys and tree item ids.
    add('id', translate('Use only letters, digits, ".", "_" and "-" in the id.'));
  }
  if (!isNonEmptyString(profile.label)) {
    add('label', translate('Give the profile a name.'));
  }
  if (!isNonEmptyString(profile.client_id)) {
    add('client_id', translate('Enter the client id from the provider’s developer portal.'));
  }
  checkEndpoint(add, translate, 'authorization_endpoint', profile.authorization_endpoint, true);
  checkEndpoint(add, translate, 'token_endpoint', profile.token_endpoint, true);
  checkEndpoint(add, translate, 'revocation_endpoint', profile.revocation_endpoint, false);
  checkEndpoint(add, translate, 'introspection_endpoint', profile.introspection_endpoint, false);
  checkEndpoint(
    add,
    translate,
    'device_authorization_endpoint',
    profile.device_authorization_endpoint,
    false,
  );
  checkEndpoint(add, translate, 'consentDetailsEndpoint', profile.consentDetailsEndpoint, false);
  if (profile.issuer !== undefined && !isNonEmptyString(profile.issuer)) {
    add('issuer', translate('The issuer must be a URL, or be left out.'));
  }

  if (!AUTH_METHODS.includes(profile.token_endpoint_auth_method)) {
    add(
      'token_endpoint_auth_method',
      translate('Client authentication must be one of {0}.', AUTH_METHODS.join(', ')),
    );
  }
  if (profile.token_endpoint_auth_method === 'none' && !profile.pkce) {
    add('pkce', translate('A public client (no client secret) should use PKCE.'), 'warning');
  }

  checkRedirectUri(add, translate, profile.redirect_uri);

  if (!Array.isArray(profile.scopes) || profile.scopes.filter(isNonEmptyString).length === 0) {
    add('scopes', translate('Enter at least one scope, e.g. ais.balances.read.'));
  } else if (profile.scopes.some((scope) => !isNonEmptyString(scope) || /\s/.test(scope))) {
    add(
      'scopes',
      translate('Each scope is one word without spaces; list several scopes as separate entries.'),
    );
  }

  if (typeof profile.pkce !== 'boolean') {
    add('pkce', translate('PKCE is either on or off.'));
  }
  if (
    !Number.isInteger(profile.exchangeDelayMs) ||
    profile.exchangeDelayMs < 0 ||
    profile.exchangeDelayMs > 60_000
  ) {
    add(
      'exchangeDelayMs',
      translate('The code-exchange delay is a whole number of milliseconds between 0 and 60000.'),
    );
  }

  for (const name of Object.keys(profile.extraAuthorizeParams ?? {})) {
    if (RESERVED_AUTHORIZE_PARAMS.includes(name)) {
      add(
        `extraAuthorizeParams.${name}`,
        translate('"{0}" is set by OAuth Workbench itself; remove it from the extra parameters.', name),
      );
    }
  }

  const tls = profile.tls ?? {};
  if (isNonEmptyString(tls.clientCertificatePath) !== isNonEmptyString(tls.clientKeyPath)) {
    add(
      isNonEmptyString(tls.clientCertificatePath) ? 'tls.clientKeyPath' : 'tls.clientCertificatePath',
      translate('Mutual TLS needs both the client certificate and its private key.'),
    );
  }
  checkApiHosts(add, translate, profile.apiHosts);
  if (profile.proxy !== undefined && profile.proxy !== '') {
    const proxy = parseUrl(profile.proxy);
    if (!proxy || !['http:', 'https:'].includes(proxy.protocol)) {
      add(
        'proxy',
        translate('The proxy must be an http:// or https:// URL, e.g. http://proxy.example:3128.'),
      );
    }
  }
  return problems;
}

/** True when validation found nothing that blocks sign-in. */
export function isUsableProfile(problems: readonly ProfileProblem[]): boolean {
  return problems.every((problem) => problem.severity !== 'error');
}

/** True for http(s) URLs whose host is a loopback address or `localhost` (the only place plain http is acceptable). */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function checkEndpoint(
  add: (field: ProfileProblem['field'], message: string) => void,
  translate: Translate,
  field:
    | 'authorization_endpoint'
    | 'token_endpoint'
    | 'revocation_endpoint'
    | 'introspection_endpoint'
    | 'device_authorization_endpoint'
    | 'consentDetailsEndpoint',
  value: string | undefined,
  required: boolean,
): void {
  if (value === undefined || value === '') {
    if (required) {
      add(field, translate('Enter the {0} URL.', describeField(field, translate)));
    }
    return;
  }
  const url = parseUrl(value);
  if (!url) {
    add(field, translate('The {0} is not a valid URL.', describeField(field, translate)));
  } else if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url))) {
    add(
      field,
      translate(
        'The {0} must use https (plain http is only allowed on loopback).',
        describeField(field, translate),
      ),
    );
  } else if (url.hash) {
    add(field, translate('The {0} must not contain a #fragment.', describeField(field, translate)));
  }
}

/** A host name or IP literal, with an optional port: no scheme, path, user info or wildcard. */
const API_HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function checkApiHosts(
  add: (field: ProfileProblem['field'], message: string) => void,
  translate: Translate,
  hosts: unknown,
): void {
  if (hosts === undefined) {
    return;
  }
  if (!Array.isArray(hosts)) {
    add('apiHosts', translate('List the API hosts as separate entries, e.g. ["api-sandbox.rabobank.nl"].'));
    return;
  }
  hosts.forEach((host: unknown, i) => {
    if (typeof host !== 'string' || !API_HOST.test(host)) {
      add(
        `apiHosts.${i}`,
        translate(
          'An API host is a host name with an optional port, e.g. api.example.com or 127.0.0.1:8642; no scheme, path or wildcard.',
        ),
      );
    }
  });
}

function checkRedirectUri(
  add: (field: 'redirect_uri', message: string, severity?: 'error' | 'warning') => void,
  translate: Translate,
  value: string,
): void {
  if (!isNonEmptyString(value)) {
    add('redirect_uri', translate('Enter the redirect URI exactly as registered on the provider’s portal.'));
    return;
  }
  const url = parseUrl(value);
  if (!url) {
    add('redirect_uri', translate('The redirect URI is not a valid URL.'));
    return;
  }
  if (url.hash) {
    add('redirect_uri', translate('A redirect URI must not contain a #fragment (RFC 6749 §3.1.2).'));
    return;
  }
  if (url.protocol === 'http:' && !isLoopbackUrl(url)) {
    add(
      'redirect_uri',
      translate('A plain-http redirect URI must point at loopback (127.0.0.1, [::1] or localhost).'),
    );
    return;
  }
  if (url.protocol === 'http:' && url.port === '') {
    add(
      'redirect_uri',
      translate(
        'This redirect URI uses port 80: listening there needs administrator rights on most systems, and a local web server often holds it already. Register a URI with a port of its own, such as http://127.0.0.1:8765/callback, and use that one here.',
      ),
      'warning',
    );
    return;
  }
  if (!loopbackTargetOf(value)) {
    add(
      'redirect_uri',
      translate(
        'OAuth Workbench cannot receive this redirect locally; you will paste the URL the browser ends on. Register a loopback URI such as http://127.0.0.1:8765/callback to sign in without pasting.',
      ),
      'warning',
    );
  }
}

function describeField(field: string, translate: Translate): string {
  switch (field) {
    case 'authorization_endpoint':
      return translate('authorization endpoint');
    case 'token_endpoint':
      return translate('token endpoint');
    case 'revocation_endpoint':
      return translate('revocation endpoint');
    case 'introspection_endpoint':
      return translate('introspection endpoint');
    case 'device_authorization_endpoint':
      return translate('device authorization endpoint');
    default:
      return translate('consent details endpoint');
  }
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
