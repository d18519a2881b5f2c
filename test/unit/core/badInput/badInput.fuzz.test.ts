import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runWithWatchdog } from '../../../support/watchdogWorker';
import { ReliabilityCounts } from '../../../support/reliabilityCounts';
import type { BadInputResult, BadInputTask } from './badInputWorker';

const WORKER = path.join(__dirname, 'badInputWorker.js');
/** No single document or response may take this long; a real hang is caught by the watchdog instead. */
const PER_CASE_BOUND_MS = 2000;
/** A worker silent for this long is stuck on one case: terminated, and the test fails. */
const STALL_MS = 15_000;

/** Each task runs in its own worker thread, so an endless loop is stopped and reported instead of hanging the run. */
const tasks: { task: BadInputTask['task']; numRuns: number; what: string }[] = [
  { task: 'httpDocuments', numRuns: 5000, what: 'generated .http documents' },
  { task: 'mutatedFixtures', numRuns: 3000, what: 'mutated fixture .http documents' },
  { task: 'incrementalEdits', numRuns: 500, what: 'edit sequences through the incremental linter' },
  { task: 'tokenResponses', numRuns: 4000, what: 'generated and mutated token responses' },
  { task: 'profileEntries', numRuns: 1000, what: 'malformed oauthWorkbench.profiles settings' },
];

describe('bad input (fast-check in a watched worker)', function () {
  this.timeout(120_000);
  const total = new ReliabilityCounts('bad input, all generators');

  for (const { task, numRuns, what } of tasks) {
    const counts = new ReliabilityCounts(`bad input: ${what}`);
    it(`${numRuns} ${what}: no throw, no hang, every range inside, at most ${PER_CASE_BOUND_MS} ms each`, async () => {
      const seed = Number(process.env.OAUTH_WORKBENCH_FUZZ_SEED) || undefined;
      const result = await runWithWatchdog<BadInputResult>(WORKER, { task, numRuns, seed }, STALL_MS);
      counts.add(result.tried, result.passed);
      total.add(result.tried, result.passed);
      assert.equal(result.failure, undefined, result.failure);
      assert.equal(result.passed, numRuns);
      assert.ok(
        result.slowestMs < PER_CASE_BOUND_MS,
        `the slowest case took ${result.slowestMs.toFixed(0)} ms`,
      );
    });
  }
});
