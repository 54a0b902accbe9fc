import type { Sex } from './source-record.ts';
import { accept, empty, refuse, type Parsed } from './parse-result.ts';

const separators = /[\s_-]+/g;

// Numeric codes (1, 2, 9) mean different things in different systems, so they are refused, not guessed.
const meanings: ReadonlyMap<string, Sex | null> = new Map<string, Sex | null>([
  ['f', 'female'], ['female', 'female'], ['w', 'female'], ['woman', 'female'],
  ['m', 'male'], ['male', 'male'], ['man', 'male'],
  ['x', 'other'], ['other', 'other'], ['non binary', 'other'], ['nonbinary', 'other'], ['indeterminate', 'other'], ['i', 'other'],
  ['u', null], ['unknown', null], ['not known', null], ['not stated', null], ['not specified', null],
]);

/** Reads sex as back-office systems record it; "unknown" and "not stated" are no answer rather than an error. */
export function parseSex(text: string): Parsed<Sex> {
  const trimmed = text.trim();
  if (trimmed === '') return empty;
  const lower = trimmed.toLowerCase();
  let meaning = meanings.get(lower);
  if (meaning === undefined) meaning = meanings.get(lower.replace(separators, ' '));
  if (meaning === undefined) return refuse('sex', trimmed, 'is not one we know (female, male, other or unknown)');
  return meaning === null ? empty : accept(meaning);
}
