import type { z } from 'zod';
import { addDays, type CivilDate } from '../catalogue/bank-holidays.ts';
import * as catalogue from '../catalogue/service.repository.ts';
import { lookupKey } from '../catalogue/service.ts';
import { fromLondon } from '../catalogue/sla.ts';
import type { Queryable } from '../db/connection.ts';
import { ValidationFailed } from '../errors.ts';
import { parseReference } from '../people/reference.ts';
import { readLocations, type Location } from './location.ts';
import type { DayRange } from './visit.repository.ts';

// What the queue and the diary both need: the London day as a range of instants, the location by name, and the
// resident and service a visitor is here about, each refused with a message for its field.

export function dayRange(day: CivilDate): DayRange {
  return { from: fromLondon(day, 0), to: fromLondon(addDays(day, 1), 0) };
}

export async function locationNamed(db: Queryable, name: string): Promise<Location> {
  const found = (await readLocations(db)).find((location) => location.name === name);
  if (!found) throw new ValidationFailed(`There is no One Stop Shop called ${name}.`, { location: 'Choose a One Stop Shop from the list' });
  return found;
}

/** The resident a reference names, or null when none was given. */
export async function residentFor(tx: Queryable, reference: string): Promise<number | null> {
  if (reference.trim() === '') return null;
  const parsed = parseReference(reference);
  const person = parsed ? await tx.selectFrom('person').select(['id', 'status']).where('id', '=', parsed.id).executeTakeFirst() : undefined;
  if (!person || person.status !== 'active') {
    throw new ValidationFailed('There is no resident with that reference.', { personReference: 'Enter a resident reference from their record, like K7M3-9QD2, or leave it blank' });
  }
  return person.id;
}

/** The catalogue service a code or LGSL number names, or null when none was given. */
export async function serviceFor(tx: Queryable, code: string): Promise<number | null> {
  if (code.trim() === '') return null;
  const service = await catalogue.findService(tx, lookupKey(code));
  if (!service || !service.isActive) throw new ValidationFailed('There is no such service in the catalogue.', { serviceCode: 'Choose a service from the list, or leave it blank' });
  return service.id;
}

/** A zod failure as a ValidationFailed whose field errors are named by each input's first path segment. */
export function validationOf(error: z.ZodError): ValidationFailed {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return new ValidationFailed(Object.values(fieldErrors)[0] ?? 'The form is not valid.', fieldErrors);
}
