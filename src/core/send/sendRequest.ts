/**
 * Turns a request of a `.http` file into the request that is sent, at send time: variables expanded (see
 * {@link VariableExpander}), `$auth` references checked against the one rule of where a profile's credentials may go,
 * and a shown form in which every secret is the variable that produced it. Nothing here does I/O: tokens and secrets
 * are fetched by the caller between {@link prepareSendRequest} and {@link renderSendRequest}.
 */
import { asLocalText, type LocalText, localText, renderText, type UserText } from '../text/localText';
import { HttpBlock, HttpFile, HttpRequest } from '../httpFile/parseHttpFile';
import { CredentialKind, CredentialTargets, credentialTargetVerdict } from '../profiles/credentialTarget';
import {
  AuthReference,
  authReferencesOf,
  authVariableText,
  renderTemplate,
  SecretSegment,
  SendEnvironment,
  shownTemplate,
  Template,
  VariableExpander,
  VariableExpansionError,
} from './sendVariables';

/** Why a request was not sent; `line` is 0-based, the message names the variable and the 1-based line. */
export type SendRequestErrorCode =
  | 'SEND_UNRESOLVED_VARIABLE'
  | 'SEND_UNSUPPORTED_VARIABLE'
  | 'SEND_VARIABLE_LIMIT'
  | 'SEND_BAD_URL'
  | 'SEND_EXTERNAL_BODY'
  | 'SEND_UNKNOWN_PROFILE'
  | 'SEND_CREDENTIAL_TARGET'
  | 'SEND_NO_REQUEST';

/** A request Send refuses: `message` and `fix` in English, `text` and `fixText` to render in the user's language. */
export class SendRequestError extends Error {
  readonly text: LocalText;
  readonly fixText?: LocalText;
  readonly fix?: string;

  constructor(
    readonly code: SendRequestErrorCode,
    message: UserText,
    readonly line: number | undefined,
    fix?: UserText,
  ) {
    const text = asLocalText(message);
    super(renderText(text));
    this.name = 'SendRequestError';
    this.text = text;
    this.fixText = fix === undefined ? undefined : asLocalText(fix);
    this.fix = this.fixText && renderText(this.fixText);
  }
}

/** Methods a request line may have; anything else is refused before it is sent. */
const METHOD = /^[A-Z]{3,10}$/;

/** A request with its variables expanded, secrets still as places. */
export interface PreparedRequest {
  readonly method: string;
  /** The URL to send to: no secret from a profile may be in it, so it is plain text. */
  readonly url: string;
  /** The URL as shown: environment values as their variables. */
  readonly shownUrl: string;
  readonly headers: readonly { readonly name: string; readonly value: Template }[];
  readonly body: Template | undefined;
  /** Each distinct `$auth` reference, in order of appearance. */
  readonly auth: readonly AuthReference[];
  /** 0-based line of the request line. */
  readonly line: number;
}

/** A request ready for the wire. */
export interface ConcreteRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body: string | undefined;
}

/**
 * Expands the request of `block`. Throws a {@link SendRequestError} naming the variable and its line when one cannot be
 * filled, when the URL would carry a profile's secret, or when the request has no absolute http(s) URL.
 */
export function prepareSendRequest(file: HttpFile, block: HttpBlock, env: SendEnvironment): PreparedRequest {
  const request = block.request;
  if (!request) {
    throw new SendRequestError(
      'SEND_NO_REQUEST',
      localText('There is no request line here to send.'),
      block.startLine,
    );
  }
  if (!METHOD.test(request.method)) {
    throw new SendRequestError(
      'SEND_BAD_URL',
      localText('"{0}" is not an HTTP method.', request.method),
      request.line,
    );
  }
  const expander = new VariableExpander(file.variables, env);
  const urlText = request.url.text.replace(/\s*\n\s*/g, '');
  const urlTemplate = expandAt(expander, urlText, lineOf(file, request.url.toReal(0)));
  if (authReferencesOf(urlTemplate).length > 0) {
    throw new SendRequestError(
      'SEND_CREDENTIAL_TARGET',
      localText(
        'The URL on line {0} would carry a token or client credentials; those go in a header or the body only.',
        request.line + 1,
      ),
      request.line,
    );
  }
  const url = renderTemplate(urlTemplate, (segment) => ('value' in segment ? segment.value : ''));
  if (!isAbsoluteHttpUrl(url)) {
    throw new SendRequestError(
      'SEND_BAD_URL',
      localText('The URL on line {0} is not an absolute http:// or https:// URL.', request.line + 1),
      request.line,
      localText(
        'Write the whole URL, e.g. {0}, or define the variables it uses.',
        'https://api.example.com/path',
      ),
    );
  }
  const headers = [...request.headers].map((header) => ({
    name: header.name,
    value: expandAt(expander, header.value.trim(), lineOf(file, header.valueStart)),
  }));
  const body = bodyOf(file, request, expander);
  const auth: AuthReference[] = [];
  for (const template of [...headers.map((h) => h.value), ...(body ? [body] : [])]) {
    for (const ref of authReferencesOf(template)) {
      if (!auth.some((known) => known.kind === ref.kind && known.profileId === ref.profileId)) {
        auth.push(ref);
      }
    }
  }
  return {
    method: request.method,
    url,
    shownUrl: shownTemplate(urlTemplate),
    headers,
    body,
    auth,
    line: request.line,
  };
}

/** Which credentials an `$auth` reference carries, for {@link checkCredentialTargets}. */
export function credentialKindOf(ref: AuthReference): CredentialKind {
  return ref.kind === 'token' || ref.kind === 'idToken' ? 'bearerToken' : 'clientCredentials';
}

/**
 * Refuses the request when one of its `$auth` references names an unknown profile, or a profile whose credentials may
 * not go to the request's URL (see {@link credentialTargetVerdict}).
 */
