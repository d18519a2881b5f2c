import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/cli';
import { escapeForTerminal } from '../../../src/cli/terminalText';
import { captureCliIo } from '../../doubles/captureCliIo';
import { answerJson, FaultyTokenEndpoint, startFaultyTokenEndpoint } from '../../doubles/faultyTokenEndpoint';

/** Anything a terminal would act on rather than show. */
// eslint-disable-next-line no-control-regex -- the test looks for control characters.
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

const ESC = '\x1b';
const OSC_52 = `${ESC}]52;c;${btoa('rm -rf ~')}\x07`;
const CSI_CLEAR = `${ESC}[2J${ESC}[H`;
const RLO = '\u202e';

describe('terminal-safe CLI output', () => {
  const table: [name: string, text: string, shown: string][] = [
    ['ESC', `a${ESC}b`, 'a\\u001bb'],
    ['an OSC 52 clipboard write', OSC_52, `\\u001b]52;c;${btoa('rm -rf ~')}\\u0007`],
    ['a CSI screen clear', CSI_CLEAR, '\\u001b[2J\\u001b[H'],
    ['a C1 CSI', '\x9b2J', '\\u009b2J'],
    ['a right-to-left override', `invoice${RLO}fdp.exe`, 'invoice\\u202efdp.exe'],
    ['a bidi isolate', 'a\u2067b\u2069', 'a\\u2067b\\u2069'],
    ['a carriage return', 'ok\rfake', 'ok\\u000dfake'],
    ['line feeds, tabs and letters', 'één\tgeheim€ 🔑\n', 'één\tgeheim€ 🔑\n'],
  ];
  for (const [name, text, shown] of table) {
    it(`spells out ${name}`, () => assert.equal(escapeForTerminal(text), shown));
  }

  describe('lint', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-terminal-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('escapes hostile file names and file contents, in text and in valid JSON', async () => {
      const name = path.join(dir, `evil${ESC}]0;owned\x07${RLO}ptth.http`);
      fs.writeFileSync(
        name,
        [
          'POST https://idp.example/token',
          'Content-Type: application/x-www-form-urlencoded',
          '',
          'grant_type=authorization_code&code=x',
          '',
          'HTTP/1.1 400 Bad Request',
          'Content-Type: application/json',
          '',
          `{"error": "weird${CSI_CLEAR}${OSC_52}", "error_description": "${RLO}${CSI_CLEAR}"}`,
          '',
        ].join('\n'),
      );
      const text = captureCliIo();
      await runCli(['lint', name], text);
      assert.ok(text.out.length > 0, 'a finding is printed');
      assert.doesNotMatch(text.out + text.err, RAW_CONTROL);
      assert.ok(text.out.includes('\\u001b]0;owned\\u0007\\u202eptth.http'), text.out);

      const json = captureCliIo();
      await runCli(['lint', '--format', 'json', name], json);
      assert.doesNotMatch(json.out, RAW_CONTROL);
      const records = JSON.parse(json.out) as { file: string }[];
      assert.equal(records[0].file, name);
    });
  });

  describe('OAuth commands', () => {
    let endpoint: FaultyTokenEndpoint;
    beforeEach(async () => {
      endpoint = await startFaultyTokenEndpoint();
    });
    afterEach(async () => {
      await endpoint.close();
    });

    it("escapes a server's error_description", async () => {
      endpoint.behave(
        answerJson(400, { error: 'invalid_grant', error_description: `gone${CSI_CLEAR}${OSC_52}${RLO}` }),
      );
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
      assert.equal(code, 1);
      assert.match(io.err, /gone\\u001b\[2J/);
      assert.doesNotMatch(io.out + io.err, RAW_CONTROL);
    });
  });
});
