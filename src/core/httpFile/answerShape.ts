import { scanJson } from './jsonScanner';

const STATUS_LINE = /^HTTP\/[\d.]+\s+\d{3}(?:\s|$)/;

/**
 * Whether a whole document reads as one answer: a status line first (REST Client's and httpYac's response views), or
 * exactly one JSON object and nothing else (httpYac's body-only view). Used only for untitled documents, which the
 * editor names by content alone: a JSON file the user edits is never treated as an answer.
 */
export function looksLikeAnswer(text: string): boolean {
  const first = text.search(/\S/);
  if (first < 0) {
    return false;
  }
  if (STATUS_LINE.test(text.slice(first, first + 40))) {
    return true;
  }
  if (text.charCodeAt(first) !== OPEN_BRACE) {
    return false;
  }
  const result = scanJson(text, first);
  return result.complete && text.slice(result.end).trim() === '';
}

const OPEN_BRACE = 123;
