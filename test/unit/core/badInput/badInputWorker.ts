/**
 * The bad-input fuzz runs, executed in a worker thread by badInput.fuzz.test.ts so that a hang can be detected and
 * stopped. Each task runs one fast-check property and posts progress every few hundred runs, then the counts: runs
 * tried, runs passed, the slowest single case, and the first counterexample if any.
 */
import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/text/translate';
import fc from 'fast-check';
import { parentPort, workerData } from 'node:worker_threads';
import { HttpDiagnostic } from '../../../../src/core/httpFile/httpDiagnostic';
import { lintHttpFile } from '../../../../src/core/httpFile/httpFileDiagnostics';
import { hoverContent } from '../../../../src/core/httpFile/hoverContent';
import { IncrementalHttpLinter } from '../../../../src/core/httpFile/incrementalHttpLinter';
import { LintContext } from '../../../../src/core/httpFile/lintContext';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { isOAuthWorkbenchError } from '../../../../src/core/oauth/oauthErrors';
import { processTokenResponse } from '../../../../src/core/oauth/tokenEndpoint';
import { validateClientProfile } from '../../../../src/core/profiles/clientProfile';
import { parseProfileEntries } from '../../../../src/core/profiles/profileEntries';
import { WorkerMessage } from '../../../support/watchdogWorker';
import { loadFixtureCorpus } from '../httpFile/fixtureCorpus';
import { assertInside, HTTP_DOCUMENT_PIECES, mutate } from '../httpFile/httpDocumentPieces';

/** What the test asks the worker to do. */
export interface BadInputTask {
  readonly task:
    'httpDocuments' | 'mutatedFixtures' | 'incrementalEdits' | 'tokenResponses' | 'profileEntries';
  readonly numRuns: number;
  readonly seed?: number;
}

/** What the worker reports back. */
export interface BadInputResult {
  readonly tried: number;
  readonly passed: number;
  readonly slowestMs: number;
  readonly failure?: string;
}

const NOW = Date.UTC(2026, 10, 27);
const SECRET = 'fuzz-client-secret-Z9';
const kb = KnowledgeBase.create();
const corpus = loadFixtureCorpus();
const context: LintContext = {
  now: NOW,
  profiles: [
    {
      id: 'rabo',
      name: 'Rabobank sandbox',
      clientId: 'rabo-client',
      clientSecret: SECRET,
      redirectUri: 'http://127.0.0.1:8765/callback',
      authorizationEndpoint: 'https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2/authorize',
      tokenEndpoint: 'https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2/token',
    },
  ],
  findToken: (token) =>
    token.length % 3 === 0 ? { profileName: 'Rabobank sandbox', expiresAt: NOW - 1 } : undefined,
  freshTokenProfile: () => 'rabo',
};

/** The shared pieces plus hostile ones: more providers, status lines, surrogates, long tokens. */
const PIECES = [
  ...HTTP_DOCUMENT_PIECES,
  '@host = {{host}}',
  'POST ',
  'POST https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2/token',
  'POST https://login.microsoftonline.com/common/oauth2/v2.0/token',
  'GET https://oauth-sandbox.rabobank.nl/openapi/sandbox/oauth2/authorize?client_id=rabo-client&redirect_uri=http://x',
  'https://api-sandbox.rabobank.nl/openapi/sandbox/payments/account-information/ais/v3/accounts',
  ' HTTP/1.1',
  'HTTP/1.1 200 OK',
  'HTTP/1.1 400 Bad Request',
  'HTTP/1.1 502 Bad Gateway',
  'Content-Type: application/x-www-form-urlencoded',
  'Content-Type: text/html',
  'Authorization: Basic cmFiby1jbGllbnQ6d3Jvbmc=',
  'eyJhbGciOiJub25lIn0.eyJleHAiOjF9.',
  'WWW-Authenticate: Bearer error="invalid_token", error_description="expired"',
  'WWW-Authenticate: Bearer realm="x", error=',
  'Location: http://127.0.0.1:8765/callback?error=access_denied&state=x',
  'Date: Fri, 27 Nov 2026 10:00:00 GMT',
  'grant_type=authorization_code',
  'grant_type=refresh_token',
  '&refresh_token=',
  '&client_secret=',
  '&redirect_uri=',
  '"error_description"',
  '"invalid_client"',
  '"401"',
  '"httpMessage"',
  '"moreInformation"',
  '"AADSTS50011"',
  '"revokedByPsu"',
  'true',
  '-1e999',
  '{{',
  '< {%',
  '<script>alert(1)</script>',
  '\\uD800',
  '\uDFFF',
  '\u2028',
  '🔑',
  '"error_description":"[fix](command:evil.run?%5B%5D)"',
  '[x](command:evil.run)',
  '](command:evil.run)',
];

const pieceArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('{', '[', '"a":', '{{', '#', ' ')
      .chain((u) => fc.nat({ max: 2000 }).map((n) => u.repeat(n))),
  },
);
const documentArb = fc.array(pieceArb, { maxLength: 150 }).map((pieces) => pieces.join(''));
const editArb = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 60 }),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })),
});

/** Every range inside the document, every code known, no secret in any message or hover, hovers build. */
function assertWellFormed(text: string, diagnostics: readonly HttpDiagnostic[]): void {
  for (const d of diagnostics) {
    assertInside(text, d.range);
    assert.ok(kb.has(d.code), `unknown code ${d.code}`);
    assert.ok(!d.message.includes(SECRET), 'a message shows the client secret');
    for (const fix of d.data.fixes) {
      for (const edit of fix.edits) {
        assertInside(text, edit.range);
      }
    }
    const hover = hoverContent(d, kb, { refreshToken: 'x.refresh', signIn: 'x.signIn' }, english);
    assert.ok(!hover.markdown.includes(SECRET), 'a hover shows the client secret');
    // Hovers are trusted for our commands: text from the document must never form a command link of its own.
    for (const [, id] of hover.markdown.matchAll(/(?<!\\)\]\(command:([^?)\s]+)/g)) {
      assert.ok(['x.refresh', 'x.signIn'].includes(id), `a command link to ${id} in a hover`);
    }
  }
}

/** Runs one case's code under test, timing it; the slowest time is reported and bounded by the test. */
let slowestMs = 0;
let cases = 0;
let progress: (cases: number) => void = () => undefined;
function timed<T>(run: () => T): T {
  const started = performance.now();
  const result = run();
  slowestMs = Math.max(slowestMs, performance.now() - started);
  if (++cases % 250 === 0) {
    progress(cases);
  }
  return result;
}

