import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PracticeServer, startPracticeServer } from '../../../../src/node/practice/practiceServer';

/** The repository root, from out/<run>/test/unit/node/practice or from the sources. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'scripts', 'start.mjs'))) {
    dir = path.dirname(dir);
  }
  return dir;
}

describe('practice server home page', () => {
  let server: PracticeServer;
  before(async () => {
    server = await startPracticeServer({ port: 0 });
  });
  after(async () => {
    await server?.close();
  });

  it('says where the client secret is printed, as npm start really prints it, and never shows it', async () => {
    const html = await (await fetch(`${server.endpoints.issuer}/`)).text();
    const cell = /Client secret<\/th><td><code>([^<]*)</.exec(html)?.[1] ?? '';
    const row = cell.replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    assert.match(row, /"npm start" prints "client secret …"/);
    assert.ok(!html.includes(server.endpoints.client_secret), 'the page does not show the secret itself');
    const start = fs.readFileSync(path.join(repoRoot(), 'scripts', 'start.mjs'), 'utf8');
    assert.match(start, /client secret \$\{endpoints\.client_secret\}/, 'npm start prints it in those words');
  });
});
