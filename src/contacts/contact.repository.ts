import type { Insertable } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { ContactTable } from '../db/schema.ts';

// SQL for the contact ledger.

export type NewContact = Insertable<ContactTable>;

/** Writes a contact and its reasons (service ids) with the caller's transaction; returns its id. */
export async function insertContact(tx: Queryable, contact: NewContact, reasonServiceIds: readonly number[] = []): Promise<number> {
  const { id } = await tx.insertInto('contact').values(contact).returning('id').executeTakeFirstOrThrow();
  const unique = [...new Set(reasonServiceIds)];
  if (unique.length > 0) await tx.insertInto('contact_reason').values(unique.map((serviceId) => ({ contact_id: id, service_id: serviceId }))).execute();
  return id;
}
