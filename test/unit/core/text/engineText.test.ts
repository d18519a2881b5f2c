import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { checkAuthorizationCallback } from '../../../../src/core/oauth/authorizationCallback';
import { errorFromResponse } from '../../../../src/core/oauth/endpointResponse';
import { type OAuthWorkbenchError } from '../../../../src/core/oauth/oauthErrors';
import { discoverAuthorizationServer } from '../../../../src/core/oauth/discovery';
import { signIn } from '../../../../src/core/oauth/signIn';
import { validateClientProfile } from '../../../../src/core/profiles/clientProfile';
import { InMemorySecretStore } from '../../../../src/core/profiles/secretStore';
import { prepareSendRequest } from '../../../../src/core/send/sendRequest';
import { parseHttpFile } from '../../../../src/core/httpFile/parseHttpFile';
import { renderText } from '../../../../src/core/text/localText';
import { shownError } from '../../../../src/core/text/shownError';
import { NodeHttpClient } from '../../../../src/node/nodeHttpClient';
import { buildProfile } from '../../../doubles/builders/profileBuilder';
import { engineError } from '../../../doubles/engineError';
import { repoRoot } from '../../../support/paths';
import { shouting } from '../../../doubles/shoutingTranslation';

/**
 * The folders whose errors reach a notification: every message and fix built there must be a `localText(…)`, so the
 * boundary can render it in the user's language. The allow-list names the few that never reach a user.
 */
const SCANNED = ['src/core/oauth', 'src/core/send', 'src/core/tokens', 'src/core/profiles', 'src/node'];
const ALLOWED: Readonly<Record<string, string>> = {
  // Only ever the `cause` of the HTTP_PROXY error transportError builds; the log shows it, a notification never does.
  'src/node/http/proxyTunnel.ts: new Error': 'cause of a typed proxy error',
};

/** An expression's end: the index of the `,` or closing bracket that ends it at depth 0 (strings and templates skipped). */
function expressionEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      i = literalEnd(text, i);
    } else if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
    } else if ('([{'.includes(c)) {
      depth++;
    } else if (')]}'.includes(c)) {
      if (depth === 0) {
        return i;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      return i;
    }
  }
  return text.length;
}

/** The index of the quote that closes the literal opening at `start` (a template's `${…}` is skipped whole). */
function literalEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
    } else if (text[i] === quote) {
      return i;
    } else if (quote === '`' && text[i] === '$' && text[i + 1] === '{') {
      i = expressionEnd(text, i + 2);
    }
  }
  return text.length;
}

/** The sentences written as plain literals in `expression`, once every `localText(…)` call in it is taken out. */
function plainSentences(expression: string): string[] {
  let rest = expression;
  // What goes through the text port is translated: `localText('…')`, or `translate('…')` with the language at hand.
  for (
    let at = rest.search(/\b(?:localText|translate)\(/);
    at >= 0;
    at = rest.search(/\b(?:localText|translate)\(/)
  ) {
    const open = rest.indexOf('(', at);
    rest = rest.slice(0, at) + rest.slice(expressionEnd(rest, open + 1) + 1);
  }
  const found: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "'" || rest[i] === '"' || rest[i] === '`') {
      const end = literalEnd(rest, i);
      const literal = rest.slice(i + 1, end);
      // A sentence has a space; an error code, a header name or '' does not.
      if (/[A-Za-z]+ [A-Za-z]/.test(literal)) {
        found.push(literal);
      }
      i = end;
    }
  }
  return found;
}

