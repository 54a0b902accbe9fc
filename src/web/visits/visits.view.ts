import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../errors.ts';
import type { Location } from '../../visits/location.ts';

// What the One Stop Shop pages share: which shop the member of staff is working at (chosen on the page, then
// remembered in a cookie for the shop's pages), times in London, and a refused form's errors for the summary.

export const locationCookie = 'onestop_shop';
export const deskCookie = 'onestop_desk';
const cookiePath = '/one-stop-shop';

/** The shop asked for (query or form), else the one remembered, else the first; always one on the list. */
export function chosenLocation(request: FastifyRequest, locations: readonly Location[]): Location {
  const asked = [(request.query as { location?: unknown } | undefined)?.location, (request.body as { location?: unknown } | undefined)?.location, request.cookies[locationCookie]];
  for (const name of asked) {
    const found = typeof name === 'string' ? locations.find((location) => location.name === name) : undefined;
    if (found) return found;
  }
  const [first] = locations;
  if (!first) throw new Error('There is always at least one One Stop Shop.');
  return first;
}

export function remember(reply: FastifyReply, name: string, value: string, secure: boolean): void {
  reply.setCookie(name, value, { path: cookiePath, httpOnly: true, sameSite: 'strict', secure, maxAge: 60 * 60 * 12 });
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

/** "9:05am" in London time. */
export function londonTime(date: Date | null): string {
  return date ? timeFormat.format(date).replace(' ', '') : '';
}

export function minutesText(minutes: number | null): string {
  if (minutes === null) return 'None yet';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  return `${hours} hour${hours === 1 ? '' : 's'} ${minutes % 60} minute${minutes % 60 === 1 ? '' : 's'}`;
}

export type ErrorItem = { text: string; href: string };

/**
 * A domain refusal of a form as the error summary's list and each field's message; anything else is thrown on.
 * `ids` maps a field to its input's id on the page; the first is used for a refusal that names no field.
 */
export function formErrors(error: unknown, ids: Record<string, string>): { errors: ErrorItem[]; fieldErrors: Record<string, string> } {
  if (!(error instanceof DomainError) || (error.code !== 'validation' && error.code !== 'conflict')) throw error;
  const fieldErrors = { ...((error.details?.fieldErrors ?? {}) as Record<string, string>) };
  const fallback = Object.values(ids)[0] ?? 'main-content';
  const items = Object.entries(fieldErrors).map(([field, text]) => ({ text, href: `#${ids[field] ?? fallback}` }));
  return { errors: items.length > 0 ? items : [{ text: error.message, href: `#${fallback}` }], fieldErrors };
}

export type ResidentHit = { reference: string; text: string };

/** Residents found by the form's search box, as radios to pick one from; refusals and no search give none. */
export async function residentHits(search: (q: string) => Promise<{ hits: Array<{ reference: string; fullName: string | null; dob: string | null; postcode: string | null }> }>, q: string): Promise<ResidentHit[]> {
  if (q.trim() === '') return [];
  const { hits } = await search(q);
  return hits.slice(0, 8).map((hit) => ({ reference: hit.reference, text: [hit.fullName ?? 'Unnamed resident', hit.dob ? `born ${hit.dob}` : '', hit.postcode ?? '', hit.reference].filter(Boolean).join(', ') }));
}
