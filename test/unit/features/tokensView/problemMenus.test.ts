import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileContextValue } from '../../../../src/features/tokensView/tokenTreeNodes';
import { repoRoot } from '../../../support/paths';

interface MenuItem {
  readonly command: string;
  readonly when: string;
  readonly group?: string;
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuItem[]> };
};

/** The inline commands of the tree for a context value, read from the `viewItem =~ /…/` clauses of package.json. */
function inlineCommands(contextValue: string): string[] {
  return manifest.contributes.menus['view/item/context']
    .filter((item) => item.group?.startsWith('inline') && item.when.includes('view == oauthWorkbench.tokens'))
    .filter((item) => {
      const match = /viewItem =~ \/(.+)\/$/.exec(item.when);
      const exact = /viewItem == (\S+)$/.exec(item.when);
      return match ? new RegExp(match[1]).test(contextValue) : exact?.[1] === contextValue;
    })
    .map((item) => item.command);
}

describe('the tree menus for a proven problem', () => {
  const state = 'oauthWorkbench.profile.error';
  const at = 0;

  it('offers Sign In inline for a refused refresh token, and nothing else', () => {
    const context = profileContextValue(state, { kind: 'refreshTokenRefused', at }, true);
    assert.deepEqual(inlineCommands(context), ['oauthWorkbench.signIn']);
  });

  it('offers Check Consent inline for a 403, not Sign In', () => {
    const context = profileContextValue(state, { kind: 'consentInDoubt', at }, true);
    assert.deepEqual(inlineCommands(context), ['oauthWorkbench.checkConsent']);
  });

  it('offers Set Client Secret inline for a refused secret, not Sign In', () => {
    const context = profileContextValue(state, { kind: 'clientSecretRefused', at }, false);
    assert.deepEqual(inlineCommands(context), ['oauthWorkbench.setClientSecret']);
  });

  it('still offers Sign In on a plain failure', () => {
    assert.deepEqual(inlineCommands(profileContextValue(state, undefined, false)), ['oauthWorkbench.signIn']);
  });
});
