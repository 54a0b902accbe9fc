import { accept, empty, refuse, type Parsed } from './parse-result.ts';

const extension = /\s*(?:x|ext\.?|extn\.?|extension)\s*\d+\s*$/i;
const trunkInBrackets = /\(0\)/;
const separators = /[\s\-().\/]+/g;
const digitsOnly = /^\+?\d+$/;
// A UK national significant number: 10 digits (9 for a few old area codes and freephone numbers),
// never starting with 0, 4 or 6 (Ofcom's National Telephone Numbering Plan).
const nationalNumber = /^(?:[1235789]\d{9}|[18]\d{8})$/;

/** Reads a UK phone number as people write it and returns it in E.164: "+447700900123". Extensions are dropped. */
export function parsePhone(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '') return empty;
  const compact = trimmed.replace(extension, '').replace(trunkInBrackets, '').replace(separators, '');
  if (!digitsOnly.test(compact)) return refuse('phone', trimmed, 'is not a phone number');
  const national = nationalPart(compact);
  if (national === undefined) return refuse('phone', trimmed, 'is not a UK number');
  if (!nationalNumber.test(national)) return refuse('phone', trimmed, 'does not have the right digits for a UK number');
  return accept(`+44${national}`);
}

/** The digits after the country code or trunk 0, or undefined when the number is another country's. */
function nationalPart(compact: string): string | undefined {
  if (compact.startsWith('+44')) return dropTrunk(compact.slice(3));
  if (compact.startsWith('+')) return undefined;
  if (compact.startsWith('0044')) return dropTrunk(compact.slice(4));
  if (compact.startsWith('00')) return undefined;
  if (compact.startsWith('0')) return compact.slice(1);
  // "447700900123": the country code without its plus. No UK number starts 44 once its 0 is gone.
  if (compact.startsWith('44') && compact.length >= 11) return dropTrunk(compact.slice(2));
  // Spreadsheets drop the leading 0: "7700900123".
  return compact;
}

function dropTrunk(national: string): string {
  return national.startsWith('0') ? national.slice(1) : national;
}
