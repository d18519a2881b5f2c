import { asLocalText, type LocalText, type LocalTextArg, localText, renderText } from './localText';
import type { Translate } from './translate';

/** What {@link localTextRecorder} gives: a text port to pass, and the way back from what it returned. */
export interface LocalTextRecorder {
  readonly translate: Translate;
  /**
   * The sentence behind `rendered`; when it is not exactly one sentence of this recorder (plain text, or sentences
   * glued together), a plain string shown as it is, with any sentence in it in English.
   */
  textOf(rendered: string): LocalText;
}

/**
 * A text port that translates nothing yet: it keeps each sentence it is asked for and hands back a marker, so code
 * written against `Translate` (profile validation, discovery) yields sentences an error can carry and a UI renders
 * later. A marker passed back in as a value (a phrase inside a sentence) becomes that phrase, rendered in the same
 * language as the sentence.
 */
export function localTextRecorder(): LocalTextRecorder {
  const texts: LocalText[] = [];
  const marker = (i: number) => `\uE000${i}\uE001`;
  const recorded = (value: string | number): LocalTextArg => {
    const m = typeof value === 'string' ? /^\uE000(\d+)\uE001$/.exec(value) : null;
    return m ? (texts[Number(m[1])] ?? value) : value;
  };
  return {
    translate: (message, ...args) => {
      texts.push(localText(message, ...args.map(recorded)));
      return marker(texts.length - 1);
    },
    textOf: (rendered) => {
      const text = recorded(rendered);
      if (typeof text === 'object') {
        return text;
      }
      return asLocalText(
        rendered.replace(/\uE000(\d+)\uE001/g, (marker, i: string) => {
          const inner = texts[Number(i)];
          return inner ? renderText(inner) : marker;
        }),
      );
    },
  };
}
