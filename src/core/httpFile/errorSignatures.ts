import { BERLIN_GROUP_CODES } from '../knowledge/berlinGroupEntries';
import { ENTRA_CODES } from '../knowledge/identityProviderEntries';
import {
  AUTHORIZE_ERROR_CODES,
  BEARER_ERROR_CODES,
  REVOKE_ERROR_CODES,
  TOKEN_ERROR_CODES,
} from '../knowledge/oauthEntries';
import { ErrorChoice, rabobankTokenError } from '../knowledge/rabobankTokenErrors';
import { Finding, NONE, finding } from './finding';
import { JsonNode, JsonObject, memberValue, stringMember } from './jsonScanner';
import { RequestContext } from './requestContext';

export type Place = 'authorize' | 'token' | 'bearer' | 'revoke';

/**
 * The knowledge-base id of each registered error code, per place. Ids are made once here rather than by a template
 * per finding: a lint of a large file then neither allocates them again nor hashes a new string in every lookup.
 */
const PLACE_IDS: Readonly<Record<Place, ReadonlyMap<string, string>>> = {
  token: idsByCode('oauth.token.', TOKEN_ERROR_CODES),
  authorize: idsByCode('oauth.authorize.', AUTHORIZE_ERROR_CODES),
  bearer: idsByCode('oauth.bearer.', BEARER_ERROR_CODES),
  revoke: idsByCode('oauth.revoke.', REVOKE_ERROR_CODES),
};
const BERLIN_GROUP_IDS = idsByCode(
  'berlingroup.',
  [...BERLIN_GROUP_CODES].map((code) => ({ code })),
);
const ENTRA_IDS = idsByCode(
  'entra.AADSTS',
  [...ENTRA_CODES].map((code) => ({ code })),
);

function idsByCode(prefix: string, codes: readonly { readonly code: string }[]): ReadonlyMap<string, string> {
  return new Map(codes.map((c) => [c.code, prefix + c.code]));
}

/** The id of an OAuth error code registered at `place`. */
export function registeredErrorId(place: Place, error: string): string | undefined {
  return PLACE_IDS[place].get(error);
}
const PLACE_ORDER: readonly Place[] = ['token', 'authorize', 'bearer', 'revoke'];
const UNREGISTERED = 'oauth.any.unregistered-error';

const FORMAT_ERROR = 'format error';
const AADSTS = /^AADSTS(\d{4,8})\b/;

/** Descriptions (never empty) that identify an identity provider's variant of a standard error. */
const DESCRIPTION_IDS: readonly (readonly [match: (d: string, error: string) => boolean, id: string])[] = [
  [(d) => d === 'Code not valid', 'keycloak.token.code-not-valid'],
  [(d) => d === 'Incorrect redirect_uri', 'keycloak.token.incorrect-redirect-uri'],
  [(d, e) => d === 'Token is not active' && e === 'invalid_token', 'keycloak.bearer.token-not-active'],
  [(d) => d === 'Token is not active', 'keycloak.token.token-not-active'],
  [(d) => d === 'Invalid authorization code', 'auth0.token.invalid-code'],
  [(d) => d === 'Unknown or invalid refresh token.', 'auth0.token.invalid-refresh-token'],
  [(d) => d.startsWith('The authorization code is invalid or has expired'), 'okta.token.invalid-code'],
  [(d) => d.includes('PKCE verification failed'), 'okta.token.pkce-failed'],
  [(d) => d.includes('User is not assigned to the client application'), 'okta.authorize.user-not-assigned'],
  [(d) => d === 'Token has been expired or revoked.', 'google.token.refresh-revoked'],
];

/**
 * Picks the id for an OAuth `error` value: provider variants first (by description, AADSTS number or host), then the
 * Rabobank cases (deciding code versus refresh grant by `grant_type`, else by status), then the registered code at
 * the place the request points to.
 */
