import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import { parseReference } from '../people/reference.ts';
import type { LegalHold, Preference, Rectification } from './privacy.ts';

// SQL for what the privacy domain keeps of a resident: corrections, legal holds and contact preferences.

export type PersonRow = {
  id: number; reference: string; status: string; redirectTo: number | null; erasedAt: Date | null;
  corrections: Record<string, string | null>; searchName: string; createdAt: Date; updatedAt: Date;
};

/** The person, locked against other changes until the transaction ends when `lock` is set. */
export async function findPersonRow(db: Queryable, id: number, lock = false): Promise<PersonRow | undefined> {
  let query = db.selectFrom('person').select(['id', 'reference', 'status', 'redirect_to', 'erased_at', 'corrections', 'search_name', 'created_at', 'updated_at']).where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && {
    id: row.id, reference: row.reference, status: row.status, redirectTo: row.redirect_to, erasedAt: row.erased_at,
    corrections: row.corrections, searchName: row.search_name, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function findPersonIdByReference(db: Queryable, reference: string): Promise<number | undefined> {
  return (await db.selectFrom('person').select('id').where('reference', '=', reference).executeTakeFirst())?.id;
}

// ---- Rectification ----

export async function insertRectification(db: Queryable, row: Omit<Rectification, 'id'> & { personId: number }): Promise<void> {
  await db.insertInto('rectification').values({
    person_id: row.personId, field: row.field, earlier_value: row.earlierValue, corrected_value: row.correctedValue, reason: row.reason,
    rectified_by: row.rectifiedBy, rectified_by_name: row.rectifiedByName, rectified_at: row.rectifiedAt,
  }).execute();
}

export async function rectificationsOf(db: Queryable, personId: number): Promise<Rectification[]> {
  const rows = await db.selectFrom('rectification').selectAll().where('person_id', '=', personId).orderBy('rectified_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((row) => ({
    id: row.id, field: row.field, earlierValue: row.earlier_value, correctedValue: row.corrected_value, reason: row.reason,
    rectifiedBy: row.rectified_by, rectifiedByName: row.rectified_by_name, rectifiedAt: row.rectified_at,
  }));
}

/** Writes a corrected value over the golden record and keeps it in force over the sources (see 0007_privacy.sql). */
export async function applyCorrection(db: Queryable, personId: number, column: string, field: string, value: string | null, extra: { fullName?: string | null; searchName?: string }, now: Date): Promise<void> {
  const corrections: Record<string, string | null> = { [field]: value };
  if (extra.fullName !== undefined) corrections.fullName = extra.fullName;
  await sql`update person set ${sql.ref(column)} = ${value}, corrections = corrections || ${JSON.stringify(corrections)}::jsonb,
      provenance = provenance - ${Object.keys(corrections)}::text[], updated_at = ${now}
      ${extra.fullName !== undefined ? sql`, full_name = ${extra.fullName}` : sql``}
      ${extra.searchName !== undefined ? sql`, search_name = ${extra.searchName}` : sql``}
    where id = ${personId}`.execute(db);
  if (extra.searchName) await sql`insert into person_name (search_name) values (${extra.searchName}) on conflict do nothing`.execute(db);
}

// ---- Legal holds ----

const holdColumns = ['h.id', 'h.person_id', 'p.reference', 'h.reason', 'h.placed_by', 'h.placed_by_name', 'h.placed_at', 'h.released_by', 'h.released_by_name', 'h.released_at'] as const;

export async function findHolds(db: Queryable, filter: { personId?: number; activeOnly?: boolean; id?: number }): Promise<LegalHold[]> {
  let query = db.selectFrom('legal_hold as h').innerJoin('person as p', 'p.id', 'h.person_id').select(holdColumns).orderBy('h.placed_at', 'desc').orderBy('h.id', 'desc').limit(500);
  if (filter.personId !== undefined) query = query.where('h.person_id', '=', filter.personId);
  if (filter.id !== undefined) query = query.where('h.id', '=', filter.id);
  if (filter.activeOnly) query = query.where('h.released_at', 'is', null);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id, personId: row.person_id, personReference: row.reference, reason: row.reason, placedBy: row.placed_by, placedByName: row.placed_by_name,
    placedAt: row.placed_at, releasedBy: row.released_by, releasedByName: row.released_by_name, releasedAt: row.released_at,
  }));
}

export async function insertHold(db: Queryable, hold: { personId: number; reason: string; placedBy: string; placedByName: string; placedAt: Date }): Promise<number> {
  const row = await db.insertInto('legal_hold').values({ person_id: hold.personId, reason: hold.reason, placed_by: hold.placedBy, placed_by_name: hold.placedByName, placed_at: hold.placedAt })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function releaseHold(db: Queryable, id: number, by: { label: string; name: string }, now: Date): Promise<boolean> {
  const result = await db.updateTable('legal_hold').set({ released_by: by.label, released_by_name: by.name, released_at: now })
    .where('id', '=', id).where('released_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- Contact preferences ----

export async function insertPreference(db: Queryable, personId: number, preference: Omit<Preference, 'id'>): Promise<void> {
  await db.insertInto('contact_preference').values({
    person_id: personId, channel: preference.channel, purpose: preference.purpose, granted: preference.granted, source: preference.source,
    recorded_by: preference.recordedBy, recorded_by_name: preference.recordedByName, recorded_at: preference.recordedAt,
  }).execute();
}

export async function preferencesOf(db: Queryable, personId: number): Promise<Preference[]> {
  const rows = await db.selectFrom('contact_preference').selectAll().where('person_id', '=', personId).orderBy('recorded_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((row) => ({
    id: row.id, channel: row.channel, purpose: row.purpose, granted: row.granted, source: row.source,
    recordedBy: row.recorded_by, recordedByName: row.recorded_by_name, recordedAt: row.recorded_at,
  }));
}

/** A resident by id, OneStop reference, or a reference held before references were derived from ids. */
export async function resolvePersonId(db: Queryable, idOrReference: string | number): Promise<number | undefined> {
  if (typeof idOrReference === 'number') return idOrReference;
  const text = idOrReference.trim();
  if (/^\d+$/.test(text)) return Number(text);
  return parseReference(text)?.id ?? findPersonIdByReference(db, text);
}
