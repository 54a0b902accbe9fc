import { authorize, maskIdentifier, seesIdentifiers } from '../access/policy.ts';
import { withScope } from '../access/scope.ts';
import type { AnyActor } from '../access/staff.ts';
import { auditActorOf, type AuditRecorder } from '../audit/audit.ts';
import type { Db, Queryable } from '../db/connection.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
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

/** The view with every NI number masked but its last two characters. */
export function maskView(view: ResidentView): ResidentView {
  return {
    ...view,
    identifiersMasked: true,
    person: { ...view.person, fields: { ...view.person.fields, niNumber: maskIdentifier(view.person.fields.niNumber) } },
    systems: view.systems.map((system) => ({
      ...system,
      records: system.records.map((record) => ({ ...record, raw: {}, fields: { ...record.fields, niNumber: maskIdentifier(record.fields.niNumber) } })),
    })),
  };
}

export function createPeopleService({ db, places, audit }: { db: Db; places: PlaceService; audit: AuditRecorder }) {
  /**
   * Searches as the actor may: restricted systems' records find no one for those outside their team. When a name
   * finds no one at the postcode or date of birth given, looks for the name anywhere.
   */
  async function search(actor: AnyActor, input: { q?: string; postcode?: string; dob?: string }, limit = 20): Promise<SearchOutcome> {
    authorize(actor, 'person.search');
    const query = parseSearch(input);
    if (isEmptyQuery(query)) return { query, hits: [], widened: false };
    return withScope(db, actor, async (tx) => {
      const hits = await searchPeople(tx, query, limit);
      const hasIdentifier = query.personId !== null || query.niNumber || query.phone || query.email || query.uprn;
      if (hits.length > 0 || !query.name || hasIdentifier || (!query.postcode && !query.dob)) return { query, hits, widened: false };
      const wider = await searchPeople(tx, { ...query, postcode: null, dob: null, sourceReference: null }, limit);
      return { query, hits: wider, widened: wider.length > 0 };
    });
  }

  /**
   * A person by id or reference, as the actor may see them: restricted systems' records only for their team (or
   * by break-glass), others told only that the service knows the resident and whom to ask; identifiers masked for
   * roles that do not need them unless `reveal` (which the caller has audited, with its reason).
   */
  async function getResident(actor: AnyActor, idOrReference: string | number, options: { reveal?: boolean; reason?: string } = {}): Promise<ResidentView> {
    authorize(actor, 'person.view');
    if (options.reveal && !seesIdentifiers(actor)) {
      authorize(actor, 'person.reveal');
      if ((options.reason ?? '').trim().length < 5) throw new ValidationFailed('Say why you need the full number: at least 5 characters.', { reason: 'Say why you need the full number' });
    }
    const view = await withScope(db, actor, async (tx) => {
      const id = await resolveId(tx, idOrReference);
      const person = id === undefined ? undefined : await repository.findPerson(tx, id);
      if (!person) throw new NotFound(`There is no resident with reference ${idOrReference}.`);
      const systems = await repository.linkedRecordsBySystem(tx, person.id);
      const addresses = await places.addressHistory(tx, person.id);
      const timeline = await repository.recordTimeline(tx, person.id, 50);
      const changes = await changesOf(tx, person.id, 50);
      const restricted = await repository.restrictedServices(tx, person.id);
      const visible = new Set(systems.map((system) => system.name));
      const household = person.fields.uprn ? (await places.household(tx, person.fields.uprn)).filter((member) => member.personId !== person.id) : [];
      // Every view is in the trail, in the view's own transaction, last so the chain's lock is held briefly.
      const revealing = options.reveal === true && !seesIdentifiers(actor);
      await audit.record(tx, {
        ...auditActorOf(actor), action: revealing ? 'record.reveal' : 'person.view', personId: person.id, reason: revealing ? (options.reason ?? '').trim() : null,
        details: { records: systems.reduce((count, system) => count + system.records.length, 0), ...(revealing ? { fields: ['niNumber'] } : {}) },
      });
      return {
        person, provenance: resolveProvenance(person.provenance, systems), systems, addresses, household, timeline, changes,
        restrictedServices: restricted.filter((service) => !visible.has(service.systemName)),
      };
    });
    return seesIdentifiers(actor) || options.reveal ? view : maskView(view);
  }

  async function resolveId(runner: Queryable, idOrReference: string | number): Promise<number | undefined> {
    if (typeof idOrReference === 'number') return idOrReference;
    if (/^\d+$/.test(idOrReference)) return Number(idOrReference);
    const parsed = parseReference(idOrReference);
    return parsed ? parsed.id : repository.findPersonIdByReference(runner, idOrReference);
  }

  // Counts are no one's personal data: they include restricted systems' records, which row-level security would
  // otherwise leave out of a count made outside any scope.
  const stats = () => withScope(db, { kind: 'system', name: 'stats', door: 'job' }, (tx) => repository.countAll(tx));

  return { search, getResident, stats };
}
