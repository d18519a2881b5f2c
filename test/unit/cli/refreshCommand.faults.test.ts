import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/cli';
import { captureCliIo } from '../../doubles/captureCliIo';
import { answerJson, FaultyTokenEndpoint, startFaultyTokenEndpoint } from '../../doubles/faultyTokenEndpoint';

describe('oauth-workbench refresh when the answer is lost', () => {
  let endpoint: FaultyTokenEndpoint;

  beforeEach(async () => {
    endpoint = await startFaultyTokenEndpoint();
  });

  afterEach(async () => {
    await endpoint.close();
  });

  const refresh = async () => {
    const io = captureCliIo({ WB_SECRET: 'cli-client-secret', WB_RT: 'cli-refresh-token' });
    const code = await runCli(
      [
        'refresh',
        '--token-endpoint',
        endpoint.url,
        '--client-id',
        'cli-client',
        '--client-secret-env',
        'WB_SECRET',
        '--refresh-token-env',
        'WB_RT',
      ],
      io,
    );
    return { code, io };
  };

  it('says the refresh token may be spent when the answer is cut off, and what to do', async () => {
    endpoint.behave((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      res.write('{"access_token":"cut');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const { code, io } = await refresh();
    assert.notEqual(code, 0);
    assert.match(
      io.err,
      /The refresh got no usable answer: 127\.0\.0\.1:\d+ closed the connection before the answer was complete\./,
    );
    assert.match(io.err, /may have used up the refresh token anyway/);
    assert.match(io.err, /Retry the same refresh token once more .* invalid_grant/);
    assert.doesNotMatch(io.err, /cli-refresh-token|cli-client-secret|\n\s+at /);
    assert.equal(io.out, '');
  });

  it('reports a refusal as it is, without the warning', async () => {
    endpoint.behave(answerJson(400, { error: 'invalid_grant' }));
    const { code, io } = await refresh();
    assert.notEqual(code, 0);
    assert.match(io.err, /invalid_grant/);
    assert.doesNotMatch(io.err, /may have used up/);
  });
});
