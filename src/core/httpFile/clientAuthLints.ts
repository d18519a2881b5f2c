import { localText } from '../text/localText';
import { Finding, finding } from './finding';
import { NamedValue } from './grantLints';
import { LintProfile } from './lintContext';
import { HttpFile, HttpRequest } from './parseHttpFile';
import { ProviderKind } from './requestContext';
import { SourceText } from './sourceText';

/**
 * Client ids that providers register as public clients (no secret exists for them): Keycloak's built-in consoles and
 * CLI, and Microsoft's first-party command-line tools.
 */
const WELL_KNOWN_PUBLIC_CLIENTS: ReadonlySet<string> = new Set([
  'admin-cli',
  'account-console',
  'security-admin-console',
  // Azure CLI, Azure PowerShell, Visual Studio Code.
  '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
  '1950a258-227b-4e31-a9cf-717495945fc2',
  'aebc6443-996d-45c2-90f0-388ff96faa56',
]);

/** Query parameters that carry a client's or user's credentials. */
const URL_CREDENTIALS: ReadonlySet<string> = new Set(['client_secret', 'client_assertion', 'password']);

/**
 * Credentials in a token request's URL (query or `user:password@` userinfo), as a finding on them; whether there
 * were any. They do authenticate the client, but URLs are written to access logs, proxies and histories.
 */
export function lintCredentialsInUrl(url: SourceText, query: readonly NamedValue[], out: Finding[]): boolean {
  let found = false;
  for (const p of query) {
    if (URL_CREDENTIALS.has(p.name) && p.value !== '') {
      out.push(
        finding(
          'lint.token.credentials-in-url',
          url.toReal(p.start),
          url.toReal(p.valueEnd),
          'warning',
          undefined,
          localText('`{0}` in the query', p.name),
        ),
      );
      found = true;
    }
  }
  const userinfo = userinfoRange(url.text);
  if (userinfo) {
    out.push(
      finding(
        'lint.token.credentials-in-url',
        url.toReal(userinfo[0]),
        url.toReal(userinfo[1]),
        'warning',
        undefined,
        localText('user and password before the host'),
      ),
    );
    found = true;
  }
  return found;
}

/** Offsets of `user:password` in `scheme://user:password@host/…`, when the URL has a password there. */
function userinfoRange(urlText: string): [number, number] | undefined {
  const scheme = urlText.indexOf('://');
  if (scheme < 0) {
    return undefined;
  }
  const from = scheme + 3;
  let end = urlText.length;
  for (const c of ['/', '?', '#']) {
    const at = urlText.indexOf(c, from);
    if (at >= 0 && at < end) {
      end = at;
    }
  }
  const at = urlText.lastIndexOf('@', end - 1);
  if (at < from) {
    return undefined;
  }
  const colon = urlText.indexOf(':', from);
  return colon >= 0 && colon < at ? [from, at] : undefined;
}

/** What {@link isPublicTokenClient} reads of a token request that sends no credentials. */
export interface TokenClientFacts {
  readonly bodyParams: readonly NamedValue[];
  readonly query: readonly NamedValue[];
  readonly provider: ProviderKind;
}

const paramValue = (params: readonly NamedValue[], name: string) =>
  params.find((p) => p.name === name)?.value;

/**
 * Whether a token request without credentials comes from a public client, so that the missing-authentication warning
 * would be wrong: `true` for a public client, `false` for a confidential one, or the client id when only the rest of
 * the file can tell (the client is confidential if the file holds a secret for it: `FileSecrets` decides). Never
 * public for the `client_credentials` grant, a Rabobank client (all confidential), a profile that holds a secret, or
 * a request that does not even name its client.
 */
export function isPublicTokenClient(
  file: HttpFile,
  request: HttpRequest,
  facts: TokenClientFacts,
  profile: LintProfile | undefined,
): boolean | string {
  const grant = paramValue(facts.bodyParams, 'grant_type') ?? paramValue(facts.query, 'grant_type');
  if (
    grant === 'client_credentials' ||
    facts.provider === 'rabobank' ||
    profile?.clientSecret !== undefined
  ) {
    return false;
  }
  const clientId = paramValue(facts.bodyParams, 'client_id') ?? paramValue(facts.query, 'client_id');
  if (!clientId) {
    return false;
  }
  // The title and PKCE (how a public client proves it started the flow, RFC 7636) tell even when the id is a variable.
  if (titledPublic(file, request) || facts.bodyParams.some((p) => p.name === 'code_verifier')) {
    return true;
  }
  if (clientId.includes('{{')) {
    return false;
  }
  if (WELL_KNOWN_PUBLIC_CLIENTS.has(clientId)) {
    return true;
  }
  // A secret named in the block itself (even in a comment or a commented-out line) is about this request.
  return blockMentionsSecret(file, request) ? false : clientId;
}

const PUBLIC_CLIENT = /public[ -]client/i;
const SECRET_MENTION = /client[_-]?secret|clientsecret/i;

/** Whether the `###` title or the comments above the request (in its block) call its client public. */
function titledPublic(file: HttpFile, request: HttpRequest): boolean {
  const at = file.lines.starts[request.line];
  return PUBLIC_CLIENT.test(file.text.slice(blockStart(file.text, at), at));
}

/**
 * Whether the request's block names a client secret anywhere (a variable, a header, a commented-out line). Only
 * token requests that send a client id and nothing else get here, so cutting out the block costs little.
 */
function blockMentionsSecret(file: HttpFile, request: HttpRequest): boolean {
  const text = file.text;
  const at = file.lines.starts[request.line];
  const next = text.indexOf('\n###', at);
  return SECRET_MENTION.test(text.slice(blockStart(text, at), next < 0 ? text.length : next));
}

/** Where the block holding offset `at` starts: its `###` line, or the start of the text. */
function blockStart(text: string, at: number): number {
  return text.lastIndexOf('\n###', at - 1) + 1;
}