const properties: Record<BadInputTask['task'], () => fc.IProperty<never>> = {
  httpDocuments: () =>
    fc.property(documentArb, (text) => {
      assertWellFormed(
        text,
        timed(() => lintHttpFile(text, kb, context)),
      );
    }) as never,

  mutatedFixtures: () =>
    fc.property(
      fc.integer({ min: 0, max: corpus.length - 1 }),
      fc.array(editArb, { maxLength: 8 }),
      fc.option(fc.nat()),
      (fixture, edits, truncateAt) => {
        const text = mutate(corpus[fixture].text, edits, truncateAt);
        assertWellFormed(
          text,
          timed(() => lintHttpFile(text, kb, context)),
        );
      },
    ) as never,

  incrementalEdits: () =>
    fc.property(
      fc.integer({ min: 0, max: corpus.length - 1 }),
      fc.array(editArb, { minLength: 1, maxLength: 6 }),
      (fixture, edits) => {
        const linter = new IncrementalHttpLinter(kb);
        let text = corpus[fixture].text;
        for (const e of edits) {
          text = mutate(text, [e]);
          const incremental = timed(() => linter.lint(text, context));
          assertWellFormed(text, incremental);
          assert.deepEqual(incremental, lintHttpFile(text, kb, context));
        }
      },
    ) as never,

  tokenResponses: () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.double(),
      fc.constantFrom(1e20, -1, 0, Infinity, -0, Number.MAX_VALUE, '3600', '-5', ' ', '1e400', 'NaN'),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
      fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
    );
    const fields = [
      'access_token',
      'token_type',
      'expires_in',
      'refresh_token',
      'refresh_token_expires_in',
      'scope',
      'id_token',
      'metadata',
      'error',
      'error_description',
      'httpCode',
      'httpMessage',
      'moreInformation',
      '__proto__',
      'constructor',
    ];
    const usually = <T>(good: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 4, arbitrary: good as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: value });
    // Mostly well-formed token responses with a few members wrong, so the success path is reached often.
    const tokenBody = fc.record(
      {
        access_token: usually(fc.string({ minLength: 1, maxLength: 20 })),
        token_type: usually(fc.constantFrom('Bearer', 'bearer', 'N_A')),
        expires_in: usually(fc.oneof(fc.nat({ max: 100_000 }), fc.constantFrom('3599', 0))),
        refresh_token: usually(fc.string({ maxLength: 20 })),
        refresh_token_expires_in: usually(fc.nat({ max: 10_000_000 })),
        scope: usually(fc.constantFrom('openid', 'ais.balances.read ais.transactions.read-90days', '')),
        id_token: usually(fc.constant('eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.')),
        metadata: usually(fc.constant('a:consentId 3f2a8c1e-1b2d-4c5e-9f00-123456789abc')),
      },
      { requiredKeys: ['access_token', 'token_type'] },
    );
    const extras = fc.dictionary(fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 6 })), value, {
      maxKeys: 3,
    });
    const objectBody = fc
      .tuple(tokenBody, fc.option(extras, { freq: 3 }))
      .map(([body, extra]) => JSON.stringify(extra ? { ...body, ...extra } : body));
    const mutatedBody = fc
      .tuple(objectBody, fc.array(editArb, { maxLength: 4 }))
      .map(([body, edits]) => mutate(body, edits));
    const body = fc.oneof(
      objectBody,
      mutatedBody,
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
    );
    return fc.property(
      fc.constantFrom(200, 200, 200, 201, 302, 400, 401, 403, 404, 500, 502, 503),
      fc.constantFrom('application/json', 'text/html', '', 'application/json; charset=utf-8'),
      body,
      fc.constantFrom('generic-oauth2', 'rabobank-psd2-sandbox', 'generic-oidc'),
      fc.integer({ min: 0, max: 4_102_444_800_000 }),
      (status, contentType, text, preset, receivedAtMs) => {
        let outcome;
        try {
          outcome = timed(() =>
            processTokenResponse(
              { status, headers: contentType ? { 'content-type': contentType } : {}, body: text },
              {
                context: {
                  endpoint: 'token',
                  grantType: 'refresh_token',
                  rabobank: preset.startsWith('rabobank'),
                },
                receivedAtMs,
                preset,
              },
            ),
          );
        } catch (err) {
          assert.ok(isOAuthWorkbenchError(err), `an untyped error: ${String(err)}`);
          assert.ok(err.message.length > 0 && err.message.length < 2000, 'a short, non-empty message');
          return;
        }
        assert.equal(status, 200, 'only a 200 gives tokens');
        assert.ok(typeof outcome.access_token === 'string' && outcome.access_token !== '');
        for (const iso of [outcome.expires_at, outcome.refresh_token_expires_at, outcome.received_at]) {
          assert.ok(iso === undefined || !Number.isNaN(Date.parse(iso)), `not a date: ${iso}`);
        }
      },
    ) as never;
  },

  profileEntries: () => {
    const good = {
      id: 'rabo',
      preset: 'rabobank-psd2-sandbox',
      client_id: 'abc',
      redirect_uri: 'http://127.0.0.1:8765/callback',
      scopes: ['ais.balances.read'],
    };
    const entry = fc.oneof(
      fc.anything(),
      fc.record(
        {
          id: fc.oneof(fc.string({ maxLength: 10 }), fc.anything()),
          label: fc.anything(),
          preset: fc.oneof(
            fc.constantFrom('generic-oauth2', 'rabobank-psd2-sandbox', 'generic-oidc', 'acme'),
            fc.anything(),
          ),
          authorization_endpoint: fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 }), fc.anything()),
          token_endpoint: fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 }), fc.anything()),
          client_id: fc.oneof(fc.string({ maxLength: 10 }), fc.anything()),
          redirect_uri: fc.oneof(
            fc.constantFrom('http://127.0.0.1:8765/cb', 'https://x.example/cb', 'nope'),
            fc.anything(),
          ),
          scopes: fc.oneof(
            fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
            fc.string({ maxLength: 12 }),
            fc.anything(),
          ),
          pkce: fc.anything(),
          exchangeDelayMs: fc.anything(),
          tls: fc.anything(),
          client_secret: fc.string({ maxLength: 4 }),
        },
        { requiredKeys: [] },
      ),
    );
    return fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
      const all = [good, ...entries];
      const { profiles, invalid } = timed(() => parseProfileEntries(all));
      assert.equal(profiles.length + invalid.length, all.length, 'every entry is a profile or one message');
      assert.equal(profiles[0]?.id, 'rabo', 'the good profile keeps working');
      assert.equal(new Set(invalid.map((e) => e.index)).size, invalid.length, 'one message per entry');
      for (const e of invalid) {
        assert.match(e.message, new RegExp(`^Profile ${e.index + 1}\\b`));
      }
      for (const p of profiles) {
        assert.deepEqual(
          validateClientProfile(p).filter((problem) => problem.severity === 'error'),
          [],
        );
      }
    }) as never;
  },
};

/** Runs the task and returns its counts; `post` receives progress every few hundred cases (for the watchdog). */
export function runTask(
  request: BadInputTask,
  post: (message: WorkerMessage<BadInputResult>) => void,
): BadInputResult {
  progress = (cases) => post({ kind: 'progress', runs: cases });
  const details = fc.check(properties[request.task](), {
    numRuns: request.numRuns,
    seed: request.seed,
    endOnFailure: true,
  });
  const passed = details.failed ? details.numRuns - 1 : details.numRuns;
  return {
    tried: details.numRuns,
    passed,
    slowestMs,
    failure: details.failed
      ? `${String(details.errorInstance ?? 'failed')}\ncounterexample: ${fc.stringify(details.counterexample)}\nseed: ${details.seed}, path: ${details.counterexamplePath}`
      : undefined,
  };
}

if (parentPort) {
  const port = parentPort;
  port.postMessage({ kind: 'done', result: runTask(workerData as BadInputTask, (m) => port.postMessage(m)) });
}
