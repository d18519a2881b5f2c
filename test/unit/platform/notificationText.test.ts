import * as assert from 'node:assert/strict';
import { withoutLinks } from '../../../src/platform/notificationText';

// VS Code's own pattern for links in notification messages (src/vs/base/common/linkedText.ts).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('withoutLinks', () => {
  const planted = [
    '[Fix it](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
    '[docs](https://evil.example/phish)',
    '[x] (command:a) and [y](  file:///etc/passwd)',
    '[a](command:b "title")',
  ];
  for (const text of planted) {
    it(`leaves no clickable link in ${JSON.stringify(text)}`, () => {
      const out = withoutLinks(`The token endpoint answered 400 invalid_grant (${text}).`);
      assert.equal(out.match(VSCODE_LINK), null);
    });
  }

  it('leaves text without links alone', () => {
    const text = 'Sign-in of "Rabobank (sandbox)" failed: [invalid_grant] Fix: sign in again.';
    assert.equal(withoutLinks(text), text);
  });
});
