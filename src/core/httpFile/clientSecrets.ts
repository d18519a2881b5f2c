import { parseBasicCredentials } from '../wire/basicAuthentication';
import { lintExpander } from './fileVariables';
import { jsonBodyParams, NamedValue } from './grantLints';
import { HttpDiagnostic } from './httpDiagnostic';
import { LineIndex } from './lineIndex';
import { HttpBlock, HttpFile, HttpRequest, parseHttpFile } from './parseHttpFile';
import { RequestContext, resolveRequestContext } from './requestContext';

/**
 * What one block tells about the clients of a file and their secrets. Whether a token request that sends only its
 * `client_id` comes from a public client may depend on the rest of the file (a secret for the same client in another
 * request), so each block's part is gathered on its own and the parts are combined for the file: an edit changes only
 * the parts of the blocks it touched.
 */
export interface BlockSecrets {
  /** The client ids the block's request sends (query, form or JSON body, URL userinfo), as written. */
  readonly clients: readonly string[];
  /** The client ids, as written, of a request that also sends a secret; `''` when it sends a secret and no id. */
  readonly withSecret: readonly string[];
  /** The credentials of Basic headers as written (`base64`, `id:secret`, `{{variable}}`), read only when needed. */
  readonly basic: readonly string[];
  /** The client ids, as written, of authorization requests that sent a `redirect_uri`; `''` for one without an id. */
  readonly redirects: readonly string[];
  /** The block defines a client secret variable (`@client_secret = …`, `@clientSecret = …`). */
  readonly secretVariable: boolean;
}

export const NO_SECRETS: BlockSecrets = {
  clients: [],
  withSecret: [],
  basic: [],
  redirects: [],
  secretVariable: false,
};

/**
 * What a finding may wait for the whole file to tell: whether it holds a secret for a client (`secret:<client id>`),
 * or whether an authorization request of a client sent a `redirect_uri` (`redirect:<client id>`, `redirect:` when
 * the token request does not name its client).
 */
export type FileQuestion = `secret:${string}` | `redirect:${string}`;

/** How many diagnostics were ever marked undecided: a lint that marked none has nothing to decide. */
let marks = 0;

/** Sees every block of a lint as it is diagnosed, with its request's context (see {@link SecretsReader}). */
export type SecretsSink = (block: HttpBlock, ctx: RequestContext) => void;

/**
 * What the blocks of a lint tell about clients, gathered as they are diagnosed and cheap for every block. An
 * authorization (or pushed) request is read at once: its query or form is already read by its lints, and few blocks
 * are such requests. A block that may name a client's secret (a request to a token, revocation or introspection
 * endpoint, a secret variable) is only noted: what it names is read from its text when a finding waits for a secret
 * ({@link secretsOfBlockText}), which few files need, while token requests are many.
 */
export class SecretsReader {
  /** By the block's first line. */
  readonly read = new Map<number, BlockSecrets>();
  /** The first and last lines of the blocks noted for later, in pairs. */
  readonly later: number[] = [];

  readonly sink: SecretsSink = (block, ctx) => {
    const request = block.request;
    const endpoint = ctx.endpoint;
    // Token requests first, the most common ones: the request lints read a token request as one even when its path
    // looks like a pushed request's, and so does this.
    const laterRequest =
      request !== undefined && (endpoint === 'token' || endpoint === 'revoke' || endpoint === 'introspect');
    if (!laterRequest && request !== undefined && (endpoint === 'authorize' || ctx.pushed)) {
      const own = endpoint === 'authorize' ? authorizeSecrets(block, ctx) : blockSecretsOf(block, ctx);
      if (own !== NO_SECRETS) {
        this.read.set(block.startLine, own);
      }
    } else if (laterRequest || (block.variables.length > 0 && definesSecret(block.variables))) {
      this.later.push(block.startLine, block.endLine);
    }
  };

  private readonly marksBefore = marks;

  /** `diagnostics` of a whole lint of `file`, without those that wait for an answer the file does not give. */
  decide(diagnostics: HttpDiagnostic[], file: HttpFile): HttpDiagnostic[] {
    if (marks === this.marksBefore) {
      return diagnostics;
    }
    return decideUndecided(
      diagnostics,
      () =>
        new FileSecrets(
          this.read.values(),
          () => secretsOfLines(file.text, file.lines, this.later, file.variables),
          file.variables,
        ),
    );
  }
}

