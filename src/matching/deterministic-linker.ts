import { sql } from 'kysely';
import type { Tx } from '../db/connection.ts';
import type { LinkDecision, LinkableRecord, Linker } from './linker.ts';

// Deterministic rules: the same NI number, or the same first name, family name, date of birth and postcode.
// The probabilistic engine replaces this behind the same Linker interface.

type KeyHit = { key: string; personId: number };

export function createDeterministicLinker(): Linker {
  return {
    name: 'deterministic',
    async decide(tx, records) {
      const hits = await findExistingPersons(tx, records);
      return decideAll(records, hits);
    },
  };
}

function keysOf(record: LinkableRecord): string[] {
  const keys: string[] = [];
  if (record.fields.niNumber) keys.push(`ni:${record.fields.niNumber}`);
  if (record.nameKey) keys.push(`name:${record.nameKey}`);
  return keys;
}

async function findExistingPersons(tx: Tx, records: readonly LinkableRecord[]): Promise<Map<string, number>> {
  const nis = records.flatMap((record) => (record.fields.niNumber ? [record.fields.niNumber] : []));
  const names = records.flatMap((record) => (record.nameKey ? [record.nameKey] : []));
  const found = new Map<string, number>();
  if (nis.length === 0 && names.length === 0) return found;
  // The oldest person wins when a key is already spread over several, so reruns choose the same one.
  const rows = await sql<KeyHit>`
    select key, min(person_id) as "personId" from (
      select 'ni:' || sr.ni_number as key, pl.person_id
        from source_record sr join person_link pl on pl.source_record_id = sr.id and pl.unlinked_at is null
       where sr.ni_number = any(${nis}::text[])
      union all
      select 'name:' || sr.name_key, pl.person_id
        from source_record sr join person_link pl on pl.source_record_id = sr.id and pl.unlinked_at is null
       where sr.name_key = any(${names}::text[])
    ) hits group by key`.execute(tx);
  for (const row of rows.rows) found.set(row.key, Number(row.personId));
  return found;
}

/** Pure: groups the batch by shared keys, then sends each group to the person its keys point at, or a new one. */
export function decideAll(records: readonly LinkableRecord[], existing: ReadonlyMap<string, number>): LinkDecision[] {
  const parent = records.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[index] = root;
    return root;
  };
  const firstHolder = new Map<string, number>();
  records.forEach((record, index) => {
    for (const key of keysOf(record)) {
      const holder = firstHolder.get(key);
      if (holder === undefined) firstHolder.set(key, index);
      else parent[find(index)] = find(holder);
    }
  });
  const groupTarget = new Map<number, { personId: number; rule: string; key: string }>();
  records.forEach((record, index) => {
    const root = find(index);
    for (const key of keysOf(record)) {
      const personId = existing.get(key);
      if (personId === undefined) continue;
      const current = groupTarget.get(root);
      // An NI number outranks a name key; among equals, the oldest person.
      const rule = key.startsWith('ni:') ? 'same_ni_number' : 'same_name_dob_postcode';
      if (!current || rank(rule) < rank(current.rule) || (rule === current.rule && personId < current.personId)) {
        groupTarget.set(root, { personId, rule, key });
      }
    }
  });
  return records.map((record, index) => {
    const root = find(index);
    const target = groupTarget.get(root);
    if (target) {
      return { sourceRecordId: record.sourceRecordId, kind: 'existing', personId: target.personId, method: `deterministic:${target.rule}`, score: null, evidence: { rule: target.rule } };
    }
    const sharedWith = root === index ? undefined : records[root]?.sourceRecordId;
    return { sourceRecordId: record.sourceRecordId, kind: 'new', group: root, method: 'deterministic:new_person', score: null, evidence: sharedWith ? { rule: 'same_key_in_batch', with: sharedWith } : {} };
  });
}

function rank(rule: string): number {
  return rule === 'same_ni_number' ? 0 : 1;
}
