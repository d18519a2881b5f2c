import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/cli';
import { withEnvSecretsMasked } from '../../../src/cli/cliIo';
import { captureCliIo } from '../../doubles/captureCliIo';
import { answerJson, FaultyTokenEndpoint, startFaultyTokenEndpoint } from '../../doubles/faultyTokenEndpoint';

const SECRET = 'Zq9 RT/secret:+value';
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('oauth-workbench stderr never shows a secret, in any form', () => {
  let endpoint: FaultyTokenEndpoint;

  beforeEach(async () => {
    endpoint = await startFaultyTokenEndpoint();
  });

  afterEach(async () => {
    await endpoint.close();
  });

  const refresh = async (secret: string) => {
    const io = captureCliIo({ WB_SECRET: secret, WB_RT: 'rt-0123456789' });
    const code = await runCli(
      [
        'refresh',
        '--token-endpoint',
        endpoint.url,
        '--client-id',
        'cli-client',
        '--client-secret-env=WB_SECRET',
        '--refresh-token-env',
        'WB_RT',
      ],
      io,
    );
    return { code, io };
  };

  it('masks a secret the server quotes percent-encoded, hex, base64 or as HTML entities', async () => {
    const quoted = [
      'Zq9%20RT%2fsecret%3a%2bvalue',
      Buffer.from(SECRET).toString('hex').toUpperCase(),
      b64(`cli-client:${encodeURIComponent(SECRET)}`),
      'Zq9&#32;RT/secret:&#43;value',
      'Zq9 RT/sec\u200bret:+value',
    ];
    endpoint.behave(answerJson(401, { error: 'invalid_client', error_description: quoted.join(' | ') }));
    const { code, io } = await refresh(SECRET);
    assert.equal(code, 1);
    assert.match(io.err, /invalid_client/);
    for (const form of quoted) {
      assert.ok(!io.err.includes(form), `${form} in ${io.err}`);
    }
    assert.match(io.err, /«redacted»/);
  });

  it('masks a two-character secret where it stands as a value, and leaves words alone', async () => {
    endpoint.behave(
      answerJson(401, { error: 'invalid_client', error_description: 'about: client_secret=ab was wrong' }),
    );
    const { io } = await refresh('ab');
    assert.match(io.err, /about: client_secret=«redacted» was wrong/);
  });
});

describe('withEnvSecretsMasked', () => {
  it('masks the values of the variables named by --…-env options and nothing else', () => {
    const io = captureCliIo({ WB_SECRET: 's3cr3t-value', WB_OTHER: 'not-named' });
    const masked = withEnvSecretsMasked(io, ['token', '--client-secret-env', 'WB_SECRET']);
    masked.stderr(`failed: s%33cr3t-value; open https://as.test/authorize?state=abc&x=not-named\n`);
    masked.stdout('s3cr3t-value');
    assert.equal(io.err, 'failed: «redacted»; open https://as.test/authorize?state=abc&x=not-named\n');
    assert.equal(io.out, 's3cr3t-value');
  });
});
