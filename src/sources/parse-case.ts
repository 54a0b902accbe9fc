// Display case for names and address lines that arrive in ALL CAPS or all lower case, as many
// back-office systems store them. Text already in mixed case is someone's deliberate spelling: keep it.

// "Mac" is only sometimes a prefix (Mack, Macey, Machin, Mackay are spelt that way), so only these names
// get a capital after it.
const macNames: ReadonlyMap<string, string> = new Map(
  [
    'MacAllister', 'MacArthur', 'MacAskill', 'MacAulay', 'MacBean', 'MacBride', 'MacCallum', 'MacDonald',
    'MacDougall', 'MacDuff', 'MacEwan', 'MacFarlane', 'MacGregor', 'MacInnes', 'MacIntosh', 'MacIntyre',
    'MacKenzie', 'MacKinnon', 'MacLachlan', 'MacLean', 'MacLennan', 'MacLeod', 'MacMillan', 'MacNab',
    'MacNeil', 'MacPherson', 'MacQueen', 'MacRae',
  ].map((name): [string, string] => [name.toLowerCase(), name]),
);

/** True when the text has letters and they are all capitals or all small letters. */
export function isSingleCase(text: string): boolean {
  const upper = text.toUpperCase();
  const lower = text.toLowerCase();
  return upper !== lower && (text === upper || text === lower);
}

/**
 * Capitalises one word the way British names are written: "o'brien" → "O'Brien", "mcdonald" → "McDonald",
 * "smith-jones" → "Smith-Jones". Hyphenated parts after the first that are in `lowerParts` stay small
 * ("Stoke-on-Trent").
 */
export function capitaliseWord(word: string, lowerParts?: ReadonlySet<string>): string {
  const lower = word.toLowerCase();
  if (!lower.includes('-')) return capitalisePart(lower);
  const parts = lower.split('-');
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index] ?? '';
    if (index === 0 || lowerParts === undefined || !lowerParts.has(part)) parts[index] = capitalisePart(part);
  }
  return parts.join('-');
}

function capitalisePart(word: string): string {
  // Skip an opening bracket or quote: "(rear)" → "(Rear)".
  let start = 0;
  while (start < word.length && !hasCase(word.charAt(start))) start += 1;
  if (start === word.length) return word;
  return start === 0 ? capitaliseLetters(word) : word.slice(0, start) + capitaliseLetters(word.slice(start));
}

function hasCase(character: string): boolean {
  return character.toUpperCase() !== character.toLowerCase();
}

function capitaliseLetters(part: string): string {
  const mac = macNames.get(part);
  if (mac !== undefined) return mac;
  if (part.length > 2 && part.startsWith('mc')) return `Mc${part.charAt(2).toUpperCase()}${part.slice(3)}`;
  // O'Brien, D'Arcy, L'Estrange: a capital after a one-letter prefix; not after St John's.
  if (part.length > 2 && part.charAt(1) === "'") {
    return `${part.charAt(0).toUpperCase()}'${part.charAt(2).toUpperCase()}${part.slice(3)}`;
  }
  return part.charAt(0).toUpperCase() + part.slice(1);
}

/** Capitalises each word of a name written in one case; mixed case is returned as it is. */
export function displayName(text: string): string {
  if (!isSingleCase(text)) return text;
  if (!text.includes(' ')) return capitaliseWord(text);
  return text.split(' ').map((word) => capitaliseWord(word)).join(' ');
}
