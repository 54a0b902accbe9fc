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

/**
 * A number in E.164 shown as people in the UK read it out: "+447700900123" as "07700 900123", "+441514960577" as
 * "0151 496 0577", "+442079460000" as "020 7946 0000". Anything else is shown as it is.
 */
export function formatPhone(number: string): string {
  if (!/^\+44\d{9,10}$/.test(number)) return number;
  const national = `0${number.slice(3)}`;
  // London and the other 02 areas: 02x xxxx xxxx.
  if (/^02\d{9}$/.test(national)) return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  // Four-digit codes (011x and 01x1, the big cities), non-geographic 03, 08 and 09: 0xxx xxx xxxx.
  if (/^(?:011\d|01\d1|0[389]\d\d)\d{7}$/.test(national)) return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  // Mobiles and other areas: 07xxx xxxxxx, 01xxx xxxxxx.
  if (national.length === 11) return `${national.slice(0, 5)} ${national.slice(5)}`;
  return national;
}
