import { accept, empty, refuse, type Parsed } from './parse-result.ts';

// A spreadsheet may add ".0" to a whole number; "1.00012E+11" has lost digits and cannot be recovered.
const uprnPattern = /^0*(\d{1,12})(?:\.0+)?$/;
const scientific = /^\d(?:\.\d+)?e\+?\d+$/i;

/** Reads a Unique Property Reference Number (up to 12 digits) and returns it without leading zeros. */
export function parseUprn(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '') return empty;
  if (scientific.test(trimmed)) {
    return refuse('UPRN', trimmed, 'was shortened by a spreadsheet; export it again as text');
  }
  const match = uprnPattern.exec(trimmed);
  const digits = match?.[1];
  if (digits === undefined || digits === '0') return refuse('UPRN', trimmed, 'is not a UPRN (up to 12 digits)');
  return accept(digits);
}
