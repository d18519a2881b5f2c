import { localText } from '../text/localText';
import { DOLLAR, EQUALS, LOWER_N, LOWER_T, SPACE } from './charCodes';
import { Finding, finding } from './finding';
import { NamedValue } from './grantLints';
import { HttpBlock, HttpFile, HttpHeader, HttpRequest, urlQueryAt } from './parseHttpFile';
import { SourceText } from './sourceText';

/**
 * Values that stand in for a token in documentation: `{TOKEN}`, `<token>`, `${TOKEN}`, `$TOKEN`, `YOUR_TOKEN`,
 * `ACCESS_TOKEN`, `xxx`. `{{…}}` is a real variable and never matches.
 */
const PLACEHOLDER_TOKEN =
  /^(?:\{[^{}]*\}|<[^<>]*>|\$\{[^{}]*\}|\$[A-Za-z_]\w*|(?:your|my)[_-]?[a-z_-]{0,30}|x{3,}|\.{3}|…|token|access[_-]?token)$/i;
/**
 * An all-capitals name with `TOKEN` in it, such as `ACCESS_TOKEN` or `BEARER_TOKEN`, or words without a digit that
 * name a token or say where it goes (`accessTokenGoesHere`, `yourJwtHere`): issued tokens are random characters.
 */
const PLACEHOLDER_NAME = /^[A-Z][A-Z0-9_]*TOKEN[A-Z0-9_]*$/;
const PLACEHOLDER_WORDS = /^(?:[A-Za-z_-]{0,30}(?:token|jwt)[A-Za-z_-]{0,30}|[A-Za-z_-]{1,40}here)$/i;

/** A compact JWS: three base64url parts, the first a JSON object (so it starts with `eyJ`). */
const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Which claims make a JWT an ID token rather than an access token (OpenID Connect Core §2, §3.1.3.6, §3.3.2.11). */
const ID_TOKEN_CLAIMS = ['nonce', 'at_hash', 'c_hash', 's_hash'] as const;

/**
 * An `Authorization` header written with quotes around it, or with a placeholder where the token goes: both are sent
 * as written, and the server refuses the request. Returns whether it found one (then the token is not judged further).
 */
export function lintAuthorizationValue(auth: HttpHeader, out: Finding[]): boolean {
  const value = auth.value;
  const c = value.charCodeAt(0);
  if ((c === 39 || c === 34) && value.length > 1 && value.charCodeAt(value.length - 1) === c) {
    out.push(finding('lint.header.quoted-value', auth.valueStart, auth.valueEnd, 'error'));
    return true;
  }
  const m = /^bearer\s+/i.exec(value);
  if (!m) {
    if (c === 101 && JWT_SHAPE.test(value)) {
      // `eyJ…` alone: a JWT pasted as the whole value, with no scheme in front of it.
      out.push(finding('lint.header.missing-scheme', auth.valueStart, auth.valueEnd, 'error'));
      return true;
    }
    return false;
  }
  const token = value.slice(m[0].length).trim();
  if (
    token &&
    (PLACEHOLDER_TOKEN.test(token) || PLACEHOLDER_NAME.test(token) || PLACEHOLDER_WORDS.test(token))
  ) {
    out.push(
      finding(
        'lint.bearer.placeholder',
        auth.valueStart + m[0].length,
        auth.valueEnd,
        'error',
        undefined,
        token,
      ),
    );
    return true;
  }
  return false;
}

/** Whether decoded JWT claims carry what only an ID token carries. */
export function looksLikeIdToken(claims: Readonly<Record<string, unknown>> | undefined): boolean {
  return claims !== undefined && ID_TOKEN_CLAIMS.some((c) => typeof claims[c] === 'string');
}

/**
 * An ID token's variable (`{{$auth.idToken("…")}}`) used as the bearer value; `braces` is where the value's first
 * `{{` is. Most variables are access tokens (`{{token}}`): the character after the braces rules them out without
 * running the pattern, as only `$` or a blank (all of them ASCII controls, the space, or past U+009F) can stand there.
 */
