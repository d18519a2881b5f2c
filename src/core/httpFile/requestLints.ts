import { authVariableText } from '../send/sendVariables';
import { localText } from '../text/localText';
import { lintBearerToken, lintDateHeader } from './apiRequestLints';
import { lintAuthorizeParams } from './authorizeLints';
import { isPublicTokenClient, lintCredentialsInUrl } from './clientAuthLints';
import { tokenClientId } from './clientSecrets';
import { Finding, FindingExtras, FindingFix, finding, findingWith } from './finding';
import { isName } from './charCodes';
import { FormParam, findParam } from './formParams';
import {
  NamedValue,
  grantTypeCodeFinding,
  knownGrant,
  jsonBodyParams,
  lintGrant,
  lacksRedirectUri,
  lintMissingRedirectUri,
  RedirectUriInsert,
  redirectUriInsert,
} from './grantLints';
import { DiagnosticSeverity } from './httpDiagnostic';
import {
  isIdTokenVariable,
  lintAuthorizationValue,
  lintFormSpaces,
  lintHtmlEntity,
  lintSecretInQuery,
} from './hygieneLints';
import { LintContext, LintProfile } from './lintContext';
import { HttpFile, HttpHeader, HttpRequest } from './parseHttpFile';
import { RequestContext } from './requestContext';
import { credentialProfile, matchProfile } from './requestProfiles';
import { SourceText } from './sourceText';
import { parseBasicCredentials } from '../wire/basicAuthentication';

/** Pre-flight checks on one request (grant type, client authentication, state, redirect URI, bearer token, Date), added to `out`. */
export function lintRequest(
  file: HttpFile,
  request: HttpRequest,
  ctx: RequestContext,
  lint: LintContext,
  out: Finding[] = [],
): Finding[] {
  const headers = request.headers;
  // The two headers every request is asked about, found in one walk over its headers.
  let authAt = -1;
  let dateAt = -1;
  for (let i = 0; i < headers.length; i++) {
    if (authAt < 0 && headers.isNamed(i, 'authorization')) {
      authAt = i;
    } else if (dateAt < 0 && headers.isNamed(i, 'date')) {
      dateAt = i;
    }
  }
  const authValue = authAt < 0 ? undefined : headers.valueAt(authAt);
  const braces = authValue === undefined ? -1 : authValue.indexOf('{{');
  const written = authValue !== undefined && braces < 0 && !isMasked(authValue);
  const dateHeader = headers.at(dateAt);
  const date = dateHeader && !isVariable(dateHeader.value) ? dateHeader : undefined;
  const tokenOrAuthorize = ctx.endpoint === 'token' || ctx.endpoint === 'authorize';
  const pushed = !tokenOrAuthorize && ctx.pushed;
  // An ID token from a profile's variable, sent where an access token belongs.
  const idTokenVariable = braces >= 0 && isIdTokenVariable(authValue!, braces);
  lintHtmlEntity(request.url, out);
  if (!tokenOrAuthorize) {
    lintSecretInQuery(request, out);
    // Most requests are neither token nor authorize requests and send their token from a variable: nothing more to
    // check, and no linter or header objects to make.
    if (!written && !date && !pushed && !idTokenVariable) {
      return out;
    }
  }
  const auth = written || tokenOrAuthorize || idTokenVariable ? headers.at(authAt) : undefined;
  if (tokenOrAuthorize || pushed) {
    const l = new RequestLinter(file, request, ctx, lint, out, auth);
    if (ctx.endpoint === 'token') {
      l.tokenRequest();
    } else if (ctx.endpoint === 'authorize') {
      l.authorizeRequest();
    } else {
      l.pushedAuthorizationRequest();
    }
  }
  if (idTokenVariable && auth) {
    out.push(finding('lint.bearer.id-token', auth.valueStart, auth.valueEnd, 'warning'));
  }
  if (written && auth && !lintAuthorizationValue(auth, out)) {
    lintBearerToken(file, ctx, lint, auth, out);
  }
  if (date) {
    lintDateHeader(date, out);
  }
  return out;
}

