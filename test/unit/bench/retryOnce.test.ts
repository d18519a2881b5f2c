import * as assert from 'node:assert/strict';
import { retryOnce } from '../../../bench/retryOnce';

describe('retryOnce (the benchmark retries a failed VS Code host run once)', () => {
  it('gives the first result without a retry', async () => {
    const heard: boolean[] = [];
    const result = await retryOnce(
      async () => 7,
      (_e, retrying) => heard.push(retrying),
    );
    assert.deepEqual(result, { value: 7, attempts: 1, failures: [] });
    assert.deepEqual(heard, []);
  });

  it('runs a failed attempt once more and says so', async () => {
    const closed = new Error('Target page, context or browser has been closed');
    let calls = 0;
    const heard: [unknown, boolean][] = [];
    const result = await retryOnce(
      async () => {
        calls++;
        if (calls === 1) {
          throw closed;
        }
        return 'second';
      },
      (e, retrying) => heard.push([e, retrying]),
    );
    assert.deepEqual(result, { value: 'second', attempts: 2, failures: [closed] });
    assert.deepEqual(heard, [[closed, true]]);
  });

  it('gives up after the second failure without throwing', async () => {
    let calls = 0;
    const heard: boolean[] = [];
    const result = await retryOnce(
      async () => {
        calls++;
        throw new Error(`failure ${calls}`);
      },
      (_e, retrying) => heard.push(retrying),
    );
    assert.equal(calls, 2);
    assert.equal(result.value, undefined);
    assert.equal(result.failures.length, 2);
    assert.deepEqual(heard, [true, false]);
  });
});