/** Messages and fixes in `text` (one source file) written as plain strings or templates instead of `localText(…)`. */
export function plainErrorTexts(text: string): { line: number; what: string; literal: string }[] {
  const found: { line: number; what: string; literal: string }[] = [];
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(/\bnew (\w*Error)\(/g)) {
    let at = m.index + m[0].length;
    while (at < text.length && text[at] !== ')') {
      const end = expressionEnd(text, at);
      const argument = text.slice(at, end).trim();
      // The details object's `fix:` is read below; its other members are the server's values or codes.
      for (const literal of argument.startsWith('{') ? [] : plainSentences(argument)) {
        found.push({ line: lineAt(m.index), what: `new ${m[1]}`, literal });
      }
      at = text[end] === ',' ? end + 1 : end;
      if (text[end] !== ',') {
        break;
      }
    }
  }
  for (const m of text.matchAll(/\bfix:\s*/g)) {
    const start = m.index + m[0].length;
    // A type annotation (`fix: string;`, `fix?: LocalText`) is no value.
    if (/^(string|LocalText|UserText)\b/.test(text.slice(start))) {
      continue;
    }
    for (const literal of plainSentences(text.slice(start, expressionEnd(text, start)))) {
      found.push({ line: lineAt(m.index), what: 'fix', literal });
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the engine builds its messages and fixes as LocalText', () => {
  it('has no message or fix written as a plain string in core and src/node', () => {
    const offenders: string[] = [];
    const used = new Set<string>();
    for (const folder of SCANNED) {
      for (const file of sourceFiles(join(repoRoot, folder))) {
        const where = relative(repoRoot, file).split('\\').join('/');
        for (const o of plainErrorTexts(readFileSync(file, 'utf8'))) {
          const key = `${where}: ${o.what}`;
          if (ALLOWED[key] === undefined) {
            offenders.push(`${where}:${o.line} ${o.what}: ${o.literal.slice(0, 70)}`);
          } else {
            used.add(key);
          }
        }
      }
    }
    assert.deepEqual(offenders, []);
    // An entry whose message is gone (or became a LocalText) leaves the list.
    assert.deepEqual(
      Object.keys(ALLOWED).filter((key) => !used.has(key)),
      [],
    );
  });

  it('recognizes an offender in each form it can take', () => {
    const source = [
      'throw new ProfileStateError(\'NOT_SIGNED_IN\', `"${label}" is not signed in.`, {',
      "  fix: 'Sign in first.',",
      '});',
      "throw new HttpRequestError('HTTP_TLS', localText('Fine {0}.', host), { fix: ok ? localText('Run it.') : 'Run that.' });",
      "return new SendRequestError('SEND_BAD_URL', 'The URL is bad.', line);",
      "throw new AuthorizationFlowError('FLOW_CANCELLED', localText('The sign-in was cancelled.'));",
      'readonly fix: string;',
      "  fix: escapeHtml(translate('Copy the redirect URI into the profile.')),",
      "  fix: escapeHtml('Copy the redirect URI into the profile.'),",
    ].join('\n');
    assert.deepEqual(
      plainErrorTexts(source).map((o) => `${o.line} ${o.what}: ${o.literal}`),
      [
        '1 new ProfileStateError: "${label}" is not signed in.',
        '5 new SendRequestError: The URL is bad.',
        '2 fix: Sign in first.',
        '4 fix: Run that.',
        '9 fix: Copy the redirect URI into the profile.',
      ],
    );
  });
});

/** Every word of `shouted` is upper case once the server's or the user's own values are taken out. */
function assertShoutedExcept(shouted: string, values: readonly string[]): void {
  let rest = shouted;
  for (const value of values) {
    assert.ok(rest.includes(value), `"${value}" is kept as it is in: ${shouted}`);
    rest = rest.split(value).join('');
  }
  assert.doesNotMatch(rest, /[a-z]/, `every word is translated: ${shouted}`);
}

function assertLocal(err: OAuthWorkbenchError | Error, values: readonly string[]): void {
  const { text, fixText, fix } = err as { text?: never; fixText?: never; fix?: string };
  assert.ok(text, 'the error carries a LocalText');
  assert.equal(renderText(text), err.message);
  assert.ok(fixText, 'the fix is a LocalText too');
  assert.equal(renderText(fixText), fix);
  assertShoutedExcept(renderText(text, shouting), values);
  assertShoutedExcept(renderText(fixText, shouting), []);
}

describe('engine errors in the user language', () => {
  it('a token endpoint 400 invalid_grant: the server’s code and description stay as they are', () => {
    const err = errorFromResponse(
      {
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ error: 'invalid_grant', error_description: 'Code not valid' }),
      },
      { endpoint: 'token', grantType: 'authorization_code', rabobank: false },
    );
    assert.equal(err.message, 'The token endpoint answered 400 invalid_grant (Code not valid).');
    assertLocal(err, ['invalid_grant', 'Code not valid']);
    // The endpoint's name is a phrase of its own, rendered in the same language as the sentence around it.
    assert.match(renderText(err.text, shouting), /^THE TOKEN ENDPOINT ANSWERED 400/);
  });

  it('an HTTP timeout against a loopback server that never answers', async function () {
    this.timeout(10_000);
    const server = http.createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const err = await engineError(
        new NodeHttpClient({ env: {}, timeoutMs: 200 }).send({
          method: 'GET',
          url: `http://${host}/token`,
          headers: {},
        }),
      );
      assert.equal(err.code, 'HTTP_TIMEOUT');
      assert.equal(err.message, `The request to ${host} timed out.`);
      assertLocal(err, [host]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a missing client secret names the profile as the user wrote it', async () => {
    const profile = buildProfile({ label: 'my bank app' });
    const err = await engineError(
      signIn({
        profile,
        secretStore: new InMemorySecretStore(),
        http: new NodeHttpClient({ env: {} }),
        openUrl: () => assert.fail('no browser before the secret is there'),
      }),
    );
    assert.equal(err.code, 'CLIENT_SECRET_MISSING');
    assert.equal(err.message, 'No client secret is set for "my bank app".');
    assertLocal(err, ['my bank app']);
  });

  it('a callback whose state does not match', () => {
    const verdict = checkAuthorizationCallback(new URLSearchParams('code=abc&state=forged'), {
      redirectUri: 'http://127.0.0.1:8765/callback',
      state: 'expected',
    });
    assert.equal(verdict.kind, 'reject');
    const err = verdict.kind === 'reject' ? verdict.error : assert.fail();
    assert.equal(err.code, 'STATE_MISMATCH');
    assert.equal(renderText(err.text), err.message);
    assertShoutedExcept(renderText(err.text, shouting), []);
  });

  it('a Send refusal names the variable and its line as values', () => {
    const file = parseHttpFile('GET https://api.example/{{path}}\n');
    const block = file.blocks[0];
    assert.ok(block);
    let caught: unknown;
    try {
      prepareSendRequest(file, block, {
        processEnv: () => undefined,
        dotenv: () => undefined,
        now: () => 0,
        guid: () => 'g',
      });
    } catch (err) {
      caught = err;
    }
    const shown = shownError(caught, shouting);
    assert.ok(shown);
    assert.equal(shown.englishMessage, 'Not sent: {{path}} on line 1 is not defined.');
    assertShoutedExcept(shown.message, ['{{path}}']);
    assert.equal(shown.englishFix, 'Define it in the file, e.g. @path = value.');
    assertShoutedExcept(shown.fix ?? '', ['@path = value']);
  });

  it('an invalid profile lists its problems, each in the user language, fields and label as values', async () => {
    const profile = buildProfile({ label: 'my bank app', scopes: [], token_endpoint: 'not a url' });
    const err = await engineError(
      signIn({
        profile,
        secretStore: new InMemorySecretStore({ [profile.id]: 's' }),
        http: new NodeHttpClient({ env: {} }),
        openUrl: () => assert.fail('no browser for an invalid profile'),
      }),
    );
    assert.equal(err.code, 'PROFILE_INVALID');
    const listed = validateClientProfile(profile)
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.field}: ${p.message}`);
    assert.ok(listed.length >= 2);
    assert.equal(err.message, `The profile "my bank app" has problems: ${listed.join(' ')}`);
    // The field's own name inside "The {0} is not a valid URL." is a phrase, translated with its sentence.
    assertShoutedExcept(renderText(err.text, shouting), ['my bank app', 'token_endpoint:', 'scopes:']);
  });

  it('a discovery document without endpoints, told in the user language', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"issuer":"x"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const err = await engineError(discoverAuthorizationServer(issuer, new NodeHttpClient({ env: {} })));
      const url = `${issuer}/.well-known/openid-configuration`;
      assert.equal(
        err.message,
        `${url}: The discovery document lacks issuer, authorization_endpoint or token_endpoint.`,
      );
      assertShoutedExcept(renderText(err.text, shouting), [url]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('shows a plain error as it is, in every language', () => {
    const shown = shownError(new Error('disk full'), shouting);
    assert.deepEqual(shown, {
      message: 'disk full',
      englishMessage: 'disk full',
      fix: undefined,
      englishFix: undefined,
    });
    assert.equal(shownError('not an error', shouting), undefined);
  });
});
