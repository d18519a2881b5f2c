import { authVariableText } from '../send/sendVariables';
import { decodeJwtUnverified } from '../tokens/decodeJwt';
import { isPushedAuthorizationRequest, lintAuthorizeParams } from './authorizeLints';
import { isPublicTokenClient, lintCredentialsInUrl } from './clientAuthLints';
import { FileQuestion, tokenClientId } from './clientSecrets';
import { isImfFixdate, jwtScopes } from './credentials';
import { Finding, NONE, finding } from './finding';
import { FormParam, findParam } from './formParams';
import {
  NamedValue,
  grantTypeCodeFinding,
  isKnownGrant,
  jsonBodyParams,
  lintGrant,
  lintMissingRedirectUri,
  redirectUriInsert,
} from './grantLints';
import { DiagnosticSeverity, QuickFix } from './httpDiagnostic';
import {
  isIdTokenVariable,
  lintAuthorizationValue,
  lintFormSpaces,
  lintHtmlEntity,
  lintSecretInQuery,
  looksLikeIdToken,
} from './hygieneLints';
import { LintContext, LintProfile } from './lintContext';
import { HttpFile, HttpHeader, HttpRequest } from './parseHttpFile';
import { rabobankRequiredScopes } from './rabobankScopes';
import { RequestContext } from './requestContext';
import { credentialProfile, freshTokenProfile, matchProfile } from './requestProfiles';
import { SourceText } from './sourceText';
import { parseBasicCredentials } from '../wire/basicAuthentication';

/** What a lint adds to its finding. */
interface FindingExtras {
  readonly fixes?: readonly QuickFix[];
  readonly requiredScopes?: readonly string[];
  readonly profileName?: string;
  readonly profileId?: string;
  readonly detail?: string;
  /** The finding stands only if the whole file answers this yes. */
  readonly waitsFor?: FileQuestion;
}

/** Pre-flight checks on one request (grant type, client authentication, state, redirect URI, bearer token, Date), added to `out`. */
export function lintRequest(
  file: HttpFile,
  request: HttpRequest,
  ctx: RequestContext,
  lint: LintContext,
  out: Finding[] = [],
): Finding[] {
  const headers = request.headers;
  const authValue = headers.valueOf('authorization');
  const written = authValue !== undefined && !isVariable(authValue);
  const dateHeader = headers.find('date');
  const date = dateHeader && !isVariable(dateHeader.value) ? dateHeader : undefined;
  const tokenOrAuthorize = ctx.endpoint === 'token' || ctx.endpoint === 'authorize';
  const pushed = !tokenOrAuthorize && isPushedAuthorizationRequest(request);
  // An ID token from a profile's variable, sent where an access token belongs.
  const idTokenVariable = authValue !== undefined && !written && isIdTokenVariable(authValue);
  lintHtmlEntity(request.url, out);
  if (!tokenOrAuthorize) {
    lintSecretInQuery(request.url, out);
    // Most requests are neither token nor authorize requests and send their token from a variable: nothing more to
    // check, and no linter or header objects to make.
    if (!written && !date && !pushed && !idTokenVariable) {
      return out;
    }
  }
  const auth = written || tokenOrAuthorize || idTokenVariable ? headers.find('authorization') : undefined;
  const l = new RequestLinter(file, request, ctx, lint, out, auth);
  if (ctx.endpoint === 'token') {
    l.tokenRequest();
  }
  if (ctx.endpoint === 'authorize') {
    l.authorizeRequest();
  }
  if (pushed) {
    l.pushedAuthorizationRequest();
  }
  if (idTokenVariable && auth) {
    out.push(finding('lint.bearer.id-token', auth.valueStart, auth.valueEnd, 'warning'));
  }
  if (written && auth && !lintAuthorizationValue(auth, out)) {
    l.bearerToken(auth);
  }
  if (date) {
    l.dateHeader(date);
  }
  return out;
}