export function isIdTokenVariable(authValue: string, braces: number): boolean {
  const c = authValue.charCodeAt(braces + 2);
  return (c === DOLLAR || c <= SPACE || c > 0x9f) && /^bearer\s+\{\{\s*\$auth\.idToken\(/i.test(authValue);
}

/** Query parameters that carry a token or a client's secret: URLs are written to logs, proxies and histories. */
const SECRET_QUERY =
  /[?&](access_token|refresh_token|id_token|client_secret|client_assertion|token)=([^&#\s]+)/;

/**
 * A token or a client secret written into the query of a request to anything but a token or authorization endpoint
 * (those have lints of their own): an API call with `?access_token=`, or `check_token?token=…&client_secret=…`.
 * A `{{variable}}` value counts too: it is sent in the URL all the same.
 */
export function lintSecretInQuery(request: HttpRequest, out: Finding[]): void {
  const q = urlQueryAt(request);
  if (q < 0) {
    return;
  }
  const url = request.url;
  const text = url.text;
  if (!mayNameSecret(text, q)) {
    return;
  }
  const m = SECRET_QUERY.exec(text.slice(q));
  if (m) {
    const start = q + m.index + 1;
    out.push(
      finding(
        'lint.request.secret-in-query',
        url.toReal(start),
        url.toReal(start + m[0].length - 1),
        'warning',
        undefined,
        `\`${m[1]}\``,
      ),
    );
  }
}

/**
 * Whether a name before an `=` after `q` ends in `token`, `secret` or `assertion`, as every name {@link SECRET_QUERY}
 * knows does: most queries have none, and this rules them out with a search per `=` (usually one or two) instead of
 * a search per name, without cutting the query or running the pattern.
 */
function mayNameSecret(text: string, q: number): boolean {
  for (let eq = text.indexOf('=', q); eq >= 0; eq = text.indexOf('=', eq + 1)) {
    const c = text.charCodeAt(eq - 1);
    if (
      (c === LOWER_N && (text.startsWith('token', eq - 5) || text.startsWith('assertion', eq - 9))) ||
      (c === LOWER_T && text.startsWith('secret', eq - 6))
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Methods whose requests seldom carry a body: a body there is more likely a request that was meant to follow. Compared
 * rather than looked up in a set: the parser hands out these names as the same strings, which compare at once.
 */
function isBodylessMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS';
}
/** A line of a body that reads like a request line (the method in any case, as REST Client reads it). */
const REQUEST_LINE_IN_BODY =
  /(?:^|\n)[ \t]*((?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)[ \t]+(?:https?:\/\/|\{\{)\S*)/i;

/**
 * A request line inside the body of a `GET` (or another request that seldom has a body): only `###` starts a new
 * request, so a request after a `#` or `##` line is sent as the body of the one above and never on its own.
 */
export function lintRequestLineInBody(request: HttpRequest, out: Finding[]): void {
  const body = request.body;
  if (body === undefined || !isBodylessMethod(request.method)) {
    return;
  }
  const m = REQUEST_LINE_IN_BODY.exec(body.text);
  if (m) {
    const start = m.index + m[0].length - m[1].length;
    out.push(
      finding(
        'lint.request.request-line-in-body',
        body.toReal(start),
        body.toReal(start + m[1].length),
        'error',
      ),
    );
  }
}

/** HTML entities that a copy from a web page leaves in a URL or body: the server sees `&amp;` literally. */
const HTML_ENTITY = /&(?:amp|quot|lt|gt|#3[89]|#x2[67]);/i;

/** The first HTML entity in `source`, as a finding. */
export function lintHtmlEntity(source: SourceText, out: Finding[]): void {
  const text = source.text;
  if (text.indexOf(';') < 0) {
    return;
  }
  const m = HTML_ENTITY.exec(text);
  if (m) {
    out.push(
      finding(
        'lint.request.html-entity',
        source.toReal(m.index),
        source.toReal(m.index + m[0].length),
        'warning',
        undefined,
        `\`${m[0]}\``,
      ),
    );
  }
}

/** Form parameters written `name = value`: the blanks become part of the name or the value on the wire. */
export function lintFormSpaces(params: readonly NamedValue[], body: SourceText, out: Finding[]): void {
  const text = body.text;
  for (const p of params) {
    // Read in place, back from where the value starts: its `=` is there, past any blanks (a name has no `=`).
    let eq = p.valueStart - 1;
    while (eq > p.start && isBlank(text.charCodeAt(eq))) {
      eq--;
    }
    if (eq <= p.start || text.charCodeAt(eq) !== EQUALS) {
      continue;
    }
    if (isBlank(text.charCodeAt(eq - 1)) || isBlank(text.charCodeAt(eq + 1))) {
      if (SCRIPT_OR_ASSERTION.test(text.slice(0, eq))) {
        // httpYac's `?? status == 200` assertions and `{{ … }}` scripts after the form are code, not form data.
        return;
      }
      out.push(
        finding(
          'lint.request.form-spaces',
          body.toReal(p.start),
          body.toReal(p.valueEnd),
          'warning',
          undefined,
          `\`${p.name}\``,
        ),
      );
      return;
    }
  }
}

/** A line that starts an httpYac assertion (`??`) or script (`{{` at the start of a line, with no `}}` after it). */
const SCRIPT_OR_ASSERTION = /(?:^|\n)[ \t]*(?:\?\?|\{\{(?![^\n]*\}\}))/;

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** `POST: https://…`: a request line with a colon after the method, which no client reads as a request. */
const METHOD_COLON = /^[ \t]*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)(:)[ \t]*\S/;

/** A block without a request whose first content line looks like a request line with a colon after the method. */
export function lintRequestlessBlock(file: HttpFile, block: HttpBlock, out: Finding[]): void {
  const { starts, ends } = file.lines;
  const last = Math.min(block.endLine, block.startLine + 20, file.lines.lineCount - 1);
  for (let line = block.startLine; line <= last; line++) {
    const text = file.text.slice(starts[line], ends[line]);
    if (/^\s*(#|\/\/|$)/.test(text)) {
      continue;
    }
    const m = METHOD_COLON.exec(text);
    if (m) {
      const colon = starts[line] + text.indexOf(':');
      const f = finding('lint.request.method-colon', starts[line], ends[line], 'error', undefined, m[1]);
      f.fixes = [
        {
          title: localText('Write the request line as {0} <url>', m[1]),
          edits: [{ range: file.lines.rangeOf(colon, colon + 1), newText: '' }],
          isPreferred: true,
        },
      ];
      out.push(f);
    }
    return;
  }
}