export function chooseOAuthError(
  error: string,
  description: string,
  errorCodes: readonly string[],
  ctx: RequestContext,
  status: number | undefined,
): ErrorChoice {
  if (error === 'invalid_client_ID_or_secret') {
    return { code: 'rabobank.authorize.invalid-client', alternatives: NONE };
  }
  // The length first: lower-casing copies the string, and almost no error value is 12 characters long.
  if (error.length === FORMAT_ERROR.length && error.toLowerCase() === FORMAT_ERROR) {
    return { code: 'rabobank.api.date-format', alternatives: NONE };
  }
  const aad = (description.startsWith('AADSTS') ? AADSTS.exec(description)?.[1] : undefined) ?? errorCodes[0];
  const entra = aad ? ENTRA_IDS.get(aad) : undefined;
  if (entra) {
    return { code: entra, alternatives: NONE };
  }
  if (description) {
    for (const [match, id] of DESCRIPTION_IDS) {
      if (match(description, error)) {
        return { code: id, alternatives: NONE };
      }
    }
  }
  if (error === 'redirect_uri_mismatch') {
    const code =
      ctx.endpoint === 'authorize'
        ? 'google.authorize.redirect-uri-mismatch'
        : 'google.token.redirect-uri-mismatch';
    return { code, alternatives: NONE };
  }
  if (ctx.provider === 'google' && error === 'invalid_grant' && description === 'Bad Request') {
    return { code: 'google.token.invalid-code', alternatives: NONE };
  }
  if (ctx.provider === 'keycloak' && error === 'unauthorized_client') {
    return { code: 'keycloak.token.unauthorized-client', alternatives: NONE };
  }
  if (ctx.provider === 'rabobank' && (ctx.endpoint === 'token' || ctx.endpoint === 'unknown')) {
    const rabobank = rabobankTokenError(error, ctx.grantType, status);
    if (rabobank) {
      return rabobank;
    }
  }
  return standardError(error, ctx, status);
}

function standardError(error: string, ctx: RequestContext, status: number | undefined): ErrorChoice {
  const wanted = placeOf(ctx);
  const wantedId = wanted ? PLACE_IDS[wanted].get(error) : undefined;
  const place = wantedId ? wanted! : PLACE_ORDER.find((p) => PLACE_IDS[p].has(error));
  if (!place) {
    return { code: UNREGISTERED, alternatives: NONE };
  }
  const alternatives: string[] = [];
  if (!wanted) {
    for (const p of PLACE_ORDER) {
      const other = p === place ? undefined : PLACE_IDS[p].get(error);
      if (other) {
        alternatives.push(other);
      }
    }
  }
  if (ctx.host === undefined && wanted !== 'authorize') {
    // A bare body like Rabobank's: its own cases stay possible until a host rules them out.
    const rabobank = rabobankTokenError(error, ctx.grantType, status);
    if (rabobank) {
      alternatives.push(
        ...[rabobank.code, ...rabobank.alternatives].filter((id) => id.startsWith('rabobank.')),
      );
    }
  }
  return { code: PLACE_IDS[place].get(error)!, alternatives };
}

function placeOf(ctx: RequestContext): Place | undefined {
  switch (ctx.endpoint) {
    case 'authorize':
      return 'authorize';
    case 'token':
      return 'token';
    case 'revoke':
      return 'revoke';
    case 'resource':
    case 'consent':
      return 'bearer';
    default:
      return undefined;
  }
}

/**
 * Walks a JSON value for error shapes: OAuth `{"error": …}`, the API gateway's `{"httpCode", "moreInformation"}`,
 * Berlin Group `tppMessages` (and its RFC 7807 form), and a Rabobank consent whose status is not `valid`. The findings
 * are added to `out`, which is returned.
 */