/** A variable that holds a client's secret, by its name. */
const SECRET_VARIABLE = /client[_-]?secret|^secret$/i;
/** Parameters that prove the client holds credentials of its own. */
const SECRET_PARAMS: ReadonlySet<string> = new Set(['client_secret', 'client_assertion']);
const BASIC = /^\s*basic\s+/i;
const VARIABLE_ONLY: BlockSecrets = { ...NO_SECRETS, secretVariable: true };

/**
 * The {@link BlockSecrets} of a block, read while it is diagnosed: `@client_secret`-like variables, and what a request
 * to a token, revocation, introspection or pushed-request endpoint sends (where clients send their credentials; a
 * Basic header elsewhere is a user's). A comment does not count here: a commented-out secret in another block says
 * nothing sure about this client. Runs for every block of every lint, so it reads only what the token request's lints
 * have read already (query, form), and decodes no Basic header.
 */
function blockSecretsOf(block: HttpBlock, ctx: RequestContext): BlockSecrets {
  const secretVariable = block.variables.length > 0 && definesSecret(block.variables);
  const request = block.request;
  if (request === undefined || !sendsClientCredentials(ctx)) {
    return secretVariable ? VARIABLE_ONLY : NO_SECRETS;
  }
  return requestSecrets(request, ctx, secretVariable);
}

/** What an authorization request tells: whether it sent a `redirect_uri`, and for which client. */
function authorizeSecrets(block: HttpBlock, ctx: RequestContext): BlockSecrets {
  let id: string | undefined;
  let redirect = false;
  for (const p of ctx.query) {
    if (p.name === 'redirect_uri') {
      redirect ||= p.valueEnd > p.valueStart;
    } else if (p.name === 'client_id' && id === undefined && p.valueEnd > p.valueStart) {
      id = p.value;
    }
  }
  const secretVariable = block.variables.length > 0 && definesSecret(block.variables);
  if (!redirect) {
    return secretVariable ? VARIABLE_ONLY : NO_SECRETS;
  }
  return { ...NO_SECRETS, redirects: [id ?? ''], secretVariable };
}

/**
 * The {@link BlockSecrets} of the text of one or more whole blocks (a block's own text, as the incremental linter
 * keeps it, or the lines a whole lint read it from), with the file's variables.
 */
export function secretsOfBlockText(text: string, variables: ReadonlyMap<string, string>): BlockSecrets {
  const parsed = parseHttpFile(text);
  const file = { text: parsed.text, lines: parsed.lines, blocks: parsed.blocks, variables };
  return mergeBlockSecrets(
    parsed.blocks.map((block) => blockSecretsOf(block, resolveRequestContext(file, block.request))),
  );
}

function sendsClientCredentials(ctx: RequestContext): boolean {
  const endpoint = ctx.endpoint;
  return (
    endpoint === 'token' ||
    endpoint === 'authorize' ||
    endpoint === 'revoke' ||
    endpoint === 'introspect' ||
    ctx.pushed
  );
}

function definesSecret(variables: readonly (readonly [string, string])[]): boolean {
  for (const variable of variables) {
    if (variable[1] !== '' && SECRET_VARIABLE.test(variable[0])) {
      return true;
    }
  }
  return false;
}

/** The parts of several blocks read as one (a block re-read on its own may parse as an empty block and itself). */
export function mergeBlockSecrets(parts: readonly BlockSecrets[]): BlockSecrets {
  const filled = parts.filter((p) => p !== NO_SECRETS);
  if (filled.length <= 1) {
    return filled[0] ?? NO_SECRETS;
  }
  return {
    clients: filled.flatMap((p) => p.clients),
    withSecret: filled.flatMap((p) => p.withSecret),
    basic: filled.flatMap((p) => p.basic),
    redirects: filled.flatMap((p) => p.redirects),
    secretVariable: filled.some((p) => p.secretVariable),
  };
}

/**
 * What a request sends: a client id and a secret in its query, its form or JSON body, or its URL's userinfo, and a
 * Basic header's credentials (read only when the file's secrets are asked for).
 */
