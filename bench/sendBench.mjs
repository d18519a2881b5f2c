// The send-and-explain part of `npm run bench`: what sending a request costs beyond the server's own time, and what
// diagnosing a 100 KB response document costs. Prints a table and, as its last line, one JSON object. Not a test: it
// asserts nothing, and it talks only to a practice server it starts on 127.0.0.1 and stops.
//
//   node bench/sendBench.mjs [--runs N]
//
// Send overhead: the median of a token request through Send Request's own path (the `.http` text parsed, its variables
// resolved, the request rendered and sent by node/send/requestSender.ts with a client of its own, as every send does)
// minus the median of the same request made with undici's `request` directly over a kept-alive connection, both
// against the same practice token endpoint, interleaved so both see the same load.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { benchOptions } from './benchOptions.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const opts = benchOptions(
  { runs: { type: 'string', default: '400' } },
  'node bench/sendBench.mjs [--runs N]',
);
const RUNS = Math.max(50, Number(opts.runs));
const SEND_TARGET_MS = 10;
const DIAGNOSE_TARGET_MS = 2;
const log = (line) => process.stderr.write(`${line}\n`);
const round = (value) => Math.round(value * 1000) / 1000;

function medianOf(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

async function loadTargets(tmp) {
  const outfile = path.join(tmp, 'sendBenchTargets.cjs');
  await esbuild.build({
    entryPoints: [path.join(root, 'bench', 'sendBenchTargets.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    logLevel: 'error',
  });
  return require(outfile);
}

/** A practice token request that the server refuses at once (an unknown refresh token): no waiting in the server. */
function tokenRequest(endpoint) {
  return {
    url: endpoint,
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from('bench-client:bench-secret').toString('base64')}`,
    },
    body: 'grant_type=refresh_token&refresh_token=not-a-refresh-token',
  };
}

async function measureSend(t) {
  const server = await t.startPracticeServer({ mediaDir: path.join(root, 'media', 'practice') });
  const agent = new t.RawUndiciAgent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 });
  try {
    const req = tokenRequest(server.endpoints.token_endpoint);
    const raw = async () => {
      const res = await t.rawUndiciRequest(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher: agent,
      });
      return { status: res.statusCode, body: await res.body.text() };
    };
    // Send Request's own path: the .http text parsed, its variables resolved, the request rendered and sent with a
    // client of its own (as every send makes one, so changed settings always apply).
    const http = [
      `@token_endpoint = ${req.url}`,
      '',
      `${req.method} {{token_endpoint}}`,
      ...Object.entries(req.headers).map(([name, value]) => `${name}: ${value}`),
      '',
      req.body,
      '',
    ].join('\n');
    const env = { processEnv: () => undefined, dotenv: () => undefined, now: Date.now, guid: () => 'bench' };
    const ours = async () => {
      const file = t.parseHttpFile(http);
      const block = file.blocks.find((b) => b.request);
      const request = t.renderSendRequest(t.prepareSendRequest(file, block, env), () => '');
      return t.sendConcreteRequest(request, { timeoutMs: 10_000 });
    };
    const first = await ours();
    const firstRaw = await raw();
    if (first.status !== firstRaw.status) {
      throw new Error(`The two paths got different answers: ${first.status} and ${firstRaw.status}.`);
    }
    for (let i = 0; i < 100; i++) {
      await raw();
      await ours();
    }
    const rawTimes = [];
    const ourTimes = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate which goes first, so neither always finds the connection warmer.
      const order = i % 2 ? [raw, ours] : [ours, raw];
      for (const fn of order) {
        const started = performance.now();
        await fn();
        (fn === raw ? rawTimes : ourTimes).push(performance.now() - started);
      }
    }
    return { status: first.status, raw: medianOf(rawTimes), ours: medianOf(ourTimes) };
  } finally {
    await agent.close();
    await server.close();
  }
}

/**
 * A response document as Send Request writes it: the masked request, the answer's status line and headers, a 100 KB
 * pretty-printed JSON body holding an OAuth error, and the timing as a comment.
 */
function responseDocument(bytes) {
  const items = [];
  const bodyOf = () =>
    JSON.stringify(
      {
        error: 'invalid_grant',
        error_description: 'The refresh token was already used.',
        transactions: items,
      },
      undefined,
      2,
    );
  let body = bodyOf();
  while (body.length < bytes) {
    const i = items.length;
    items.push({
      id: `txn-${i}`,
      amount: { currency: 'EUR', value: (i * 3.17).toFixed(2) },
      note: 'x'.repeat(40),
    });
    if (i % 20 === 0) {
      body = bodyOf();
    }
  }
  body = bodyOf();
  return [
    'POST https://oauth.rabobank.nl/openapi/oauth2/token',
    'Content-Type: application/x-www-form-urlencoded',
    'Authorization: Basic ••••••••',
    '',
    'grant_type=refresh_token&refresh_token=••••••••',
    '',
    'HTTP/1.1 401 Unauthorized',
    'Content-Type: application/json',
    `Content-Length: ${body.length}`,
    '',
    body,
    '',
    '# 23 ms (server 21 ms)',
    '',
  ].join('\n');
}

async function measureDiagnose(t) {
  const kb = t.KnowledgeBase.create();
  const text = responseDocument(100 * 1024);
  const first = t.lintHttpFile(text, kb);
  const warmStarted = performance.now();
  while (performance.now() - warmStarted < 2000) {
    t.lintHttpFile(text, kb);
  }
  const times = [];
  for (let i = 0; i < Math.max(15, RUNS / 10); i++) {
    const started = performance.now();
    t.lintHttpFile(text, kb);
    times.push(performance.now() - started);
  }
  return { chars: text.length, codes: [...new Set(first.map((d) => d.code))], ms: medianOf(times) };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-send-bench-'));
  try {
    const t = await loadTargets(tmp);
    log(`send: ${RUNS} interleaved token requests per path against the practice server…`);
    const send = await measureSend(t);
    const overhead = send.ours - send.raw;
    log('diagnose: a 100 KB response document…');
    const diagnose = await measureDiagnose(t);
    const rows = [
      ['measure', 'value', 'target', 'met'],
      ['raw undici request, median', `${send.raw.toFixed(3)} ms`, '', ''],
      ["Send Request's path (parse, resolve, render, send), median", `${send.ours.toFixed(3)} ms`, '', ''],
      [
        'send overhead beyond the raw request',
        `${overhead.toFixed(3)} ms`,
        `≤ ${SEND_TARGET_MS} ms`,
        overhead <= SEND_TARGET_MS ? 'yes' : 'no',
      ],
      [
        `diagnose a response document (${diagnose.chars.toLocaleString('en')} chars; ${diagnose.codes.join(', ')})`,
        `${diagnose.ms.toFixed(3)} ms`,
        `≤ ${DIAGNOSE_TARGET_MS} ms`,
        diagnose.ms <= DIAGNOSE_TARGET_MS ? 'yes' : 'no',
      ],
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
    log(rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n'));
    console.log(
      JSON.stringify({
        send_raw_ms: round(send.raw),
        send_path_ms: round(send.ours),
        send_overhead_ms: round(overhead),
        send_status: send.status,
        diagnose_response_100kb_ms: round(diagnose.ms),
      }),
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
