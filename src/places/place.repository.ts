import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { Occupancy } from './occupancy.ts';

export type PropertyInput = { uprn: string; addressLine1: string | null; addressLine2: string | null; town: string | null; postcode: string | null; addressKey: string | null };

/** Adds properties not yet known. The first address given for a UPRN stands until a gazetteer load replaces it. */
export async function insertMissingProperties(db: Queryable, properties: readonly PropertyInput[]): Promise<void> {
  if (properties.length === 0) return;
  await sql`
    insert into property (uprn, address_line1, address_line2, town, postcode, address_key)
    select * from unnest(${properties.map((p) => p.uprn)}::text[], ${properties.map((p) => p.addressLine1)}::text[],
      ${properties.map((p) => p.addressLine2)}::text[], ${properties.map((p) => p.town)}::text[],
      ${properties.map((p) => p.postcode)}::text[], ${properties.map((p) => p.addressKey)}::text[])
    on conflict (uprn) do nothing`.execute(db);
}

/** The UPRN of each address key that names exactly one property. */
export async function findUprnsByAddressKey(db: Queryable, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await sql<{ address_key: string; uprn: string }>`
    select address_key, min(uprn) as uprn from property where address_key = any(${[...new Set(keys)]}::text[])
    group by address_key having count(*) = 1`.execute(db);
  return new Map(rows.rows.map((row) => [row.address_key, row.uprn]));
}

export async function replaceOccupancy(db: Queryable, byPerson: ReadonlyMap<number, readonly Occupancy[]>, options: { isNew: boolean }): Promise<void> {
  if (byPerson.size === 0) return;
  if (!options.isNew) await sql`delete from occupancy where person_id = any(${[...byPerson.keys()]}::bigint[])`.execute(db);
  const rows = [...byPerson.entries()].flatMap(([personId, periods]) => periods.map((period) => ({ personId, ...period })));
  if (rows.length === 0) return;
  await sql`
    insert into occupancy (person_id, uprn, from_date, to_date, is_current, evidence_count)
    select * from unnest(${rows.map((r) => r.personId)}::bigint[], ${rows.map((r) => r.uprn)}::text[],
      ${rows.map((r) => r.fromDate)}::date[], ${rows.map((r) => r.toDate)}::date[],
      ${rows.map((r) => r.isCurrent)}::boolean[], ${rows.map((r) => r.evidenceCount)}::int[])`.execute(db);
}

export type HouseholdMember = { personId: number; reference: string; fullName: string | null; dob: string | null; fromDate: string | null };

export async function currentOccupants(db: Queryable, uprn: string): Promise<HouseholdMember[]> {
  const rows = await db
    .selectFrom('occupancy')
    .innerJoin('person', 'person.id', 'occupancy.person_id')
    .select(['person.id', 'person.reference', 'person.full_name', 'person.dob', 'occupancy.from_date'])
    .where('occupancy.uprn', '=', uprn)
    .where('occupancy.is_current', '=', true)
    .where('person.status', '=', 'active')
    .orderBy('person.dob')
    .execute();
  return rows.map((row) => ({ personId: row.id, reference: row.reference, fullName: row.full_name, dob: row.dob, fromDate: row.from_date }));
}

export type AddressHistoryItem = Occupancy & { addressLine1: string | null; addressLine2: string | null; town: string | null; postcode: string | null };

export async function occupancyOf(db: Queryable, personId: number): Promise<AddressHistoryItem[]> {
  const rows = await db
    .selectFrom('occupancy')
    .innerJoin('property', 'property.uprn', 'occupancy.uprn')
    .select(['occupancy.uprn', 'from_date', 'to_date', 'is_current', 'evidence_count', 'address_line1', 'address_line2', 'town', 'postcode'])
    .where('person_id', '=', personId)
    .orderBy('is_current', 'desc')
    .orderBy('from_date', 'desc')
    .execute();
  return rows.map((row) => ({
    uprn: row.uprn, fromDate: row.from_date, toDate: row.to_date, isCurrent: row.is_current, evidenceCount: row.evidence_count,
    addressLine1: row.address_line1, addressLine2: row.address_line2, town: row.town, postcode: row.postcode,
  }));
}