function requestSecrets(request: HttpRequest, ctx: RequestContext, secretVariable: boolean): BlockSecrets {
  let id: string | undefined;
  let secret = false;
  let redirect = false;
  const body = request.body;
  const json =
    !ctx.isForm && body !== undefined && body.text.includes('"client_')
      ? jsonBodyParams(body.text)
      : undefined;
  for (const list of [ctx.query, json ?? ctx.form] as const) {
    for (const p of list) {
      // Emptiness from the offsets: reading (and decoding) a value costs more.
      if (p.name === 'client_id' && id === undefined && p.valueEnd > p.valueStart) {
        id = p.value;
      } else if (p.name === 'redirect_uri' && p.valueEnd > p.valueStart) {
        redirect = true;
      } else if (
        SECRET_PARAMS.has(p.name) &&
        p.valueEnd > p.valueStart &&
        (json === undefined || p.value !== '')
      ) {
        secret = true;
      }
    }
  }
  // An authorization request (or one pushed ahead of it) tells whether its client's code exchange repeats a redirect URI.
  const redirects =
    redirect && (ctx.endpoint === 'authorize' || ctx.pushed) ? [id ?? ''] : NO_SECRETS.redirects;
  if (ctx.endpoint === 'authorize') {
    return redirects.length > 0 || secretVariable ? { ...NO_SECRETS, redirects, secretVariable } : NO_SECRETS;
  }
  const url = request.url.text;
  const userinfo = url.indexOf('@') >= 0 ? userinfoClient(url) : undefined;
  if (userinfo !== undefined) {
    id ??= userinfo;
    secret = true;
  }
  const authorization = request.headers.valueOf('authorization');
  const m = authorization === undefined ? null : BASIC.exec(authorization);
  const basic = m ? authorization!.slice(m[0].length).trim() : '';
  if (id === undefined && !secret && basic === '' && redirects.length === 0) {
    return secretVariable ? VARIABLE_ONLY : NO_SECRETS;
  }
  // With a Basic header the secret is there, and names its own client (read from it when needed).
  return {
    clients: id === undefined ? NO_SECRETS.clients : [id],
    withSecret: secret ? [id ?? ''] : basic !== '' && id !== undefined ? [id] : NO_SECRETS.withSecret,
    basic: basic === '' ? NO_SECRETS.basic : [basic],
    redirects,
    secretVariable,
  };
}

/** The client a token request names: its `client_id`, else the id in its Basic header; `''` when neither tells. */
export function tokenClientId(params: readonly NamedValue[], authorization: string | undefined): string {
  const id = params.find((p) => p.name === 'client_id' && p.value !== '')?.value;
  if (id !== undefined) {
    return id;
  }
  const m = authorization === undefined ? null : BASIC.exec(authorization);
  return (m ? basicClient(authorization!.slice(m[0].length).trim()) : undefined) ?? '';
}

/** The client id in a Basic header's credentials; undefined when a variable hides it. */
function basicClient(cred: string): string | undefined {
  if (cred.startsWith('{{')) {
    return undefined;
  }
  const parsed = parseBasicCredentials(cred);
  if (parsed) {
    return parsed.id;
  }
  // REST Client and httpYac accept `Basic id:secret` and `Basic id secret` and encode it themselves.
  const sep = cred.search(/[: ]/);
  return sep > 0 ? cred.slice(0, sep) : undefined;
}

/** The user of `scheme://user:password@host/…`, when the URL has a password there. */
function userinfoClient(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@:]+):[^/?#@]*@/i.exec(url);
  return m ? m[1] : undefined;
}

/**
 * What the whole file tells about client secrets: which clients it names a secret for, and whether it holds a secret
 * it does not tie to a client (a `@client_secret` variable, a Basic header from a variable, a `client_secret` sent
 * without a `client_id`), and which clients' authorization requests sent a redirect URI. Client ids written as
 * `{{variables}}` are resolved against the file's variables.
 */
export class FileSecrets {
  private readonly named = new Set<string>();
  private readonly clients = new Set<string>();
  private unnamed = false;
  /** Clients whose authorization request sent a redirect URI; `''` stands for one whose client is not known. */
  private readonly redirects = new Set<string>();

  /** A client id as written, with its `{{variables}}` resolved; undefined when they cannot be. */
  private readonly resolve: (id: string) => string | undefined;

  /** The parts read only when a secret is asked for. */
  private later: (() => Iterable<BlockSecrets>) | undefined;

  /**
   * `parts` now; `later` the first time a secret is asked for (authorization requests, which alone tell about
   * redirect URIs, are never among them).
   */
  constructor(
    parts: Iterable<BlockSecrets>,
    later: (() => Iterable<BlockSecrets>) | undefined,
    variables: ReadonlyMap<string, string>,
  ) {
    const resolve = (id: string) => {
      if (!id.includes('{{')) {
        return id;
      }
      const text = lintExpander(variables).expand(id).text;
      return text === undefined || text.includes('{{') ? undefined : text;
    };
    this.resolve = resolve;
    this.later = later;
    this.add(parts);
  }