/** Not written out: a `{{variable}}`, or a masked value. */
const isVariable = (value: string) => value.includes('{{') || isMasked(value);

/** A masked value (`Basic ••••` in a response document, `«redacted»`). */
const isMasked = (value: string) =>
  // The mask characters are rare: a plain search rules most values out before the pattern runs.
  (value.includes('•') || value.includes('«')) && /(?:^|\s)(?:•+|«redacted»)\s*$/.test(value);

class RequestLinter {
  private readonly url: SourceText;
  /** A token request's body parameters, from its form or its JSON. */
  private bodyParams: readonly NamedValue[] = [];

  constructor(
    private readonly file: HttpFile,
    private readonly request: HttpRequest,
    private readonly ctx: RequestContext,
    private readonly lint: LintContext,
    private readonly out: Finding[],
    /** The request's `Authorization` header. */
    private readonly auth: HttpHeader | undefined,
  ) {
    this.url = request.url;
  }

  /** The line break that ends the request line, which new header lines use too. */
  private get eol(): string {
    const { starts, ends } = this.file.lines;
    const line = this.request.line;
    return line + 1 < this.file.lines.lineCount ? this.file.text.slice(ends[line], starts[line + 1]) : '\n';
  }

  tokenRequest(): void {
    const { form, query } = this.ctx;
    const body = this.request.body;
    const json =
      !this.ctx.isForm && body && body.text.includes('"grant_type"') ? jsonBodyParams(body.text) : undefined;
    const bodyParams: readonly NamedValue[] = json ?? form;
    const inForm = findParam(bodyParams as readonly FormParam[], 'grant_type');
    const inQuery = findParam(query, 'grant_type');
    const grant: NamedValue | undefined = inForm ?? inQuery;
    const grantSource = inForm ? body : this.url;
    // A POST to a path ending in /token with a JSON body is some other API's token (cards, payments), not OAuth,
    // unless the JSON names a grant (some servers take OAuth token requests as JSON).
    const emptyBody = !this.request.externalBody && (body?.text.trim() ?? '') === '';
    if (!grant && !(this.request.method === 'POST' && (this.ctx.isForm || emptyBody))) {
      return;
    }
    this.bodyParams = bodyParams;
    if (body) {
      lintHtmlEntity(body, this.out);
      if (!json) {
        lintFormSpaces(form, body, this.out);
      }
    }
    if (inQuery && !inForm) {
      this.add('lint.token.grant-type-in-query', this.url, inQuery.start, inQuery.valueEnd, 'error');
    }
    if (!grant) {
      if (!this.bodyUnknown() && !(body?.text ?? '').includes('grant_type')) {
        this.addUrl('lint.token.missing-grant-type', 'error');
      }
    } else if (grantSource && !isVariable(grant.value)) {
      this.grantType(grant, grantSource);
    }
    this.clientAuthentication();
    const redirect = findParam(form, 'redirect_uri');
    if (redirect && body) {
      this.redirectUri(redirect, body);
    }
  }

  private grantType(grant: NamedValue, source: SourceText): void {
    const params = source === this.url ? this.ctx.query : this.bodyParams;
    const rabobank = this.ctx.provider === 'rabobank';
    // The table's own string for a known grant: the comparisons below are then cheap (see knownGrant).
    const known = knownGrant(grant.value);
    const value = known === undefined ? grant.value : known[0];
    if (value === 'code') {
      this.out.push(
        grantTypeCodeFinding(
          grant,
          source,
          this.file.lines,
          params,
          rabobank ? this.redirectInsert(source) : undefined,
        ),
      );
      return;
    }
    // One walk over the parameters for what the grant's checks ask about, rather than a search per name.
    let code = false;
    let refreshToken = false;
    for (const p of params) {
      if (p.name === 'code') {
        code = true;
      } else if (isName(p.name, 'refresh_token')) {
        refreshToken = true;
      }
    }
    const mismatch =
      (value === 'authorization_code' && (!code || refreshToken)) ||
      (value === 'refresh_token' && (!refreshToken || code));
    if (mismatch) {
      this.add('lint.token.grant-type-mismatch', source, grant.valueStart, grant.valueEnd, 'error');
    } else {
      lintGrant(grant, known, params, source, this.file.lines, this.out);
    }
    if (code && lacksRedirectUri(value, params)) {
      const insert = this.redirectInsert(source);
      if (insert) {
        // Elsewhere the finding waits for an authorization request of the client the token request names.
        const client = rabobank ? undefined : tokenClientId(params, this.auth?.value);
        lintMissingRedirectUri(grant, source, insert, this.out, client);
      }
    }
  }

