/**
 * How the engine explains a refusal that the plain `error` → catalog mapping gets wrong or cannot place: empty bodies,
 * `error` values no RFC defines, standard values sent for another reason than the RFC gives (a wrong secret told as
 * `unauthorized_client`), a refresh token family revoked after reuse, and a Basic header whose encoded secret the
 * server does not decode. The rules are data, tried in order; the first that matches wins.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2
 */
import { type LocalText, localText } from '../text/localText';
import { ErrorContext } from './errorCatalog';

/** What is known about one refusal when it is explained. */
export interface RefusalFacts {
  readonly context: ErrorContext;
  readonly status: number;
  /** The server's `error` value; undefined when the body has none (empty, HTML, other JSON). */
  readonly error?: string;
  readonly description?: string;
  readonly emptyBody: boolean;
}

/** A catalog id and a fix that suit the refusal, the grant and the status. */
export interface RefusalExplanation {
  readonly catalogId: string;
  readonly fix: LocalText;
}

/** Catalog ids by whether the server is Rabobank's (whose guide has entries of its own) or another. */
interface CatalogChoice {
  readonly rabobank: string;
  readonly other: string;
}

const CODE: CatalogChoice = { rabobank: 'rabobank.token.invalid-code', other: 'oauth.token.invalid_grant' };
const REFRESH: CatalogChoice = {
  rabobank: 'rabobank.token.invalid-refresh-token',
  other: 'oauth.token.invalid_grant',
};
const CLIENT: CatalogChoice = {
  rabobank: 'rabobank.token.invalid-client',
  other: 'oauth.token.invalid_client',
};
const SCOPE: CatalogChoice = { rabobank: 'oauth.token.invalid_scope', other: 'oauth.token.invalid_scope' };

/** One way of reading a refusal. `{0}` in the fix is the server's own `error` value. */
interface RefusalRule {
  readonly endpoint?: ErrorContext['endpoint'];
  readonly grantTypes?: readonly string[];
  readonly statuses?: readonly number[];
  /**
   * Which `error` values: a list, `'empty'` for an empty body, `'none'` for any body without one (a page, other
   * JSON, nothing), `'nonstandard'` for a value no RFC defines.
   */
  readonly errors?: readonly string[] | 'empty' | 'none' | 'nonstandard';
  /** For `'nonstandard'`: what the value must mention. */
  readonly errorMentions?: RegExp;
  readonly description?: RegExp;
  /** Only when the secret went in a Basic header and form-encoding changed it. */
  readonly basicSecretEncoded?: true;
  readonly catalog: CatalogChoice;
  readonly fix: LocalText;
}

/** Error values defined by RFC 6749, 6750, 7009, 8628, 8693 and 9449: the others are read by what they mention. */
const STANDARD_ERRORS: ReadonlySet<string> = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'invalid_token',
  'insufficient_scope',
  'unsupported_token_type',
  'authorization_pending',
  'slow_down',
  'access_denied',
  'expired_token',
  'invalid_target',
  'invalid_dpop_proof',
  'use_dpop_nonce',
  'server_error',
  'temporarily_unavailable',
]);

const BEFORE_LOGIN: CatalogChoice = {
  rabobank: 'oauth.authorize.refused-before-login',
  other: 'oauth.authorize.refused-before-login',
};

