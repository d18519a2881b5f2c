import { authVariableText } from '../send/sendVariables';
import { LocalText, localText } from '../text/localText';
import { decodeJwtUnverified } from '../tokens/decodeJwt';
import { isImfFixdate, jwtScopes } from './credentials';
import { Finding, finding, findingWith } from './finding';
import { looksLikeIdToken } from './hygieneLints';
import { LintContext } from './lintContext';
import { HttpFile, HttpHeader } from './parseHttpFile';
import { rabobankRequiredScopes } from './rabobankScopes';
import { RequestContext } from './requestContext';
import { freshTokenProfile } from './requestProfiles';

/**
 * A bearer token written out in an `Authorization` header (not a variable): an ID token where an access token belongs,
 * an expired token (by the profile's record of it, else its `exp` claim), a Rabobank token without the scope the API
 * needs. Added to `out`.
 */
export function lintBearerToken(
  file: HttpFile,
  ctx: RequestContext,
  lint: LintContext,
  auth: HttpHeader,
  out: Finding[],
): void {
  const m = /^bearer\s+/i.exec(auth.value);
  if (!m) {
    return;
  }
  const token = auth.value.slice(m[0].length).trim();
  const start = auth.valueStart + m[0].length;
  if (!token) {
    return;
  }
  const end = auth.valueEnd;
  const now = lint.now ?? Date.now();
  const known = lint.findToken?.(token);
  const claims = claimsOf(token);
  if (looksLikeIdToken(claims)) {
    out.push(finding('lint.bearer.id-token', start, end, 'warning'));
  }
  const exp = known?.expiresAt ?? (typeof claims?.exp === 'number' ? claims.exp * 1000 : undefined);
  if (exp !== undefined && exp <= now) {
    const fresh = freshTokenProfile(lint, ctx, token);
    const range = file.lines.rangeOf(start, end);
    out.push(
      findingWith('lint.bearer.expired-token', start, end, 'warning', {
        profileName: known?.profileName,
        profileId: known?.profileId,
        detail: Math.abs(exp) < 8.64e15 ? localText('expired {0}', new Date(exp).toISOString()) : undefined,
        fixes: fresh
          ? [
              {
                title: localText(
                  'Use the current access token of profile “{0}” (filled in when sent)',
                  fresh.name,
                ),
                edits: [{ range, newText: authVariableText({ kind: 'token', profileId: fresh.id }) }],
                isPreferred: false,
              },
            ]
          : [],
      }),
    );
  }
  if (ctx.provider === 'rabobank' && ctx.endpoint !== 'token' && ctx.endpoint !== 'authorize') {
    const required = rabobankRequiredScopes(ctx.path);
    const scopes = known?.scopes ?? (claims ? jwtScopes(claims) : undefined);
    if (required.length > 0 && scopes && !required.some((s) => scopes.includes(s))) {
      out.push(
        findingWith('lint.rabobank.missing-scope', start, end, 'warning', {
          requiredScopes: required,
          profileName: known?.profileName,
          profileId: known?.profileId,
          detail: needsScopeText(required),
        }),
      );
    }
  }
}

/**
 * The claims of the bearer tokens decoded in the lint under way, by token: a file often sends one token in many
 * requests, and decoding one (base64 and JSON) costs more than the rest of its checks. Emptied when the lint ends
 * ({@link forgetDecodedTokens}), so no document's text outlives its lint in here, and capped for a file of many.
 */
const decodedClaims = new Map<string, Readonly<Record<string, unknown>> | null>();
const MAX_DECODED = 256;

function claimsOf(token: string): Readonly<Record<string, unknown>> | undefined {
  let claims = decodedClaims.get(token);
  if (claims === undefined) {
    claims = decodeJwtUnverified(token)?.claims ?? null;
    if (decodedClaims.size === MAX_DECODED) {
      decodedClaims.clear();
    }
    decodedClaims.set(token, claims);
  }
  return claims ?? undefined;
}

/** Ends the lint's memory of decoded tokens (see {@link claimsOf}). */
export function forgetDecodedTokens(): void {
  decodedClaims.clear();
}

/** A `Date` header written out that is not an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`). */
export function lintDateHeader(date: HttpHeader, out: Finding[]): void {
  if (!isImfFixdate(date.value)) {
    out.push(finding('lint.header.date-format', date.valueStart, date.valueEnd, 'warning'));
  }
}

/** "needs `a`", or "needs `a`, `b` or `c`" when any one of several scopes would do. */
function needsScopeText(scopes: readonly string[]): LocalText {
  const quoted = scopes.map((s) => `\`${s}\``);
  return quoted.length === 1
    ? localText('needs {0}', quoted[0])
    : localText('needs {0} or {1}', quoted.slice(0, -1).join(', '), quoted[quoted.length - 1]);
}