export function findJsonSignatures(
  root: JsonNode,
  ctx: RequestContext,
  status: number | undefined,
  out: Finding[] = [],
): Finding[] {
  // Depth first, in document order. Most values are one error object: the stack is made only for values to walk into.
  let stack: JsonNode[] | undefined;
  let node: JsonNode | undefined = root;
  while (node) {
    if (node.kind === 'array') {
      stack ??= [];
      for (let i = node.items.length - 1; i >= 0; i--) {
        stack.push(node.items[i]);
      }
    } else if (node.kind === 'object' && !matchObject(node, ctx, status, out)) {
      stack ??= [];
      for (let i = node.members.length - 1; i >= 0; i--) {
        const v = node.members[i].value;
        if (v) {
          stack.push(v);
        }
      }
    }
    node = stack?.pop();
  }
  return out;
}

/** Adds findings for one object; true when the object was an error payload (its members need no further walk). */
function matchObject(
  obj: JsonObject,
  ctx: RequestContext,
  status: number | undefined,
  out: Finding[],
): boolean {
  const error = stringMember(obj, 'error');
  if (error && error.value.trim()) {
    const description = stringMember(obj, 'error_description')?.value ?? '';
    const codesNode = memberValue(obj, 'error_codes');
    const errorCodes =
      codesNode?.kind === 'array' ? codesNode.items.map((i) => (i.kind === 'number' ? i.raw : '')) : [];
    const choice = chooseOAuthError(error.value, description, errorCodes, ctx, status);
    const unregistered = choice.code === UNREGISTERED;
    out.push(
      finding(
        choice.code,
        error.start,
        error.end,
        unregistered ? 'information' : 'warning',
        choice.alternatives,
        unregistered ? `\`${error.value}\`` : undefined,
        description || undefined,
      ),
    );
    return true;
  }
  const active = memberValue(obj, 'active');
  if (active?.kind === 'false' && (ctx.endpoint === 'introspect' || obj.members.length === 1)) {
    out.push(finding('oauth.introspect.inactive', active.start, active.end, 'warning'));
    return true;
  }
  const httpCode = memberValue(obj, 'httpCode');
  if (httpCode && (memberValue(obj, 'moreInformation') || memberValue(obj, 'httpMessage'))) {
    const value =
      httpCode.kind === 'string' ? httpCode.value : httpCode.kind === 'number' ? httpCode.raw : '';
    const moreInformation = stringMember(obj, 'moreInformation')?.value;
    const info = (moreInformation ?? '').toLowerCase();
    let code: string | undefined;
    if (info.includes('client id')) {
      code =
        ctx.endpoint === 'authorize' ? 'rabobank.authorize.invalid-client' : 'rabobank.api.invalid-client-id';
    } else if (value.trim() === '401') {
      code = 'rabobank.api.access-token-invalid';
    } else if (value.trim() === '403') {
      code = 'rabobank.api.forbidden';
    }
    if (code) {
      out.push(finding(code, httpCode.start, httpCode.end, 'warning', NONE, undefined, moreInformation));
    }
    return true;
  }
  const messages = memberValue(obj, 'tppMessages');
  if (messages?.kind === 'array') {
    for (const item of messages.items) {
      if (item.kind === 'object') {
        berlinGroupCode(item, out);
      }
    }
    return true;
  }
  if (memberValue(obj, 'type') || memberValue(obj, 'title') || memberValue(obj, 'detail')) {
    berlinGroupCode(obj, out);
  }
  const access = memberValue(obj, 'access');
  if (access?.kind === 'object' && (memberValue(obj, 'consentId') || ctx.endpoint === 'consent')) {
    for (const m of access.members) {
      if (m.value?.kind !== 'array') {
        continue;
      }
      for (const account of m.value.items) {
        const s = account.kind === 'object' ? stringMember(account, 'status') : undefined;
        if (s && s.value !== 'valid') {
          out.push(finding('rabobank.consent.not-valid', s.start, s.end, 'warning', NONE, `\`${s.value}\``));
        }
      }
    }
    return true;
  }
  return false;
}

function berlinGroupCode(obj: JsonObject, out: Finding[]): void {
  const code = stringMember(obj, 'code');
  const id = code ? BERLIN_GROUP_IDS.get(code.value) : undefined;
  if (code && id) {
    const category = stringMember(obj, 'category')?.value;
    out.push(
      finding(
        id,
        code.start,
        code.end,
        category === 'WARNING' ? 'information' : 'warning',
        NONE,
        undefined,
        stringMember(obj, 'text')?.value ?? stringMember(obj, 'detail')?.value,
      ),
    );
  }
}

