// Person references staff can read over the phone: eight characters from 31 unambiguous symbols (Crockford's
// base 32 without Z, so no I, L, O or U), the last a check character, shown as "K7M3-9QD2". The id is scrambled
// first so that neighbours look unrelated.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXY';
const base = 31n;
const modulus = base ** 7n;

export type ReferenceCodec = {
  /** The reference for an id, such as "K7M3-9QD2". */
  format(id: number): string;
  /** Reads a reference as someone might type it: any case, with or without the hyphen, O for 0, I or L for 1. */
  parse(input: string): { reference: string; id: number } | undefined;
};

/**
 * A codec for one kind of reference. Each kind scrambles ids with its own multiplier and offset, so that person 5
 * and case 5 do not share a reference. Multiplying by a number that shares no factor with 31^7 is a bijection
 * modulo 31^7: every id has its own reference.
 */
export function referenceCodec(multiplier: bigint, offsetSeed: bigint, kind: string): ReferenceCodec {
  const inverse = modInverse(multiplier, modulus);
  const offset = offsetSeed % modulus;
  return {
    format(id) {
      if (!Number.isInteger(id) || id < 1 || BigInt(id) >= modulus) throw new RangeError(`No reference for ${kind} id ${id}.`);
      let value = (BigInt(id) * multiplier + offset) % modulus;
      let body = '';
      for (let index = 0; index < 7; index++) {
        body = alphabet[Number(value % base)] + body;
        value /= base;
      }
      const text = body + checkCharacter(body);
      return `${text.slice(0, 4)}-${text.slice(4)}`;
    },
    parse(input) {
      const cleaned = input.trim().toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
      if (!/^[0-9A-HJKMNP-TV-Y]{8}$/.test(cleaned)) return undefined;
      const body = cleaned.slice(0, 7);
      if (checkCharacter(body) !== cleaned[7]) return undefined;
      let value = 0n;
      for (const character of body) value = value * base + BigInt(alphabet.indexOf(character));
      const id = Number((((value - offset) % modulus + modulus) * inverse) % modulus);
      return { reference: `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`, id };
    },
  };
}

const personReferences = referenceCodec(0x5deece66dn, 0x2f1a3b5c7n, 'person');

export function referenceFor(id: number): string {
  return personReferences.format(id);
}

/** Reads a reference as someone might type it: any case, with or without the hyphen, O for 0, I or L for 1. */
export function parseReference(input: string): { reference: string; id: number } | undefined {
  return personReferences.parse(input);
}

/** A weighted sum modulo the prime 31 catches every single mistyped character and every swap of neighbours. */
function checkCharacter(body: string): string {
  let sum = 0;
  for (let index = 0; index < body.length; index++) sum += alphabet.indexOf(body[index] ?? '0') * (index + 2);
  return alphabet[sum % 31] ?? '0';
}

function modInverse(value: bigint, mod: bigint): bigint {
  let [oldR, r] = [value, mod];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  return ((oldS % mod) + mod) % mod;
}
