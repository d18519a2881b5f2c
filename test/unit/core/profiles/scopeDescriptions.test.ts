import * as assert from 'node:assert/strict';
import { PROFILE_PRESETS } from '../../../../src/core/profiles/profilePresets';
import { describeScope, isScopeToken } from '../../../../src/core/profiles/scopeDescriptions';

describe('scope descriptions for the Add Profile scope step', () => {
  it('describes every scope a preset suggests', () => {
    for (const preset of PROFILE_PRESETS) {
      for (const scope of preset.suggestedScopes) {
        assert.ok(describeScope(scope), `${preset.id}: ${scope} has a description`);
      }
    }
  });

  it('knows nothing of other scopes, including inherited object keys', () => {
    assert.equal(describeScope('my.custom-scope'), undefined);
    assert.equal(describeScope('constructor'), undefined);
  });

  it('accepts typed scope tokens as RFC 6749 defines them, and refuses quotes, backslashes and spaces', () => {
    assert.ok(isScopeToken('my.custom-scope'));
    assert.ok(isScopeToken('https://api.example/read'));
    for (const bad of ['', 'a b', 'a"b', 'a\\b', 'é']) {
      assert.equal(isScopeToken(bad), false, JSON.stringify(bad));
    }
  });
});
