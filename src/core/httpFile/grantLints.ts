import { isName } from './charCodes';
import { Finding, FindingFix, NONE, finding } from './finding';
import { LocalText, localText } from '../text/localText';
import { TextEdit } from './httpDiagnostic';
import { scanJson } from './jsonScanner';
import { LineIndex } from './lineIndex';
import { RequestContext } from './requestContext';
import { SourceText } from './sourceText';

/** A token or authorization parameter, from a form body, a query string or a JSON body; offsets into its source. */
export interface NamedValue {
  readonly name: string;
  readonly value: string;
  readonly start: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * What each grant needs in the request, as data: the grant-type lints read this table and nothing else.
 * `authorization_code` and `refresh_token` are checked by the older mismatch lint, so they list nothing here.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4
 */
const GRANT_RULES: readonly (readonly [grant: string, rule: GrantRule])[] = [
  ['authorization_code', { requires: [] }],
  ['refresh_token', { requires: [] }],
  ['client_credentials', { requires: [] }],
  // RFC 6749 §4.3.2; OAuth 2.1 leaves this grant out.
  ['password', { requires: ['username', 'password'] }],
  // RFC 8628 §3.4
  [DEVICE_CODE, { requires: ['device_code'] }],
  // RFC 8693 §2.1
  [TOKEN_EXCHANGE, { requires: ['subject_token', 'subject_token_type'] }],
  // RFC 7523 §2.1
  [JWT_BEARER, { requires: ['assertion'] }],
  ['urn:ietf:params:oauth:grant-type:saml2-bearer', { requires: ['assertion'] }],
  ['urn:openid:params:grant-type:ciba', { requires: ['auth_req_id'] }],
];

interface GrantRule {
  readonly requires: readonly string[];
}

type GrantEntry = readonly [grant: string, rule: GrantRule];

/**
 * The table's entry for a grant it knows. Names are compared ({@link isName}) rather than looked up in a map, which
 * would hash the value (a string cut from the request) first. The entry's name is the table's own string: later
 * comparisons with it are cheap.
 */
export function knownGrant(value: string): GrantEntry | undefined {
  for (const entry of GRANT_RULES) {
    if (isName(value, entry[0])) {
      return entry;
    }
  }
  return undefined;
}

/** Short names people write for the URN grants. */
const SHORT_NAMES: ReadonlyMap<string, string> = new Map([
  ['device_code', DEVICE_CODE],
  ['device-code', DEVICE_CODE],
  ['token-exchange', TOKEN_EXCHANGE],
  ['token_exchange', TOKEN_EXCHANGE],
  ['jwt-bearer', JWT_BEARER],
  ['jwt_bearer', JWT_BEARER],
]);

/**
 * The known grant a misspelled value most likely meant: a short name of a URN grant, or the nearest standard name
 * within a few edits. Undefined for an absolute URI (an extension grant, RFC 6749 §4.5) or when nothing is close.
 */
export function suggestGrant(value: string): string | undefined {
  const lower = value.trim().toLowerCase();
  if (knownGrant(lower)) {
    return lower;
  }
  const short = SHORT_NAMES.get(lower);
  if (short) {
    return short;
  }
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(lower.length / 3)) + 1;
  for (const [name] of GRANT_RULES) {
    if (name.includes(':')) {
      continue;
    }
    const d = editDistance(lower, name, bestDistance);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/** Checks a grant type other than `code`: unknown names (with a "did you mean" fix), and the parameters it needs. */
export function lintGrant(
  grant: NamedValue,
  /** {@link knownGrant} of the grant's value. */
  known: GrantEntry | undefined,
  params: readonly NamedValue[],
  source: SourceText,
  lines: LineIndex,
  out: Finding[],
): void {
  const value = known === undefined ? grant.value : known[0];
  const start = source.toReal(grant.valueStart);
  const end = source.toReal(grant.valueEnd);
  if (known === undefined) {
    // An absolute URI is an extension grant that this table cannot know.
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !SHORT_NAMES.has(value.toLowerCase())) {
      return;
    }
    const suggestion = suggestGrant(value);
    const f = finding(
      'lint.token.unknown-grant-type',
      start,
      end,
      'error',
      NONE,
      suggestion ? localText('`{0}`, did you mean `{1}`?', value, suggestion) : `\`${value}\``,
    );
    if (suggestion) {
      const fix: FindingFix = {
        title: localText('Use grant_type={0}', suggestion),
        edits: [{ range: lines.rangeOf(start, end), newText: suggestion }],
        isPreferred: true,
      };
      f.fixes = [fix];
    }
    out.push(f);
    return;
  }
  const rule = known[1];
  const missing =
    rule.requires.length === 0
      ? rule.requires
      : rule.requires.filter((name) => !params.some((p) => p.name === name && p.value !== ''));
  if (missing.length > 0) {
    out.push(
      finding('lint.token.grant-missing-parameter', start, end, 'error', NONE, needsText(value, missing)),
    );
  }
  if (value === TOKEN_EXCHANGE && params.some((p) => p.name === 'actor_token')) {
    if (!params.some((p) => p.name === 'actor_token_type')) {
      out.push(
        finding(
          'lint.token.grant-missing-parameter',
          start,
          end,
          'error',
          NONE,
          localText('`{0}` needs {1}', 'actor_token', '`actor_token_type`'),
        ),
      );
    }
  }
  if (value === 'password') {
    out.push(finding('lint.token.password-grant', start, end, 'information'));
  }
}

/**
 * The top-level string members of a JSON body as parameters (offsets inside the quotes), for token requests sent as
 * JSON; undefined when the body is not a JSON object.
 */
export function jsonBodyParams(text: string): NamedValue[] | undefined {
  const first = text.search(/\S/);
  if (first < 0 || text.charCodeAt(first) !== 123) {
    return undefined;
  }
  const node = scanJson(text, first).node;
  if (node?.kind !== 'object') {
    return undefined;
  }
  const params: NamedValue[] = [];
  for (const m of node.members) {
    const v = m.value;
    if (v?.kind === 'string') {
      params.push({
        name: m.key,
        value: v.value,
        start: v.start,
        valueStart: v.start + 1,
        valueEnd: v.end - 1,
      });
    } else if (v) {
      params.push({ name: m.key, value: '', start: v.start, valueStart: v.start, valueEnd: v.end });
    }
  }
  return params;
}

/** Levenshtein distance, giving up (returning `limit`) once every path exceeds it. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) {
    return limit;
  }
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin >= limit) {
      return limit;
    }
    prev = row;
  }
  return Math.min(prev[b.length], limit);
}

/** Where a code exchange's missing `redirect_uri` goes: after the last parameter of its form body. */
export interface RedirectUriInsert {
  readonly body: SourceText;
  readonly lines: LineIndex;
  /**
   * What to write as the value: the redirect URI of the client's profile (form-encoded), or a variable the user
   * defines (`{{redirectUri}}`). Never a secret: a redirect URI is public.
   */
  readonly value: string;
}

/** The edit that appends `&redirect_uri=…` to the form body. */
export function addRedirectUriEdit(insert: RedirectUriInsert): TextEdit {
  const text = insert.body.text;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) <= 32) {
    end--;
  }
  const at = insert.body.toReal(end);
  return {
    range: insert.lines.rangeOf(at, at),
    newText: `${end === 0 ? '' : '&'}redirect_uri=${insert.value}`,
  };
}