  private add(parts: Iterable<BlockSecrets>): void {
    const resolve = this.resolve;
    for (const part of parts) {
      if (part === NO_SECRETS) {
        continue;
      }
      this.unnamed ||= part.secretVariable;
      for (const id of part.clients) {
        const resolved = resolve(id);
        if (resolved !== undefined) {
          this.clients.add(resolved);
        }
      }
      for (const cred of part.basic) {
        const id = basicClient(cred);
        const resolved = id === undefined ? undefined : resolve(id);
        if (resolved === undefined) {
          this.unnamed = true;
        } else {
          this.named.add(resolved);
          this.clients.add(resolved);
        }
      }
      for (const id of part.redirects) {
        this.redirects.add((id === '' ? undefined : resolve(id)) ?? '');
      }
      for (const id of part.withSecret) {
        const resolved = id === '' ? undefined : resolve(id);
        if (resolved === undefined) {
          this.unnamed = true;
        } else {
          this.named.add(resolved);
        }
      }
    }
  }

  /** The answer to a question a finding waits for. */
  answers(question: FileQuestion): boolean {
    if (question.startsWith('secret:')) {
      return this.hasSecretFor(question.slice('secret:'.length));
    }
    const id = question.slice('redirect:'.length);
    return this.sentRedirectUri(id === '' ? '' : (this.resolve(id) ?? ''));
  }

  /**
   * Whether an authorization request in the file sent a `redirect_uri` for this client (`''`: for any client),
   * counting one whose client cannot be told: then RFC 6749 §4.1.3 wants it again on the code exchange.
   */
  sentRedirectUri(clientId: string): boolean {
    return (
      this.redirects.has(clientId) || this.redirects.has('') || (clientId === '' && this.redirects.size > 0)
    );
  }

  /**
   * Whether the file holds a secret for this client: one sent with its id in some request, or a secret tied to no
   * client in a file whose requests all name this one client. A secret tied to no client in a file with several
   * clients could be any one's, so it counts for none of them.
   */
  hasSecretFor(clientId: string): boolean {
    const later = this.later;
    if (later) {
      this.later = undefined;
      this.add(later());
    }
    return (
      this.named.has(clientId) || (this.unnamed && this.clients.size === 1 && this.clients.has(clientId))
    );
  }
}

/**
 * Diagnostics whose outcome depends on the file's secrets, and the client id they depend on: the missing client
 * authentication warning for a token request that sends only a client id and nothing else decides about. Keyed by
 * the diagnostic object, so that the plain data handed to VS Code and the CLI carries nothing extra.
 */
const undecided = new WeakMap<object, FileQuestion>();

/** Marks a diagnostic to be kept only if the whole file answers `question` yes. */
export function markUndecided(diagnostic: object, question: FileQuestion): void {
  undecided.set(diagnostic, question);
  marks++;
}

/** The question a diagnostic waits for, when it waits. */
export function undecidedQuestion(diagnostic: object): FileQuestion | undefined {
  return undecided.get(diagnostic);
}

/** `diagnostics` without those that wait for an answer the file does not give, dropped in place. */
function decideUndecided(diagnostics: HttpDiagnostic[], secrets: () => FileSecrets): HttpDiagnostic[] {
  let file: FileSecrets | undefined;
  let kept = 0;
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i];
    const question = waits(d.code) ? undecided.get(d) : undefined;
    if (question !== undefined) {
      file ??= secrets();
      if (!file.answers(question)) {
        continue;
      }
    }
    diagnostics[kept++] = d;
  }
  diagnostics.length = kept;
  return diagnostics;
}

/** The findings that can wait for the file. */
function waits(code: string): boolean {
  return code === 'lint.token.missing-client-auth' || code === 'lint.token.missing-redirect-uri';
}

/** The secrets of the blocks whose first and last lines `lines` holds in pairs, each read on its own. */
function secretsOfLines(
  text: string,
  index: LineIndex,
  lines: readonly number[],
  variables: ReadonlyMap<string, string>,
): BlockSecrets[] {
  const parts: BlockSecrets[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const first = lines[i];
    const last = Math.min(lines[i + 1], index.lineCount - 1);
    if (first <= last) {
      parts.push(secretsOfBlockText(text.slice(index.starts[first], index.ends[last]), variables));
    }
  }
  return parts;
}