/** Not written out: a `{{variable}}`, or a masked value (`Basic ••••` in a response document, `«redacted»`). */
const isVariable = (value: string) => value.includes('{{') || /(?:^|\s)(?:•+|«redacted»)\s*$/.test(value);

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
    const has = (name: string) => params.some((p) => p.name === name);
    const registered = matchProfile(this.lint, this.ctx)?.redirectUri;
    const insert = redirectUriInsert(this.ctx, source, this.request.body, this.file.lines, registered);
    const rabobank = this.ctx.provider === 'rabobank';
    if (grant.value === 'code') {
      this.out.push(
        grantTypeCodeFinding(grant, source, this.file.lines, params, rabobank ? insert : undefined),
      );
      return;
    }
    const mismatch =
      (grant.value === 'authorization_code' && (!has('code') || has('refresh_token'))) ||
      (grant.value === 'refresh_token' && (!has('refresh_token') || has('code')));
    if (mismatch) {
      this.add('lint.token.grant-type-mismatch', source, grant.valueStart, grant.valueEnd, 'error');
    }
    if (!mismatch || !isKnownGrant(grant.value)) {
      lintGrant(grant, params, source, this.file.lines, this.out);
    }
    if (insert) {
      const client = rabobank ? undefined : () => tokenClientId(params, this.auth?.value);
      lintMissingRedirectUri(grant, params, source, insert, this.out, client);
    }
  }

  private clientAuthentication(): void {
    const auth = this.auth;
    const form = this.bodyParams;
    const has = (name: string) => form.some((p) => p.name === name && p.value !== '');
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
        detail: `profile “${profile.name}”`,
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
          title: 'Add a state parameter',
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
      detail: `profile “${profile.name}” registers ${profile.redirectUri}`,
      fixes: [
        {
          title: `Use the redirect URI registered in profile “${profile.name}”`,
          edits: [{ range, newText: encodeURIComponent(profile.redirectUri) }],
          isPreferred: true,
        },
      ],
    });
  }

  /** An `Authorization` header whose value is written out (not a variable). */
  bearerToken(auth: HttpHeader): void {
    const m = /^bearer\s+/i.exec(auth.value);
    if (!m) {
      return;
    }
    const token = auth.value.slice(m[0].length).trim();
    const start = auth.valueStart + m[0].length;
    if (!token) {
      return;
    }
    const now = this.lint.now ?? Date.now();
    const known = this.lint.findToken?.(token);
    const claims = decodeJwtUnverified(token)?.claims;
    if (looksLikeIdToken(claims)) {
      this.addRaw('lint.bearer.id-token', start, auth.valueEnd, 'warning');
    }
    const exp = known?.expiresAt ?? (typeof claims?.exp === 'number' ? claims.exp * 1000 : undefined);
    if (exp !== undefined && exp <= now) {
      const fresh = freshTokenProfile(this.lint, this.ctx, token);
      const range = this.file.lines.rangeOf(start, auth.valueEnd);
      this.addRaw('lint.bearer.expired-token', start, auth.valueEnd, 'warning', {
        profileName: known?.profileName,
        profileId: known?.profileId,
        detail: Math.abs(exp) < 8.64e15 ? `expired ${new Date(exp).toISOString()}` : undefined,
        fixes: fresh
          ? [
              {
                title: `Use the current access token of profile “${fresh.name}” (filled in when sent)`,
                edits: [{ range, newText: authVariableText({ kind: 'token', profileId: fresh.id }) }],
                isPreferred: false,
              },
            ]
          : [],
      });
    }
    if (
      this.ctx.provider === 'rabobank' &&
      this.ctx.endpoint !== 'token' &&
      this.ctx.endpoint !== 'authorize'
    ) {
      const required = rabobankRequiredScopes(this.ctx.path);
      const scopes = known?.scopes ?? (claims ? jwtScopes(claims) : undefined);
      if (required.length > 0 && scopes && !required.some((s) => scopes.includes(s))) {
        this.addRaw('lint.rabobank.missing-scope', start, auth.valueEnd, 'warning', {
          requiredScopes: required,
          profileName: known?.profileName,
          profileId: known?.profileId,
          detail: `needs ${required.map((s) => `\`${s}\``).join(' or ')}`,
        });
      }
    }
  }

  /** A `Date` header whose value is written out. */
  dateHeader(date: HttpHeader): void {
    if (!isImfFixdate(date.value)) {
      this.addRaw('lint.header.date-format', date.valueStart, date.valueEnd, 'warning');
    }
  }

  /** A body read from a file, or one whose parameters come from a variable (`{{form}}`), may hold anything. */
  private bodyUnknown(): boolean {
    return this.request.externalBody || this.ctx.form.some((p) => p.name.includes('{{'));
  }

  /** A Basic header from the profile's credentials as a variable, filled in only when the request is sent. */
  private addBasicFix(profile: LintProfile | undefined): QuickFix {
    const at = this.request.headerInsertOffset;
    const value = profile?.id
      ? authVariableText({ kind: 'basic', profileId: profile.id })
      : '{{client_id}}:{{client_secret}}';
    return {
      title: profile?.id
        ? `Add Authorization: Basic from profile “${profile.name}” (filled in when sent)`
        : 'Add an Authorization: Basic header',
      edits: [
        { range: this.file.lines.rangeOf(at, at), newText: `${this.eol}Authorization: Basic ${value}` },
      ],
      // A fix that brings in credentials is never applied by a single keystroke.
      isPreferred: !profile?.id,
    };
  }

  private replaceBasicFix(profileId: string, profileName: string, start: number, end: number): QuickFix {
    return {
      title: `Use the client credentials of profile “${profileName}” (filled in when sent)`,
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
    const f = finding(code, start, end, severity, NONE, extra.detail);
    f.fixes = extra.fixes;
    f.requiredScopes = extra.requiredScopes;
    f.profileName = extra.profileName;
    f.profileId = extra.profileId;
    f.waitsFor = extra.waitsFor;
    this.out.push(f);
  }
}
