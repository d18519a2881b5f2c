import { english, type Translate } from '../../src/core/text/translate';

/**
 * A translation that upper-cases each message of ours and leaves the values put into it alone, as another language
 * would: whatever a test sees in capitals came through the translation, whatever it sees as written did not.
 */
export const shouting: Translate = (message, ...args) => english(message.toUpperCase(), ...args);
