import { accept, empty, refuse, type Parsed } from './parse-result.ts';

const spaces = /\s+/g;
// Royal Mail's rules for the outward code (A9, A99, A9A, AA9, AA99, AA9A, letters allowed in each place)
// and the inward code (digit then two letters, never C, I, K, M, O or V), plus Girobank's GIR 0AA.
const postcodePattern = new RegExp(
  '^(?:([A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]))'
    + '([0-9][ABD-HJLNP-UW-Z]{2})|(GIR)(0AA))$',
);
const areaPattern = /^[A-Z]+/;

/** Reads a UK postcode in any spacing or case and returns it as Royal Mail writes it: "L1 8JQ". */
export function parsePostcode(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '') return empty;
  const compact = trimmed.replace(spaces, '').toUpperCase();
  const match = postcodePattern.exec(compact);
  if (!match) return refuse('postcode', trimmed, 'is not a UK postcode');
  return accept(`${match[1] ?? match[3] ?? ''} ${match[2] ?? match[4] ?? ''}`);
}

function outwardCode(postcode: string): string {
  const compact = postcode.replace(spaces, '');
  return compact.slice(0, compact.length - 3);
}

/** "L1 8JQ" → "L1 8": the outward code and the inward code's digit. */
export function postcodeSector(postcode: string): string {
  const compact = postcode.replace(spaces, '');
  return `${outwardCode(compact)} ${compact.charAt(compact.length - 3)}`;
}

/** "L1 8JQ" → "L1": the outward code. */
export function postcodeDistrict(postcode: string): string {
  return outwardCode(postcode);
}

/** "L1 8JQ" → "L", "SW1A 1AA" → "SW": the letters the postcode starts with. */
export function postcodeArea(postcode: string): string {
  return areaPattern.exec(postcode)?.[0] ?? '';
}