  /** Where a `redirect_uri` goes in this form-encoded token request, with the matched profile's registered one. */
  private redirectInsert(source: SourceText): RedirectUriInsert | undefined {
    const registered = matchProfile(this.lint, this.ctx)?.redirectUri;
    return redirectUriInsert(this.ctx, source, this.request.body, this.file.lines, registered);
  }

  private clientAuthentication(): void {
    const auth = this.auth;
    const form = this.bodyParams;
    const has = (name: string) => form.some((p) => isName(p.name, name) && p.value !== '');
    const profile = credentialProfile(this.lint, this.ctx);
    if (!auth) {
      const inBody = has('client_secret') || has('client_assertion');
      if (inBody || this.bodyUnknown()) {
        return;
      }
      if (lintCredentialsInUrl(this.url, this.ctx.query, this.out)) {
        return;
      }
      const facts = { bodyParams: this.bodyParams, query: this.ctx.query, provider: this.ctx.provider };
      // Whether the client is confidential may come from a profile matched by client id: it only decides whether to
      // warn. The fix's credentials come from the profile that owns this URL, never from a client id.
      const isPublic = isPublicTokenClient(this.file, this.request, facts, matchProfile(this.lint, this.ctx));
      if (isPublic !== true) {
        this.addUrl('lint.token.missing-client-auth', 'warning', {
          fixes: [this.addBasicFix(profile)],
          profileName: profile?.name,
          profileId: profile?.id,
          waitsFor: isPublic === false ? undefined : `secret:${isPublic}`,
        });
      }
      return;
    }
    const m = /^basic\s+/i.exec(auth.value);
    if (!m || isVariable(auth.value)) {
      return;
    }
    const credStart = auth.valueStart + m[0].length;
    const cred = auth.value.slice(m[0].length).trim();
    let id: string | undefined;
    let secret: string | undefined;
    const parsed = parseBasicCredentials(cred);
    if (parsed) {
      ({ id, secret } = parsed);
    } else if (/[: ]/.test(cred)) {
      // REST Client and httpYac accept `Basic id:secret` and `Basic id secret` and encode it themselves.
      const sep = cred.search(/[: ]/);
      id = cred.slice(0, sep);
      secret = cred.slice(sep + 1).trim();
    } else {
      this.addRaw('lint.token.malformed-basic-auth', credStart, auth.valueEnd, 'error', {
        fixes: profile?.id ? [this.replaceBasicFix(profile.id, profile.name, credStart, auth.valueEnd)] : [],
      });
      return;
    }
    if (
      profile &&
      (id !== profile.clientId || (profile.clientSecret !== undefined && secret !== profile.clientSecret))
    ) {
      this.addRaw('lint.token.basic-auth-profile-mismatch', credStart, auth.valueEnd, 'warning', {
        profileName: profile.name,
        profileId: profile.id,
        detail: localText('profile “{0}”', profile.name),
        fixes: profile.id ? [this.replaceBasicFix(profile.id, profile.name, credStart, auth.valueEnd)] : [],
      });
    }
  }

  authorizeRequest(): void {
    const { query } = this.ctx;
    if (!findParam(query, 'client_id') && !findParam(query, 'response_type')) {
      return;
    }
    // A follow-up to a pushed request (RFC 9126 §4) carries its parameters by reference: its checks belong there.
    if (findParam(query, 'request_uri')) {
      lintAuthorizeParams(query, this.url, true, this.out);
      return;
    }
    if (!findParam(query, 'state')) {
      this.missingState(this.url);
    }
    lintAuthorizeParams(query, this.url, true, this.out);
    const redirect = findParam(query, 'redirect_uri');
    if (redirect) {
      this.redirectUri(redirect, this.url);
    }
  }