/** A code exchange that lacks `redirect_uri`: the grant, a `code`, and no `redirect_uri`. */
export function lacksRedirectUri(grant: string, params: readonly NamedValue[]): boolean {
  let code = false;
  for (const p of params) {
    if (p.name === 'redirect_uri') {
      return false;
    }
    code ||= p.name === 'code' && p.valueEnd > p.valueStart;
  }
  return code && grant === 'authorization_code';
}

/** Where a form-encoded token request's `redirect_uri` goes, with the profile's registered one when it has one. */
export function redirectUriInsert(
  ctx: RequestContext,
  source: SourceText,
  body: SourceText | undefined,
  lines: LineIndex,
  registered: string | undefined,
): RedirectUriInsert | undefined {
  const value = registered ? encodeURIComponent(registered) : '{{redirectUri}}';
  return body && source === body && ctx.isForm ? { body, lines, value } : undefined;
}

/**
 * A code exchange (`grant_type=authorization_code` with a `code`) without `redirect_uri` (see
 * {@link lacksRedirectUri}, which the caller asks first). RFC 6749 §4.1.3 requires the value the authorization request
 * sent, and the server refuses the code without it. Rabobank's authorization requests (and the practice server's)
 * always carry one; elsewhere (`client` given) the finding waits for the file to show an authorization request of the
 * same client that sent one, since a code issued without it needs none (OAuth 2.1).
 */
export function lintMissingRedirectUri(
  grant: NamedValue,
  source: SourceText,
  insert: RedirectUriInsert,
  out: Finding[],
  /** The client the token request names (`''` when it names none), whose authorization request counts. */
  client?: string,
): void {
  const f = finding(
    'lint.token.missing-redirect-uri',
    source.toReal(grant.valueStart),
    source.toReal(grant.valueEnd),
    'warning',
  );
  f.fixes = [
    { title: localText('Add redirect_uri'), edits: [addRedirectUriEdit(insert)], isPreferred: false },
  ];
  f.waitsFor = client === undefined ? undefined : `redirect:${client}`;
  out.push(f);
}

/**
 * `grant_type=code` (the Rabobank guide's erratum), with the fix to `authorization_code`; where a code exchange
 * without `redirect_uri` would be refused next (`insert` given), a second fix that adds it as well.
 */
export function grantTypeCodeFinding(
  grant: NamedValue,
  source: SourceText,
  lines: LineIndex,
  params: readonly NamedValue[],
  insert: RedirectUriInsert | undefined,
): Finding {
  const start = source.toReal(grant.valueStart);
  const end = source.toReal(grant.valueEnd);
  const f = finding('lint.token.grant-type-code', start, end, 'error');
  const grantEdit: TextEdit = { range: lines.rangeOf(start, end), newText: 'authorization_code' };
  const fixes: FindingFix[] = [
    { title: localText('Use grant_type={0}', 'authorization_code'), edits: [grantEdit], isPreferred: true },
  ];
  if (insert && lacksRedirectUri('authorization_code', params)) {
    fixes.push({
      title: localText('Use grant_type={0} and add redirect_uri', 'authorization_code'),
      edits: [grantEdit, addRedirectUriEdit(insert)],
      isPreferred: false,
    });
  }
  f.fixes = fixes;
  return f;
}

/** "`grant` needs `a`", or "`a`, `b` and `c`" for several. */
function needsText(grant: string, missing: readonly string[]): LocalText {
  const quoted = missing.map((m) => `\`${m}\``);
  return quoted.length === 1
    ? localText('`{0}` needs {1}', grant, quoted[0])
    : localText('`{0}` needs {1} and {2}', grant, quoted.slice(0, -1).join(', '), quoted[quoted.length - 1]);
}
