/**
 * Send-time expansion of `{{…}}` variables, bounded in depth and size. The result is a template: literal text plus
 * the places where a secret goes (a profile's token or credentials, an environment value), so one expansion gives both
 * the request that is sent and the one that is shown, with each secret shown as the variable that produced it.
 *
 * Forms (REST Client, httpYac and JetBrains HTTP Client spellings): file variables `{{name}}` (nested),
 * `{{$processEnv NAME}}`, `{{$dotenv NAME}}`, `{{$guid}}` / `{{$uuid}}` / `{{$random.uuid}}`, `{{$timestamp}}`,
 * `{{$isoTimestamp}}`, `{{$datetime iso8601|rfc1123}}`, and `{{$auth.token("id")}}`, `{{$auth.idToken("id")}}`,
 * `{{$auth.basic("id")}}`, `{{$auth.clientId("id")}}`, `{{$auth.clientSecret("id")}}`.
 */

/** What `{{$auth.<kind>("<profile id>")}}` asks for. */
export type AuthVariableKind = 'token' | 'idToken' | 'basic' | 'clientId' | 'clientSecret';

export const AUTH_VARIABLE_KINDS: readonly AuthVariableKind[] = [
  'token',
  'idToken',
  'basic',
  'clientId',
  'clientSecret',
];

/** One `$auth` reference: which profile, and what of it. */
export interface AuthReference {
  readonly kind: AuthVariableKind;
  readonly profileId: string;
}

/** A place in a template where a secret goes; `shown` is how the request shown to the user writes it. */
export type SecretSegment =
  | { readonly auth: AuthReference; readonly shown: string }
  | { readonly env: string; readonly value: string; readonly shown: string };

/** Literal text and secrets, in order. */
export type Template = readonly (string | SecretSegment)[];

/** Where the non-file variables come from; the send adapter reads the process environment and `.env` files. */
export interface SendEnvironment {
  processEnv(name: string): string | undefined;
  dotenv(name: string): string | undefined;
  /** Epoch milliseconds. */
  now(): number;
  guid(): string;
}

/** Why a variable could not be expanded. */
export type VariableProblem = 'unresolved' | 'unsupported' | 'cycle' | 'tooLarge' | 'tooDeep';

/** A variable that stops the send: the outermost one as written in the request, and the inner one at fault. */
export class VariableExpansionError extends Error {
  constructor(
    readonly problem: VariableProblem,
    /** The variable at fault, as written between the braces. */
    readonly variable: string,
    /** The file variables leading to it, outermost first (empty when it is written in the request itself). */
    readonly via: readonly string[],
  ) {
    super(`${problem}: ${variable}`);
  }
}

/** Longest expanded text of one request part (URL, one header, the body). */
export const MAX_EXPANDED_LENGTH = 1 << 20;
/** Deepest chain of file variables that refer to each other. */
export const MAX_VARIABLE_DEPTH = 16;

