import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isLocalText, localText, renderText } from '../../../../src/core/text/localText';
import { PROFILE_PRESETS } from '../../../../src/core/profiles/profilePresets';
import { english, type Translate } from '../../../../src/core/text/translate';
import { repoRoot } from '../../../support/paths';

/** Upper-cases each message it is given, leaves the values alone, and records what it was asked for. */
function shouting(): { translate: Translate; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    translate: (message, ...args) => (asked.push(message), english(message.toUpperCase(), ...args)),
  };
}

describe('LocalText', () => {
  it('renders in English when no text port is given', () => {
    const t = localText('The {0} answered HTTP {1}.', 'token endpoint', 502);
    assert.equal(renderText(t), 'The token endpoint answered HTTP 502.');
  });

  it('renders a nested phrase in the same language as the sentence around it', () => {
    const { translate, asked } = shouting();
    const t = localText('The {0} answered HTTP {1}.', localText('token endpoint'), 502);
    assert.equal(renderText(t, translate), 'THE TOKEN ENDPOINT ANSWERED HTTP 502.');
    assert.deepEqual(asked, ['token endpoint', 'The {0} answered HTTP {1}.']);
  });

  it("leaves plain values untranslated: a profile name is the user's own word", () => {
    const { translate } = shouting();
    assert.equal(
      renderText(localText('No client secret for "{0}".', 'my app'), translate),
      'NO CLIENT SECRET FOR "my app".',
    );
  });

  it('tells a LocalText from a string and from look-alikes', () => {
    assert.equal(isLocalText(localText('x')), true);
    assert.equal(isLocalText('x'), false);
    assert.equal(isLocalText(null), false);
    assert.equal(isLocalText({ message: 'x' }), false);
  });

  it('has its literal messages collected into the l10n bundle', async function () {
    this.timeout(20_000);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-localtext-'));
    try {
      fs.writeFileSync(
        path.join(scratch, 'a.ts'),
        "const t = localText('The {0} refused the code.', where);\nconst u = localText(message);\n",
      );
      const script = (await import(pathToFileURL(path.join(repoRoot, 'scripts', 'l10n.mjs')).href)) as {
        extractMessages(root: string): string[];
      };
      assert.deepEqual(script.extractMessages(scratch), ['The {0} refused the code.']);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("names the profile presets in the user's language", () => {
    assert.deepEqual(
      PROFILE_PRESETS.map((p) => renderText(p.label)),
      [
        'Rabobank PSD2 (sandbox)',
        'Rabobank PSD2 (production)',
        'Rabobank Premium (sandbox)',
        'Rabobank Premium (production)',
        'Generic OAuth 2.0',
        'Generic OpenID Connect (discovery)',
      ],
    );
    const { translate } = shouting();
    assert.equal(renderText(PROFILE_PRESETS[4].label, translate), 'GENERIC OAUTH 2.0');
  });
});