/** Phrases that identify an HTML or plain-text error page, most specific first. */
const PAGE_MARKERS: readonly (readonly [lowerCasePhrase: string, id: string])[] = [
  ['error 400: redirect_uri_mismatch', 'google.authorize.redirect-uri-mismatch'],
  ['callback url mismatch', 'auth0.authorize.callback-mismatch'],
  ['must be a login redirect uri', 'okta.authorize.redirect-uri-not-registered'],
  ['user is not assigned to the client application', 'okta.authorize.user-not-assigned'],
  ['invalid parameter: redirect_uri', 'keycloak.authorize.invalid-redirect-uri'],
  ['aadsts50011', 'entra.AADSTS50011'],
  ['redirect uri mismatch', 'rabobank.authorize.redirect-uri-mismatch'],
  ['invalid client id or secret', 'rabobank.authorize.invalid-client'],
  ['this server could not verify that you are authorized', 'rabobank.api.access-token-invalid'],
];

/** Finds the first known error-page phrase in an HTML or text body. */
export function findPageSignature(text: string): Finding | undefined {
  const lower = text.toLowerCase();
  for (const [phrase, code] of PAGE_MARKERS) {
    const at = lower.indexOf(phrase);
    if (at >= 0) {
      return finding(code, at, at + phrase.length, 'warning');
    }
  }
  return undefined;
}

/**
 * `error="…"` in a `WWW-Authenticate` challenge (RFC 6750 §3), or, on a 401, a Bearer challenge without one (no
 * credentials were seen); offsets are into `value`.
 */
export function findChallengeSignatures(
  value: string,
  options: { unauthorized: boolean } = { unauthorized: false },
): Finding[] {
  const findings: Finding[] = [];
  let description: string | undefined;
  let bearer: { start: number; end: number } | undefined;
  let p = 0;
  const n = value.length;
  while (p < n) {
    while (p < n && (value[p] === ' ' || value[p] === ',' || value[p] === '\t')) {
      p++;
    }
    const keyStart = p;
    while (p < n && !' ,=\t'.includes(value[p])) {
      p++;
    }
    const key = value.slice(keyStart, p);
    let q = p;
    while (q < n && value[q] === ' ') {
      q++;
    }
    if (value[q] !== '=') {
      if (key.toLowerCase() === 'bearer') {
        bearer ??= { start: keyStart, end: p };
      }
      continue;
    }
    q++;
    while (q < n && value[q] === ' ') {
      q++;
    }
    let v: string;
    if (value[q] === '"') {
      let r = q + 1;
      let out = '';
      while (r < n && value[r] !== '"') {
        if (value[r] === '\\') {
          r++;
        }
        out += value[r] ?? '';
        r++;
      }
      v = out;
      p = Math.min(n, r + 1);
    } else {
      const r0 = q;
      while (q < n && value[q] !== ',' && value[q] !== ' ') {
        q++;
      }
      v = value.slice(r0, q);
      p = q;
    }
    if (key.toLowerCase() === 'error_description') {
      description = v;
    }
    if (key.toLowerCase() === 'error' && v) {
      const registered = PLACE_IDS.bearer.get(v);
      findings.push(
        finding(
          registered ?? UNREGISTERED,
          keyStart,
          p,
          registered ? 'warning' : 'information',
          NONE,
          registered ? undefined : `\`${v}\``,
        ),
      );
    }
  }
  if (findings.length === 0 && bearer && options.unauthorized) {
    // RFC 6750 §3.1: a 401 challenge without an error code means the request had no credentials at all.
    return [finding('oauth.bearer.no-credentials', bearer.start, bearer.end, 'warning')];
  }
  if (description) {
    for (const f of findings) {
      f.serverText = description;
    }
  }
  return findings;
}
