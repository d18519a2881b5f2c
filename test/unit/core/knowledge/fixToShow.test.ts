import * as assert from 'node:assert/strict';
import { FALLBACK_FIX, fixToShow } from '../../../../src/core/knowledge/fixText';
import { shouting } from '../../../doubles/shoutingTranslation';

describe('fixToShow: the fix a notification ends with, in the user language', () => {
  it("shows the error's own fix rendered when the English passes the checks", () => {
    const own = { english: 'Run Set Client Secret.', shown: 'RUN SET CLIENT SECRET.' };
    assert.equal(
      fixToShow(own, ['Open the portal.'], ['The token endpoint answered 401.'], shouting),
      own.shown,
    );
  });

  it("shows the catalog's fix as it is when the error's own is no step", () => {
    const own = { english: 'Check the secret.', shown: 'CHECK THE SECRET.' };
    assert.equal(fixToShow(own, ['Open the portal.'], [], shouting), 'Open the portal.');
  });

  it('renders the fallback in the user language when nothing passes', () => {
    assert.equal(fixToShow(undefined, ['Check it.'], [], shouting), FALLBACK_FIX.toUpperCase());
    assert.equal(fixToShow(undefined, [], []), FALLBACK_FIX);
  });

  it("checks the catalog's fixes in English and shows the chosen one as the translated catalog words it", () => {
    // A translated fix starts with no English verb: read on its own it would fail the checks every time.
    const entryFixes = {
      english: ['Check it.', 'Open the portal.'],
      shown: ['Prüfe es.', 'Öffne das Portal.'],
    };
    assert.equal(fixToShow(undefined, entryFixes, [], shouting), 'Öffne das Portal.');
    assert.equal(
      fixToShow(undefined, entryFixes.shown, [], shouting),
      FALLBACK_FIX.toUpperCase(),
      'the translated words alone pass no check',
    );
  });

  it('skips a catalog fix whose English retells a cause the notification already gives', () => {
    const entryFixes = {
      english: ['Register the redirect URI on the portal.', 'Copy the client id from the developer portal.'],
      shown: ['Registriere die Redirect-URI im Portal.', 'Kopiere die Client-ID aus dem Portal.'],
    };
    assert.equal(
      fixToShow(undefined, entryFixes, ['The redirect URI is not registered on the portal.']),
      'Kopiere die Client-ID aus dem Portal.',
    );
  });
});
