import * as assert from 'node:assert/strict';
import packageJson from '../../../package.json';
import { runCli } from '../../../src/cli/cli';
import { captureCliIo } from '../../doubles/captureCliIo';
import { fixturePath } from '../../support/paths';

/**
 * No copy of the SARIF 2.1.0 JSON schema is available offline, so this checks the log against what that schema
 * requires: `version` "2.1.0" and `runs`; each run a `tool.driver` with a `name`; each rule an `id`; each result a
 * `message.text`, a `level` from the enum, a `ruleIndex` that points at its rule, and regions with 1-based integers.
 */
describe('oauth-workbench lint --format sarif', () => {
  it('writes a SARIF 2.1.0 log with the properties the schema requires', async () => {
    const files = [
      fixturePath('http', 'rabobank-token-grant-type-mismatch.http'),
      fixturePath('http', 'rabobank-token-invalid-code.http'),
    ];
    const io = captureCliIo();
    assert.equal(await runCli(['lint', '--format', 'sarif', ...files], io), 1);
    const log = JSON.parse(io.out);
    assert.equal(log.version, '2.1.0');
    assert.equal(typeof log.$schema, 'string');
    assert.equal(log.runs.length, 1);
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, 'OAuth Workbench');
    assert.equal(run.tool.driver.version, packageJson.version);
    const rules = run.tool.driver.rules as { id: string; shortDescription?: { text: string } }[];
    assert.ok(rules.length > 0);
    for (const rule of rules) {
      assert.equal(typeof rule.id, 'string');
      assert.equal(typeof rule.shortDescription?.text, 'string');
    }
    assert.ok(run.results.length >= 4);
    for (const result of run.results) {
      assert.equal(typeof result.message.text, 'string');
      assert.ok(['none', 'note', 'warning', 'error'].includes(result.level), result.level);
      assert.equal(rules[result.ruleIndex].id, result.ruleId);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.match(artifactLocation.uri, /^file:\/\/\/.*\.http$/);
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
        assert.ok(Number.isInteger(region[key]) && region[key] >= 1, `${key} ${region[key]}`);
      }
    }
    const levels = new Set(run.results.map((r: { level: string }) => r.level));
    assert.deepEqual([...levels].sort(), ['error', 'warning']);
    const first = run.results[0];
    assert.equal(first.ruleId, 'lint.token.grant-type-code');
    assert.deepEqual(first.locations[0].physicalLocation.region, {
      startLine: 6,
      startColumn: 12,
      endLine: 6,
      endColumn: first.locations[0].physicalLocation.region.endColumn,
    });
  });

  it('names standard input "stdin" and writes an empty result list when nothing is found', async () => {
    const io = Object.assign(captureCliIo(), { readStdin: async () => 'GET https://api.example/\n' });
    assert.equal(await runCli(['lint', '--format', 'sarif', '-'], io), 0);
    const log = JSON.parse(io.out);
    assert.deepEqual(log.runs[0].results, []);
    assert.deepEqual(log.runs[0].tool.driver.rules, []);
  });
});
