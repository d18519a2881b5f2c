// CLI start-up for `npm run bench`: the wall time of `lint` and `explain` against `node -e 0`, in fresh processes,
// alternated so a change in machine load hits all three alike. `lint` and `explain` must not load the HTTP engine;
// the target is at most 1.3× the floor.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REQUEST = `POST https://oauth.example/token
Content-Type: application/x-www-form-urlencoded

grant_type=authorization_code&code=abc

HTTP/1.1 400 Bad Request
Content-Type: application/json

{"error": "invalid_grant"}
`;

function wallMs(args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`node ${args.join(' ')} exited with ${r.status}`);
  }
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Medians of `runs` start-ups of `node -e 0`, `cli.js lint FILE` and `cli.js explain ID` (the bundle in `dir`). */
export function measureCliStartup(dir, runs = 15) {
  const cli = path.join(dir, 'dist', 'cli.js');
  const file = path.join(dir, 'startup.http');
  fs.writeFileSync(file, REQUEST);
  const node = [];
  const lint = [];
  const explain = [];
  wallMs([cli, 'lint', file]); // warm the file cache
  for (let i = 0; i < runs; i++) {
    node.push(wallMs(['-e', '0']));
    lint.push(wallMs([cli, 'lint', file]));
    explain.push(wallMs([cli, 'explain', 'oauth.token.invalid_grant']));
  }
  const nodeMs = median(node);
  return {
    nodeMs,
    lintMs: median(lint),
    explainMs: median(explain),
    lintRatio: median(lint) / nodeMs,
    explainRatio: median(explain) / nodeMs,
  };
}
