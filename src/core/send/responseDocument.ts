/**
 * The text of a response document: the request as sent (every secret masked or shown as its variable), then the
 * answer as a recorded response under it. Because the answer sits under its request in one block, the `.http` lints
 * read it with the request's context (endpoint kind, grant type, profile), as they do for answers recorded by hand.
 */
import { PreparedRequest } from './sendRequest';
import { shownTemplate } from './sendVariables';

/** What the document shows of one exchange. */
export interface SentExchange {
  readonly request: PreparedRequest;
  readonly status: number;
  readonly reason?: string;
  /** Lower-case names, as the HTTP client gives them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly elapsedMs: number;
  /** Epoch milliseconds. */
  readonly sentAt: number;
  /** Values that must not appear in the text (tokens, secrets, environment values); each is masked wherever found. */
  readonly secrets: readonly string[];
}

/** How a masked value is written. */
export const MASK = '••••';

/** Header names whose values are credentials. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-ibm-client-secret',
]);

/** Parameter and JSON member names whose values are credentials or tokens. */
const SECRET_PARAMS = new Set([
  'client_secret',
  'client_assertion',
  'assertion',
  'code',
  'code_verifier',
  'refresh_token',
  'access_token',
  'id_token',
  'token',
  'password',
  'device_code',
  'subject_token',
  'actor_token',
]);

/** The whole response document for one exchange. */
export function responseDocumentText(exchange: SentExchange): string {
  const { request } = exchange;
  const lines: string[] = [];
  lines.push(
    `# Sent ${new Date(exchange.sentAt).toISOString()} · answered in ${Math.round(exchange.elapsedMs)} ms · secrets are masked or shown as their variables`,
  );
  lines.push(`${request.method} ${request.shownUrl}`);
  for (const header of request.headers) {
    lines.push(`${header.name}: ${maskHeader(header.name, shownTemplate(header.value))}`);
  }
  if (request.body) {
    lines.push('', maskBody(shownTemplate(request.body)));
  }
  lines.push('', `HTTP/1.1 ${exchange.status}${exchange.reason ? ` ${exchange.reason}` : ''}`);
  for (const [name, value] of Object.entries(exchange.headers)) {
    lines.push(`${name}: ${maskHeader(name, value)}`);
  }
  const body = readableBody(exchange.body, exchange.headers['content-type']);
  if (body) {
    lines.push('', body);
  }
  return scrub(`${lines.join('\n')}\n`, exchange.secrets);
}

/** A credential header keeps its scheme and any variable; a value written out is masked. */
export function maskHeader(name: string, value: string): string {
  if (!SECRET_HEADERS.has(name.toLowerCase()) || /^\s*\{\{[^}]*\}\}\s*$/.test(value.replace(/^\S+\s+/, ''))) {
    return value;
  }
  const scheme = /^(Basic|Bearer|DPoP|Digest|Negotiate|Token)\s+/i.exec(value);
  return scheme ? `${scheme[1]} ${MASK}` : MASK;
}

/** A form, query or JSON body with the values of credential parameters masked (variables stay as written). */
export function maskBody(body: string): string {
  if (/^\s*[[{]/.test(body)) {
    return maskJsonText(body);
  }
  return body.replace(
    /(^|[&?\s])([A-Za-z_]+)=(\{\{[^}]*\}\}|[^&\s]*)/g,
    (whole, lead: string, name: string, value: string) =>
      SECRET_PARAMS.has(name) && value !== '' && !/^\{\{[^}]*\}\}$/.test(value)
        ? `${lead}${name}=${MASK}`
        : whole,
  );
}

/** The body pretty-printed when it is JSON, secrets masked. */
function readableBody(body: string, contentType: string | undefined): string {
  const trimmed = body.trim();
  if (trimmed === '') {
    return '';
  }
  if (/json/i.test(contentType ?? '') || /^[[{]/.test(trimmed)) {
    try {
      return JSON.stringify(maskJsonValue(JSON.parse(trimmed)), null, 2);
    } catch {
      // Not JSON after all: shown as text.
    }
  }
  return /x-www-form-urlencoded/i.test(contentType ?? '') ? maskBody(trimmed) : maskJsonText(trimmed);
}

function maskJsonValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(maskJsonValue);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      out[key] =
        SECRET_PARAMS.has(key) && typeof member === 'string' && member !== '' ? MASK : maskJsonValue(member);
    }
    return out;
  }
  return value;
}

/** JSON members with credential names masked in text that may not parse (variables in a request body). */
function maskJsonText(text: string): string {
  return text.replace(
    /"([A-Za-z_]+)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g,
    (whole, name: string, colon: string, value: string) =>
      SECRET_PARAMS.has(name) && value !== '' && !/^\{\{[^}]*\}\}$/.test(value)
        ? `"${name}"${colon}"${MASK}"`
        : whole,
  );
}

/** Every known secret value, wherever it appears, masked; the longest first so a secret inside another goes too. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(MASK);
  }
  return out;
}
