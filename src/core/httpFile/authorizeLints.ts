import { Finding, finding } from './finding';
import { isName } from './charCodes';
import { NamedValue } from './grantLints';
import { SourceText } from './sourceText';

/** RFC 7636 §4.2: an S256 challenge is the base64url SHA-256 of the verifier, 43 characters without padding. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
/** RFC 7636 §4.1: a plain challenge is the verifier itself, 43 to 128 unreserved characters. */
const PLAIN_CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;

const isVariable = (value: string) => value.includes('{{');

/**
 * Checks of an authorization request's parameters, whether they ride in the query of the browser request or in the
 * body of a pushed authorization request (RFC 9126): credentials in the front channel, PKCE, and OpenID's `nonce`.
 * `frontChannel` is false for a pushed request, where a client secret is in its right place.
 */
export function lintAuthorizeParams(
  params: readonly NamedValue[],
  source: SourceText,
  frontChannel: boolean,
  out: Finding[],
): void {
  // One walk over the parameters, each kept at its first occurrence. Names are compared rather than looked up in a
  // set, which would hash every name the query was cut into.
  let responseType: NamedValue | undefined;
  let challenge: NamedValue | undefined;
  let method: NamedValue | undefined;
  let scope: NamedValue | undefined;
  let nonce: NamedValue | undefined;
  for (const p of params) {
    const name = p.name;
    if (isName(name, 'client_secret') || isName(name, 'client_assertion') || name === 'password') {
      // What proves who the client is belongs in the back channel, never in a browser's address bar.
      if (frontChannel) {
        add(out, source, 'lint.authorize.credentials-in-front-channel', p, 'error', `\`${name}\``, true);
      }
    } else if (isName(name, 'response_type')) {
      responseType ??= p;
    } else if (isName(name, 'code_challenge')) {
      challenge ??= p;
    } else if (isName(name, 'code_challenge_method')) {
      method ??= p;
    } else if (name === 'scope') {
      scope ??= p;
    } else if (name === 'nonce') {
      nonce ??= p;
    }
  }
  if (responseType && /(^|\s)token(\s|$)/.test(responseType.value)) {
    add(out, source, 'lint.authorize.implicit-grant', responseType, 'warning');
  }
  if (method && !challenge) {
    add(out, source, 'lint.authorize.pkce-method-without-challenge', method, 'error');
  }
  if (challenge && !isVariable(challenge.value)) {
    const s256 = method?.value === 'S256';
    const shape = s256 ? S256_CHALLENGE : PLAIN_CHALLENGE;
    if (!shape.test(challenge.value)) {
      add(
        out,
        source,
        'lint.authorize.pkce-challenge-malformed',
        challenge,
        'error',
        challenge.value === ''
          ? 'the value is empty'
          : s256
            ? `${challenge.value.length} characters, an S256 challenge has 43 base64url characters`
            : `${challenge.value.length} characters`,
        challenge.value === '',
      );
    }
    if (!method || method.value === 'plain') {
      add(
        out,
        source,
        'lint.authorize.pkce-plain',
        method ?? challenge,
        'warning',
        method ? undefined : 'no method means plain',
      );
    }
  }
  if (scope && /(^|\s)openid(\s|$)/.test(scope.value) && !nonce) {
    // A nonce is required when an ID token comes back from the authorization endpoint (implicit or hybrid flow).
    const implicit = /(^|\s)id_token(\s|$)/.test(responseType?.value ?? '');
    add(out, source, 'lint.authorize.openid-without-nonce', scope, implicit ? 'warning' : 'information');
  }
}

/**
 * A finding on a parameter's value (or the whole `name=value` with `whole`). A function of its own rather than a
 * closure over `out` and `source`: this runs for every authorization request, and a closure is an object each time.
 */
function add(
  out: Finding[],
  source: SourceText,
  code: string,
  p: NamedValue,
  severity: Finding['severity'],
  detail?: string,
  whole = false,
): void {
  out.push(
    finding(
      code,
      source.toReal(whole ? p.start : p.valueStart),
      source.toReal(p.valueEnd),
      severity,
      undefined,
      detail,
    ),
  );
}
