import { accept, empty, refuse, type Parsed } from './parse-result.ts';

const separators = /[\s-]+/g;
// HMRC's National Insurance Manual, NIM39110: two prefix letters, six digits, a suffix A to D. The first
// letter is never D, F, I, Q, U or V; the second never D, F, I, O, Q, U or V. Older systems leave the suffix off.
const niPattern = /^([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\d{6}[A-D]?$/;
const shapePattern = /^[A-Z]{2}\d{6}[A-Z]?$/;
// Prefixes never issued (BG, GB, KN, NK, NT, ZZ) and TN, which marks a temporary number. QQ, which HMRC uses
// only in examples such as "QQ 12 34 56 C", fails the letter rules above, so example numbers are refused too.
const unusedPrefixes: ReadonlySet<string> = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** Reads a National Insurance number and returns it upper case without spaces: "AB123456C". */
export function parseNiNumber(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '') return empty;
  const compact = trimmed.replace(separators, '').toUpperCase();
  if (!shapePattern.test(compact)) {
    return refuse('National Insurance number', trimmed, 'is not in the form AB 12 34 56 C');
  }
  if (compact.length === 9 && compact.charAt(8) > 'D') {
    return refuse('National Insurance number', trimmed, 'ends with a letter other than A, B, C or D');
  }
  const match = niPattern.exec(compact);
  if (!match || unusedPrefixes.has(match[1] ?? '')) {
    return refuse('National Insurance number', trimmed, 'has letters HMRC does not issue');
  }
  return accept(compact);
}
