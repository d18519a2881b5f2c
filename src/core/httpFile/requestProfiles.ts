/**
 * Which profile a request of a `.http` file is about, for the request lints. Two questions with different answers on
 * purpose: whether a client is confidential may be judged from a profile with the same client id, but credentials (a
 * quick fix's Basic header, a fresher token) only ever come from a profile that owns the request's URL.
 */
import { mayCarryCredentials } from '../profiles/credentialTarget';
import { findParam } from './formParams';
import { credentialTargetsOf, LintContext, LintProfile } from './lintContext';
import { RequestContext } from './requestContext';

type RequestFacts = Pick<RequestContext, 'query' | 'form' | 'resolvedUrl'>;

function clientIdOf(ctx: RequestFacts): string | undefined {
  return findParam(ctx.query, 'client_id')?.value ?? findParam(ctx.form, 'client_id')?.value;
}

/** The profile for this request: by `client_id` in query or body, else by endpoint URL. Never a source of credentials. */
export function matchProfile(lint: LintContext, ctx: RequestFacts): LintProfile | undefined {
  const profiles = lint.profiles;
  if (profiles.length === 0) {
    return undefined;
  }
  const clientId = clientIdOf(ctx);
  const byId = clientId ? profiles.find((p) => p.clientId === clientId) : undefined;
  if (byId) {
    return byId;
  }
  const url = ctx.resolvedUrl;
  return profiles.find((p) => p.tokenEndpoint === url || p.authorizationEndpoint === url);
}

/**
 * The profile whose client credentials may go to this request: one whose own token, revocation or introspection
 * endpoint the URL is (see {@link mayCarryCredentials}), the one with the request's `client_id` first. A client id
 * alone never picks a profile: a file can name any client id and post it anywhere.
 */
export function credentialProfile(lint: LintContext, ctx: RequestFacts): LintProfile | undefined {
  if (lint.profiles.length === 0) {
    return undefined;
  }
  const allowed = lint.profiles.filter((p) =>
    mayCarryCredentials(credentialTargetsOf(p), 'clientCredentials', ctx.resolvedUrl),
  );
  if (allowed.length === 0) {
    return undefined;
  }
  const clientId = clientIdOf(ctx);
  return allowed.find((p) => p.clientId === clientId) ?? allowed[0];
}

/** The profile now holding a newer token in place of `token`, when its token may go to this request's URL. */
export function freshTokenProfile(
  lint: LintContext,
  ctx: RequestFacts,
  token: string,
): { id: string; name: string } | undefined {
  const id = lint.freshTokenProfile?.(token);
  const profile = id === undefined ? undefined : lint.profiles.find((p) => p.id === id);
  return profile?.id !== undefined &&
    mayCarryCredentials(credentialTargetsOf(profile), 'bearerToken', ctx.resolvedUrl)
    ? { id: profile.id, name: profile.name }
    : undefined;
}
