import { accept, empty, refuse, type Parsed } from './parse-result.ts';

const whitespace = /\s/;
const mailto = /^mailto:/i;
const domainPattern = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$/u;

/**
 * Reads an email address: the domain in lower case, the part before the @ as given (strictly it may be
 * case-sensitive). Only obvious non-addresses are refused; whether it delivers is another question.
 */
export function parseEmail(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '') return empty;
  const address = trimmed.replace(mailto, '');
  const at = address.lastIndexOf('@');
  if (at < 0) return refuse('email', trimmed, 'has no @');
  if (whitespace.test(address)) return refuse('email', trimmed, 'has a space in it');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  if (local === '' || local.includes('@')) return refuse('email', trimmed, 'is not an email address');
  if (!domain.includes('.')) return refuse('email', trimmed, 'has no dot in the part after the @');
  if (!domainPattern.test(domain)) return refuse('email', trimmed, 'has a domain that cannot be right');
  return accept(`${local}@${domain}`);
}