export function checkCredentialTargets(
  prepared: PreparedRequest,
  profileOf: (id: string) => (CredentialTargets & { readonly label?: string }) | undefined,
): void {
  for (const ref of prepared.auth) {
    const profile = profileOf(ref.profileId);
    if (!profile) {
      throw new SendRequestError(
        'SEND_UNKNOWN_PROFILE',
        localText('{0} names a profile that does not exist.', authVariableText(ref)),
        prepared.line,
        localText('Use the id of one of your profiles (OAuth Workbench: Add Profile lists them).'),
      );
    }
    const verdict = credentialTargetVerdict(profile, credentialKindOf(ref), prepared.url);
    if (!verdict.allowed) {
      throw new SendRequestError(
        'SEND_CREDENTIAL_TARGET',
        localText('Not sent: {0} may not go to this URL ({1}).', authVariableText(ref), verdict.reasonText),
        prepared.line,
        ref.kind === 'token' || ref.kind === 'idToken'
          ? localText('If the API is yours, add its host to the profile’s {0}.', 'apiHosts')
          : undefined,
      );
    }
  }
}

/** The request to send, with each `$auth` reference's value from `authValue` (fetched by the caller). */
export function renderSendRequest(
  prepared: PreparedRequest,
  authValue: (ref: AuthReference) => string,
): ConcreteRequest {
  const secret = (segment: SecretSegment) => ('value' in segment ? segment.value : authValue(segment.auth));
  return {
    method: prepared.method,
    url: prepared.url,
    headers: prepared.headers.map((h) => [h.name, renderTemplate(h.value, secret)] as const),
    body: prepared.body ? renderTemplate(prepared.body, secret) : undefined,
  };
}

/** Every secret value a rendered request holds, so what is shown or logged can be checked for them. */
export function secretValuesOf(
  prepared: PreparedRequest,
  authValue: (ref: AuthReference) => string,
): string[] {
  const out = new Set<string>();
  for (const template of [
    ...prepared.headers.map((h) => h.value),
    ...(prepared.body ? [prepared.body] : []),
  ]) {
    for (const part of template) {
      if (typeof part !== 'string') {
        out.add('value' in part ? part.value : authValue(part.auth));
      }
    }
  }
  return [...out].filter((v) => v !== '');
}

function bodyOf(file: HttpFile, request: HttpRequest, expander: VariableExpander): Template | undefined {
  if (request.externalBody) {
    throw new SendRequestError(
      'SEND_EXTERNAL_BODY',
      localText(
        'The body on line {0} is read from a file, which Send Request does not do yet.',
        lineOf(file, request.body?.toReal(0) ?? 0) + 1,
      ),
      request.line,
      localText('Paste the body into the request.'),
    );
  }
  const text = request.body?.text.replace(/\s+$/, '');
  return text ? expandAt(expander, text, lineOf(file, request.body!.toReal(0))) : undefined;
}

/** Expands one part of the request, turning a failure into a message that names the variable and its line. */
function expandAt(expander: VariableExpander, text: string, line: number): Template {
  try {
    return expander.expand(text);
  } catch (err) {
    if (!(err instanceof VariableExpansionError)) {
      throw err;
    }
    throw describeExpansionError(err, text, line);
  }
}

function describeExpansionError(
  err: VariableExpansionError,
  text: string,
  firstLine: number,
): SendRequestError {
  // The line of the variable written in the request (the outermost one when the fault is inside a file variable).
  const written = err.via[0] ?? err.variable;
  const at = text.search(new RegExp(`\\{\\{\\s*${escapeRegExp(written)}\\s*\\}\\}`));
  const line = firstLine + (at < 0 ? 0 : countLineBreaks(text, at));
  const name = shorten(err.variable);
  const braced = `{{${name}}}`;
  const onLine =
    err.via.length > 0
      ? localText('on line {0} (used through {1})', line + 1, `{{${err.via.map(shorten).join('}} → {{')}}}`)
      : localText('on line {0}', line + 1);
  switch (err.problem) {
    case 'unresolved':
      return name.startsWith('$')
        ? new SendRequestError(
            'SEND_UNRESOLVED_VARIABLE',
            localText('Not sent: {0} {1} has no value.', braced, onLine),
            line,
            name.startsWith('$dotenv')
              ? localText('Add the name to the .env file next to this file.')
              : localText('Set the environment variable before starting VS Code.'),
          )
        : new SendRequestError(
            'SEND_UNRESOLVED_VARIABLE',
            localText('Not sent: {0} {1} is not defined.', braced, onLine),
            line,
            localText('Define it in the file, e.g. {0}.', `@${name} = value`),
          );
    case 'unsupported':
      return new SendRequestError(
        'SEND_UNSUPPORTED_VARIABLE',
        localText('Not sent: {0} {1} is not a variable OAuth Workbench can fill.', braced, onLine),
        line,
        localText('See "Send and explain" in the README for the variables it knows.'),
      );
    case 'cycle':
      return new SendRequestError(
        'SEND_VARIABLE_LIMIT',
        localText('Not sent: {0} {1} refers to itself.', braced, onLine),
        line,
      );
    default:
      return new SendRequestError(
        'SEND_VARIABLE_LIMIT',
        localText('Not sent: the variables {0} expand too far (more than 1 MB or 16 levels).', onLine),
        line,
      );
  }
}

function lineOf(file: HttpFile, offset: number): number {
  return file.lines.lineAt(offset);
}

function countLineBreaks(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    n++;
  }
  return n;
}

function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !/\s/.test(value);
  } catch {
    return false;
  }
}

/** A variable's text in a message, cut short: the file chooses it. */
function shorten(text: string): string {
  // Control and bidi characters from the file never reach a message.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