  /** A pushed authorization request: the authorization parameters in a form body, sent over the back channel. */
  pushedAuthorizationRequest(): void {
    const body = this.request.body;
    const form = this.ctx.form;
    if (!body || !findParam(form, 'response_type')) {
      return;
    }
    lintHtmlEntity(body, this.out);
    lintFormSpaces(form, body, this.out);
    if (!findParam(form, 'state')) {
      this.missingState(body);
    }
    lintAuthorizeParams(form, body, false, this.out);
  }

  /** `state` is missing from the query or the pushed body in `source`; the fix appends one. */
  private missingState(source: SourceText): void {
    const text = source.text.trimEnd();
    const end = source.toReal(text.length);
    const range = this.file.lines.rangeOf(end, end);
    const separator = source === this.url ? (text.includes('?') ? '&' : '?') : text ? '&' : '';
    this.add('lint.authorize.missing-state', source, 0, text.length, 'warning', {
      fixes: [
        {
          title: localText('Add a state parameter'),
          edits: [{ range, newText: `${separator}state={{$guid}}` }],
          isPreferred: true,
        },
      ],
    });
  }

  private redirectUri(param: FormParam, source: SourceText): void {
    const profile = matchProfile(this.lint, this.ctx);
    if (!profile?.redirectUri || isVariable(param.value) || param.value === profile.redirectUri) {
      return;
    }
    const range = this.file.lines.rangeOf(source.toReal(param.valueStart), source.toReal(param.valueEnd));
    this.add('lint.authorize.redirect-uri-mismatch', source, param.valueStart, param.valueEnd, 'error', {
      profileName: profile.name,
      profileId: profile.id,
      detail: localText('profile “{0}” registers {1}', profile.name, profile.redirectUri),
      fixes: [
        {
          title: localText('Use the redirect URI registered in profile “{0}”', profile.name),
          edits: [{ range, newText: encodeURIComponent(profile.redirectUri) }],
          isPreferred: true,
        },
      ],
    });
  }

  /** A body read from a file, or one whose parameters come from a variable (`{{form}}`), may hold anything. */
  private bodyUnknown(): boolean {
    return this.request.externalBody || this.ctx.form.some((p) => p.name.includes('{{'));
  }

  /** A Basic header from the profile's credentials as a variable, filled in only when the request is sent. */
  private addBasicFix(profile: LintProfile | undefined): FindingFix {
    const at = this.request.headerInsertOffset;
    const value = profile?.id
      ? authVariableText({ kind: 'basic', profileId: profile.id })
      : '{{client_id}}:{{client_secret}}';
    return {
      title: profile?.id
        ? localText('Add Authorization: Basic from profile “{0}” (filled in when sent)', profile.name)
        : localText('Add an Authorization: Basic header'),
      edits: [
        { range: this.file.lines.rangeOf(at, at), newText: `${this.eol}Authorization: Basic ${value}` },
      ],
      // A fix that brings in credentials is never applied by a single keystroke.
      isPreferred: !profile?.id,
    };
  }

  private replaceBasicFix(profileId: string, profileName: string, start: number, end: number): FindingFix {
    return {
      title: localText('Use the client credentials of profile “{0}” (filled in when sent)', profileName),
      edits: [
        {
          range: this.file.lines.rangeOf(start, end),
          newText: authVariableText({ kind: 'basic', profileId }),
        },
      ],
      isPreferred: false,
    };
  }

  private addUrl(code: string, severity: DiagnosticSeverity, extra: FindingExtras = {}): void {
    this.add(code, this.url, 0, this.url.text.length, severity, extra);
  }

  private add(
    code: string,
    source: SourceText,
    start: number,
    end: number,
    severity: DiagnosticSeverity,
    extra: FindingExtras = {},
  ): void {
    this.addRaw(code, source.toReal(start), source.toReal(end), severity, extra);
  }

  private addRaw(
    code: string,
    start: number,
    end: number,
    severity: DiagnosticSeverity,
    extra: FindingExtras = {},
  ): void {
    this.out.push(findingWith(code, start, end, severity, extra));
  }
}