const REFUSAL_RULES: readonly RefusalRule[] = [
  {
    endpoint: 'authorization',
    statuses: [400, 401, 403, 404],
    errors: 'none',
    catalog: BEFORE_LOGIN,
    fix: localText(
      'Register the redirect URI for this client exactly as the profile has it, and compare the client id with the provider’s: the server will not start a login for this request, so it cannot redirect back.',
    ),
  },
  {
    endpoint: 'token',
    grantTypes: ['refresh_token'],
    errors: ['invalid_grant'],
    description: /reuse|reused|replay|family|revoked/i,
    catalog: REFRESH,
    fix: localText(
      'Run Sign In Again: the server saw this refresh token used a second time and revoked every token of this sign-in, so no refresh can recover it.',
    ),
  },
  {
    endpoint: 'token',
    errors: ['invalid_client', 'unauthorized_client'],
    basicSecretEncoded: true,
    catalog: CLIENT,
    fix: localText(
      'Set the profile’s client authentication to client_secret_post (Edit Profile), or replace the secret: it has characters the Basic header must form-encode (RFC 6749 §2.3.1), and some servers do not decode them.',
    ),
  },
  {
    endpoint: 'token',
    statuses: [401],
    errors: 'empty',
    basicSecretEncoded: true,
    catalog: CLIENT,
    fix: localText(
      'Set the profile’s client authentication to client_secret_post (Edit Profile), or replace the secret: it has characters the Basic header must form-encode (RFC 6749 §2.3.1), and some servers do not decode them.',
    ),
  },
  {
    endpoint: 'token',
    statuses: [401, 403],
    errors: ['unauthorized_client'],
    catalog: CLIENT,
    fix: localText(
      'Set the client secret again (Set Client Secret) and compare the client id and the authentication method (Basic header or form body) with the provider’s registration (Edit Profile). The server refused the client’s credentials (it calls this `{0}`).',
    ),
  },
  {
    endpoint: 'token',
    grantTypes: ['refresh_token'],
    statuses: [400],
    errors: 'empty',
    catalog: REFRESH,
    fix: localText(
      'Run Sign In Again: the server refused the refresh token without saying why; it was used already, expired or was revoked, or the consent ended.',
    ),
  },
  {
    endpoint: 'token',
    grantTypes: ['authorization_code'],
    statuses: [400],
    errors: 'empty',
    catalog: CODE,
    fix: localText(
      'Run Sign In Again: the server refused the authorization code without saying why; a code works once, within minutes, with the redirect URI it was issued for.',
    ),
  },
  {
    endpoint: 'token',
    statuses: [401, 403],
    errors: 'empty',
    catalog: CLIENT,
    fix: localText(
      'Set the client secret again (Set Client Secret) and compare the client id and the authentication method (Basic header or form body) with the provider’s registration (Edit Profile). The server refused the client without saying why.',
    ),
  },
  {
    endpoint: 'token',
    errors: 'nonstandard',
    errorMentions: /code/i,
    catalog: CODE,
    fix: localText(
      'Run Sign In Again: the server refused the authorization code (it calls this `{0}`); a code works once, within minutes, with the redirect URI it was issued for.',
    ),
  },
  {
    endpoint: 'token',
    errors: 'nonstandard',
    errorMentions: /refresh/i,
    catalog: REFRESH,
    fix: localText(
      'Run Sign In Again: the server refused the refresh token (it calls this `{0}`); it was used already, expired or was revoked.',
    ),
  },
  {
    endpoint: 'token',
    errors: 'nonstandard',
    errorMentions: /client|secret|credential|auth/i,
    catalog: CLIENT,
    fix: localText(
      'Set the client secret again (Set Client Secret) and compare the client id and the authentication method (Basic header or form body) with the provider’s registration (Edit Profile). The server refused the client (it calls this `{0}`).',
    ),
  },
  {
    endpoint: 'token',
    errors: 'nonstandard',
    errorMentions: /scope/i,
    catalog: SCOPE,
    fix: localText(
      'Request only scopes the client is registered for (Edit Profile): the server refused the scope (it calls this `{0}`).',
    ),
  },
  {
    endpoint: 'token',
    grantTypes: ['refresh_token'],
    errors: 'nonstandard',
    errorMentions: /grant|token|expired|invalid/i,
    catalog: REFRESH,
    fix: localText(
      'Run Sign In Again: the server refused the refresh token (it calls this `{0}`); it was used already, expired or was revoked.',
    ),
  },
  {
    endpoint: 'token',
    grantTypes: ['authorization_code'],
    errors: 'nonstandard',
    errorMentions: /grant|expired|invalid|used/i,
    catalog: CODE,
    fix: localText(
      'Run Sign In Again: the server refused the authorization code (it calls this `{0}`); a code works once, within minutes, with the redirect URI it was issued for.',
    ),
  },
];

/** The explanation of the first rule that fits the refusal; undefined when the plain mapping is right. */
export function explainRefusal(facts: RefusalFacts): RefusalExplanation | undefined {
  const rule = REFUSAL_RULES.find((r) => matches(r, facts));
  if (!rule) {
    return undefined;
  }
  // The rule's own literal is in the l10n bundle; the server's value fills its `{0}`.
  const serverError = facts.error ?? '';
  return {
    catalogId: facts.context.rabobank ? rule.catalog.rabobank : rule.catalog.other,
    fix: localText(rule.fix.message, serverError),
  };
}

function matches(rule: RefusalRule, facts: RefusalFacts): boolean {
  const { context, status, error } = facts;
  if (rule.endpoint !== undefined && rule.endpoint !== context.endpoint) {
    return false;
  }
  if (rule.grantTypes && !rule.grantTypes.includes(context.grantType ?? '')) {
    return false;
  }
  if (rule.statuses && !rule.statuses.includes(status)) {
    return false;
  }
  if (rule.basicSecretEncoded && !context.basicSecretEncoded) {
    return false;
  }
  if (rule.description && !rule.description.test(facts.description ?? '')) {
    return false;
  }
  const errors = rule.errors;
  if (errors === 'empty') {
    return facts.emptyBody;
  }
  if (errors === 'none') {
    return error === undefined;
  }
  if (errors === 'nonstandard') {
    return (
      error !== undefined &&
      !STANDARD_ERRORS.has(error) &&
      (rule.errorMentions === undefined || rule.errorMentions.test(error))
    );
  }
  return errors === undefined || (error !== undefined && errors.includes(error));
}
