import * as assert from 'node:assert/strict';
import { renderText } from '../../../../src/core/text/localText';
import { localTextRecorder } from '../../../../src/core/text/localTextRecorder';
import { shouting } from '../../../doubles/shoutingTranslation';

describe('localTextRecorder', () => {
  it('turns what code said through the text port back into a sentence, nested phrases included', () => {
    const { translate, textOf } = localTextRecorder();
    const said = translate('The {0} is not a valid URL ({1}).', translate('token endpoint'), 'h://x');
    const text = textOf(said);
    assert.equal(renderText(text), 'The token endpoint is not a valid URL (h://x).');
    assert.equal(renderText(text, shouting), 'THE TOKEN ENDPOINT IS NOT A VALID URL (h://x).');
  });

  it('keeps text it did not make as it is, in every language', () => {
    const { translate, textOf } = localTextRecorder();
    const glued = `${translate('One.')} ${translate('Two.')}`;
    assert.equal(renderText(textOf('plain words'), shouting), 'plain words');
    // Two sentences glued together are no one sentence: shown in English rather than as markers.
    assert.equal(renderText(textOf(glued), shouting), 'One. Two.');
  });
});