const AUTH_FORM = /^\$auth\.([A-Za-z]+)\(\s*(["'])([A-Za-z0-9._-]+)\2\s*\)$/;
const FILE_VARIABLE = /^[A-Za-z0-9_.-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** `{{$auth.token("id")}}` as written for a reference: how secrets appear in what is shown or inserted. */
export function authVariableText(ref: AuthReference): string {
  return `{{$auth.${ref.kind}("${ref.profileId}")}}`;
}

/**
 * Expands the variables of a request's parts. File variables are expanded once each and reused, so a chain of
 * variables that doubles at each step is stopped by the size cap instead of growing without bound.
 */
export class VariableExpander {
  private readonly done = new Map<string, Template>();
  private readonly active: string[] = [];

  constructor(
    private readonly fileVariables: ReadonlyMap<string, string>,
    private readonly env: SendEnvironment,
  ) {}

  /** The template for `text`; throws a {@link VariableExpansionError} for the first variable it cannot fill. */
  expand(text: string): Template {
    const out: (string | SecretSegment)[] = [];
    let length = 0;
    let from = 0;
    const push = (part: string | SecretSegment) => {
      length += typeof part === 'string' ? part.length : part.shown.length;
      if (length > MAX_EXPANDED_LENGTH) {
        throw new VariableExpansionError('tooLarge', this.active[0] ?? '', this.active.slice(1));
      }
      out.push(part);
    };
    for (;;) {
      const open = text.indexOf('{{', from);
      const close = open < 0 ? -1 : text.indexOf('}}', open + 2);
      if (close < 0) {
        if (from < text.length) {
          push(text.slice(from));
        }
        return mergeLiterals(out);
      }
      if (open > from) {
        push(text.slice(from, open));
      }
      for (const part of this.variable(text.slice(open + 2, close).trim())) {
        push(part);
      }
      from = close + 2;
    }
  }

  private variable(expression: string): Template {
    if (expression.startsWith('$')) {
      return [this.systemVariable(expression)];
    }
    if (!FILE_VARIABLE.test(expression)) {
      throw this.problem('unsupported', expression);
    }
    const known = this.done.get(expression);
    if (known) {
      return known;
    }
    const value = this.fileVariables.get(expression);
    if (value === undefined) {
      throw this.problem('unresolved', expression);
    }
    if (this.active.includes(expression)) {
      throw this.problem('cycle', expression);
    }
    if (this.active.length >= MAX_VARIABLE_DEPTH) {
      throw this.problem('tooDeep', expression);
    }
    this.active.push(expression);
    try {
      const template = this.expand(value.trim());
      this.done.set(expression, template);
      return template;
    } finally {
      this.active.pop();
    }
  }

  private systemVariable(expression: string): string | SecretSegment {
    const auth = AUTH_FORM.exec(expression);
    if (auth) {
      const kind = auth[1] as AuthVariableKind;
      if (!AUTH_VARIABLE_KINDS.includes(kind)) {
        throw this.problem('unsupported', expression);
      }
      const ref = { kind, profileId: auth[3] };
      return { auth: ref, shown: authVariableText(ref) };
    }
    const [name, ...args] = expression.split(/\s+/);
    switch (name) {
      case '$processEnv':
      case '$dotenv': {
        const envName = args[0] ?? '';
        if (args.length !== 1 || !ENV_NAME.test(envName)) {
          throw this.problem('unsupported', expression);
        }
        const value = name === '$processEnv' ? this.env.processEnv(envName) : this.env.dotenv(envName);
        if (value === undefined) {
          throw this.problem('unresolved', expression);
        }
        return { env: envName, value, shown: `{{${name} ${envName}}}` };
      }
      case '$guid':
      case '$uuid':
      case '$random.uuid':
      case '$randomUUID':
        return this.env.guid();
      case '$timestamp':
        return args.length === 0 ? String(Math.floor(this.env.now() / 1000)) : this.unsupported(expression);
      case '$isoTimestamp':
        return new Date(this.env.now()).toISOString();
      case '$datetime':
        if (args.length === 1 && args[0] === 'iso8601') {
          return new Date(this.env.now()).toISOString();
        }
        if (args.length === 1 && args[0] === 'rfc1123') {
          return new Date(this.env.now()).toUTCString();
        }
        return this.unsupported(expression);
      default:
        return this.unsupported(expression);
    }
  }

  private unsupported(expression: string): never {
    throw this.problem('unsupported', expression);
  }

  private problem(problem: VariableProblem, variable: string): VariableExpansionError {
    return new VariableExpansionError(problem, variable, [...this.active]);
  }
}

/** The text a template stands for, with each secret's value from `secret`. */
export function renderTemplate(template: Template, secret: (segment: SecretSegment) => string): string {
  let out = '';
  for (const part of template) {
    out += typeof part === 'string' ? part : secret(part);
  }
  return out;
}

/** The text shown to the user: each secret as the variable that produced it. */
export function shownTemplate(template: Template): string {
  return renderTemplate(template, (segment) => segment.shown);
}

/** The `$auth` references of a template, in order. */
export function authReferencesOf(template: Template): AuthReference[] {
  const refs: AuthReference[] = [];
  for (const part of template) {
    if (typeof part !== 'string' && 'auth' in part) {
      refs.push(part.auth);
    }
  }
  return refs;
}

function mergeLiterals(parts: (string | SecretSegment)[]): Template {
  const out: (string | SecretSegment)[] = [];
  for (const part of parts) {
    const last = out.length - 1;
    if (typeof part === 'string' && last >= 0 && typeof out[last] === 'string') {
      out[last] = (out[last] as string) + part;
    } else {
      out.push(part);
    }
  }
  return out;
}
