import type { Db } from '../db/connection.ts';
import { NotFound } from '../errors.ts';
import type { PlaceService } from '../places/place.service.ts';
import type { Person, ResidentView, SystemGroup } from './person.ts';
import { changesOf } from './change.repository.ts';
import * as repository from './person.repository.ts';
import { parseReference } from './reference.ts';
import { searchPeople, type SearchHit } from './search.repository.ts';
import { isEmptyQuery, parseSearch, type SearchQuery } from './search.ts';

export type PeopleService = ReturnType<typeof createPeopleService>;

export type SearchOutcome = { query: SearchQuery; hits: SearchHit[]; widened: boolean };

/** Turns the record ids behind each golden field into what staff need to see: which system, and when. */
export function resolveProvenance(provenance: Person['provenance'], systems: readonly SystemGroup[]): ResidentView['provenance'] {
  const records = new Map(systems.flatMap((system) => system.records.map((record) => [record.sourceRecordId, { system, record }] as const)));
  const resolved: ResidentView['provenance'] = {};
  for (const [field, recordId] of Object.entries(provenance) as Array<[keyof Person['provenance'], number]>) {
    const found = records.get(recordId);
    if (!found) continue;
    resolved[field] = { system: found.system.code, systemName: found.system.name, sourceRecordId: recordId, sourceId: found.record.sourceId, changedAt: found.record.changedAt, lastSeenAt: found.record.lastSeenAt };
  }
  return resolved;
}

export function createPeopleService({ db, places }: { db: Db; places: PlaceService }) {
  /** Searches; when a name finds no one at the postcode or date of birth given, looks for the name anywhere. */
  async function search(input: { q?: string; postcode?: string; dob?: string }, limit = 20): Promise<SearchOutcome> {
    const query = parseSearch(input);
    if (isEmptyQuery(query)) return { query, hits: [], widened: false };
    const hits = await searchPeople(db, query, limit);
    const hasIdentifier = query.personId !== null || query.niNumber || query.phone || query.email || query.uprn;
    if (hits.length > 0 || !query.name || hasIdentifier || (!query.postcode && !query.dob)) return { query, hits, widened: false };
    const wider = await searchPeople(db, { ...query, postcode: null, dob: null, sourceReference: null }, limit);
    return { query, hits: wider, widened: wider.length > 0 };
  }

  /** A person by id or reference; a merged person answers with where they went. */
  async function getResident(idOrReference: string | number): Promise<ResidentView> {
    const id = await resolveId(idOrReference);
    const person = id === undefined ? undefined : await repository.findPerson(db, id);
    if (!person) throw new NotFound(`There is no resident with reference ${idOrReference}.`);
    const [systems, addresses, timeline, changes] = await Promise.all([
      repository.linkedRecordsBySystem(db, person.id),
      places.addressHistory(db, person.id),
      repository.recordTimeline(db, person.id, 50),
      changesOf(db, person.id, 50),
    ]);
    const household = person.fields.uprn ? (await places.household(db, person.fields.uprn)).filter((member) => member.personId !== person.id) : [];
    return { person, provenance: resolveProvenance(person.provenance, systems), systems, addresses, household, timeline, changes };
  }

  async function resolveId(idOrReference: string | number): Promise<number | undefined> {
    if (typeof idOrReference === 'number') return idOrReference;
    if (/^\d+$/.test(idOrReference)) return Number(idOrReference);
    const parsed = parseReference(idOrReference);
    return parsed ? parsed.id : repository.findPersonIdByReference(db, idOrReference);
  }

  return { search, getResident, stats: () => repository.countAll(db) };
}
