import * as assert from 'node:assert/strict';
import { isOAuthWorkbenchError, OAuthWorkbenchError } from '../../src/core/oauth/oauthErrors';

/** Awaits a promise that must reject with an engine error, and returns that error for further assertions. */
export async function engineError(promise: Promise<unknown>): Promise<OAuthWorkbenchError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(isOAuthWorkbenchError(err), `expected an engine error, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}
