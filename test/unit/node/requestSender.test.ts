import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { isOAuthWorkbenchError } from '../../../src/core/oauth/oauthErrors';
import { parseHttpFile } from '../../../src/core/httpFile/parseHttpFile';
import { practiceProfile } from '../../../src/core/practice/practiceProfile';
import {
  checkCredentialTargets,
  prepareSendRequest,
  renderSendRequest,
} from '../../../src/core/send/sendRequest';
import { basicCredentials } from '../../../src/core/wire/basicAuthentication';
import { PracticeServer, startPracticeServer } from '../../../src/node/practice/practiceServer';
import { sendConcreteRequest } from '../../../src/node/send/requestSender';

const env = { processEnv: () => undefined, dotenv: () => undefined, now: () => Date.now(), guid: () => 'g' };

describe('sendConcreteRequest', () => {
  let server: http.Server;
  let base: string;
  const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, headers: req.headers, body });
        if (req.url === '/redirect') {
          res.writeHead(302, { location: '/elsewhere' });
          res.end();
        } else if (req.url === '/slow') {
          setTimeout(() => res.end('late'), 2000);
        } else {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(`${req.method} ${req.url}`);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends any method with its headers and body, leaving connection headers to the client', async () => {
    const answer = await sendConcreteRequest(
      {
        method: 'PATCH',
        url: `${base}/items/1`,
        headers: [
          ['X-One', 'a'],
          ['x-one', 'b'],
          ['Content-Length', '999'],
          ['Connection', 'close'],
        ],
        body: '{"x":1}',
      },
      { env: {} },
    );
    assert.equal(answer.status, 200);
    assert.equal(answer.reason, 'OK');
    assert.equal(answer.body, 'PATCH /items/1');
    assert.ok(answer.elapsedMs >= 0);
    const last = seen[seen.length - 1];
    assert.equal(last.headers['x-one'], 'a, b');
    assert.equal(last.headers['content-length'], '7');
    assert.equal(last.body, '{"x":1}');
  });

  it('shows a redirect as the answer instead of following it', async () => {
    const before = seen.length;
    const answer = await sendConcreteRequest(
      { method: 'GET', url: `${base}/redirect`, headers: [], body: undefined },
      { env: {} },
    );
    assert.equal(answer.status, 302);
    assert.equal(answer.headers.location, '/elsewhere');
    assert.equal(seen.length, before + 1, 'the redirect target was not requested');
  });

  it('times out, and stops when cancelled', async () => {
    const slow = { method: 'GET', url: `${base}/slow`, headers: [], body: undefined } as const;
    await assert.rejects(sendConcreteRequest(slow, { env: {}, timeoutMs: 200 }), (err: unknown) =>
      isOAuthWorkbenchError(err, 'HTTP_TIMEOUT'),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(sendConcreteRequest(slow, { env: {}, signal: controller.signal }), (err: unknown) =>
      isOAuthWorkbenchError(err, 'FLOW_CANCELLED'),
    );
  });
});

describe('a .http request sent to the practice server', () => {
  let practice: PracticeServer;

  before(async () => {
    practice = await startPracticeServer();
  });

  after(async () => {
    await practice.close();
  });

  it('fills $auth.basic only at send time and gets the server’s OAuth error for a bad code', async () => {
    const profile = practiceProfile(practice.endpoints);
    const file = parseHttpFile(
      [
        `@token = ${practice.endpoints.token_endpoint}`,
        'POST {{token}}',
        `Authorization: Basic {{$auth.basic("${profile.id}")}}`,
        'Content-Type: application/x-www-form-urlencoded',
        '',
        `grant_type=authorization_code&code=not-a-code&redirect_uri=${profile.redirect_uri}`,
      ].join('\n'),
    );
    const prepared = prepareSendRequest(file, file.blocks[0], env);
    checkCredentialTargets(prepared, (id) => (id === profile.id ? profile : undefined));
    const sent = renderSendRequest(prepared, () =>
      basicCredentials(profile.client_id, practice.endpoints.client_secret),
    );
    const answer = await sendConcreteRequest(sent, { env: {} });
    assert.equal(answer.status, 400);
    assert.equal(JSON.parse(answer.body).error, 'invalid_grant');
  });
});
