import { capitaliseWord, isSingleCase } from './parse-case.ts';

const edges = /^[\s,]+|[\s,]+$/g;
const spaces = /\s+/g;
const digit = /\d/;
const spacedComma = /\s+,/g;

// Joining words in place names: "Isle of Wight", "Newcastle upon Tyne", "Stoke-on-Trent", "Ashby-de-la-Zouch".
const joiningWords: ReadonlySet<string> = new Set(['of', 'upon', 'on', 'under', 'in', 'the', 'by', 'next', 'super', 'cum', 'le', 'la', 'de', 'en', 'sur']);
const capitalWords: ReadonlySet<string> = new Set(['po', 'bfpo', 'uk', 'nhs']);

/**
 * Tidies one address line or town: spaces trimmed and collapsed, and text in ALL CAPS or all lower case
 * put in title case ("1 HIGH STREET" → "1 High Street", "FLAT 12A" → "Flat 12A"). Never refuses a line.
 */
export function tidyAddressLine(text: string): string | null {
  const line = text.replace(edges, '').replace(spaces, ' ').replace(spacedComma, ',');
  if (line === '') return null;
  if (!isSingleCase(line)) return line;
  const words = line.split(' ');
  for (let index = 0; index < words.length; index += 1) {
    words[index] = titleCaseWord(words[index] ?? '', words[index - 1]);
  }
  return words.join(' ');
}

function titleCaseWord(word: string, previous: string | undefined): string {
  // Flat and house numbers keep their letters in capitals: 12A, 3B.
  if (digit.test(word)) return word.toUpperCase();
  const lower = word.toLowerCase();
  if (capitalWords.has(lower)) return word.toUpperCase();
  // A joining word is small only between words ("Southend on Sea"), not first or after a number ("1 The Close").
  if (previous !== undefined && joiningWords.has(lower) && !digit.test(previous) && !previous.endsWith(',')) return lower;
  return capitaliseWord(word, joiningWords);
}
