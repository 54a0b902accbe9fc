import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainError } from '../errors.ts';
import type { Services } from '../deps.ts';
import { closeTestDatabase, freshServices, tempDir, testActor, writeFile } from '../test-support.ts';

after(closeTestDatabase);

const header = 'source_id,given_name,family_name,dob,postcode,address_line1,uprn,ni_number,phone';
const extracts: Record<string, string[]> = {
  council_tax: ['CT1,John,Smith,1970-02-03,L1 8JQ,1 High Street,380000000001,AB123456C,', 'CT2,Mary,Smith,1972-05-06,L1 8JQ,1 High Street,380000000001,,',
    'CT3,Ahmed,Khan,1985-11-30,L17 2AB,4 Park Road,380000000002,JC654321A,', 'CT4,Wei,Chen,1990-01-01,L8 1AA,9 New Street,380000000003,,'],
  libraries: ['LB1,John,Smith,1970-02-03,L1 8JQ,1 High Street,,,07700900001', 'LB2,Ahmad,Khan,1985-11-30,L17 2AB,4 Park Road,,JC654321A,',
    'LB3,Peggy,Jones,1950-03-04,L9 9ZZ,2 Low Road,,,', 'LB4,Wei,Chen,1990-01-01,L8 1AA,9 New Street,,,'],
  leisure: ['LE1,Mary,Smith,1972-05-06,L1 8JQ,1 High Street,,,', 'LE2,Margaret,Jones,1950-03-04,L9 9ZZ,2 Low Road,,,07700900009', 'LE3,Sam,Lee,2001-07-08,L2 2BB,,,,'],
};

type Snapshot = { links: Record<number, number>; persons: Record<number, unknown>; occupancy: unknown[] };

async function snapshot(services: Services, personIds?: readonly number[]): Promise<Snapshot> {
  const links = await services.db.selectFrom('person_link').select(['source_record_id', 'person_id']).where('unlinked_at', 'is', null).execute();
  let query = services.db.selectFrom('person').select(['id', 'status', 'redirect_to', 'reference', 'given_name', 'family_name', 'full_name', 'dob', 'postcode', 'uprn', 'phone', 'ni_number', 'provenance', 'search_name']).orderBy('id');
  if (personIds) query = query.where('id', 'in', [...personIds]);
  const persons = await query.execute();
  const occupancy = await services.db.selectFrom('occupancy').selectAll().orderBy('person_id').orderBy('uprn').execute();
  return {
    links: Object.fromEntries(links.map((row) => [row.source_record_id, row.person_id])),
    persons: Object.fromEntries(persons.map((row) => [row.id, row])),
    occupancy: occupancy.filter((row) => !personIds || personIds.includes(row.person_id)),
  };
}

let services: Services;
async function loadFixture(): Promise<void> {
  services = await freshServices();
  const dir = tempDir();
  for (const [system, rows] of Object.entries(extracts)) {
    await services.imports.importFile({ systemCode: system, filePath: writeFile(dir, `${system}.csv`, [header, ...rows].join('\n')), actor: testActor });
  }
}

async function activePersons(): Promise<number[]> {
  return (await services.db.selectFrom('person').select('id').where('status', '=', 'active').orderBy('id').execute()).map((row) => row.id);
}
async function recordIds(): Promise<number[]> {
  return (await services.db.selectFrom('source_record').select('id').orderBy('id').execute()).map((row) => row.id);
}
async function recordsOf(personId: number): Promise<number[]> {
  return (await services.db.selectFrom('person_link').select('source_record_id').where('person_id', '=', personId).where('unlinked_at', 'is', null).orderBy('source_record_id').execute()).map((row) => row.source_record_id);
}

type Operation = { kind: 'merge'; a: number; b: number } | { kind: 'split'; person: number; mask: number } | { kind: 'move'; record: number; person: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('merge' as const), a: fc.nat(20), b: fc.nat(20) }),
  fc.record({ kind: fc.constant('split' as const), person: fc.nat(20), mask: fc.integer({ min: 1, max: 15 }) }),
  fc.record({ kind: fc.constant('move' as const), record: fc.nat(20), person: fc.nat(20) }),
);

/** Runs one operation against whatever persons exist now; returns the change id, or undefined when it does not apply. */
async function perform(op: Operation): Promise<number | undefined> {
  const persons = await activePersons();
  const pick = (index: number) => persons[index % persons.length] ?? 0;
  try {
    if (op.kind === 'merge') return (await services.merges.mergePersons(testActor, pick(op.a), pick(op.b))).id;
    if (op.kind === 'split') {
      const records = await recordsOf(pick(op.person));
      const chosen = records.filter((_, index) => (op.mask >> index) & 1);
      return (await services.merges.splitRecords(testActor, pick(op.person), chosen)).id;
    }
    const records = await recordIds();
    return (await services.merges.moveRecords(testActor, [records[op.record % records.length] ?? 0], pick(op.person))).id;
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}

describe('merging and unmerging', () => {
  before(loadFixture);

  it('merges two persons under the one with more records, and the other redirects', async () => {
    await loadFixture();
    const [smith] = (await services.people.search(testActor, { q: 'CT1' })).hits;
    const [peggy] = (await services.people.search(testActor, { q: 'LB3' })).hits;
    const [margaret] = (await services.people.search(testActor, { q: 'LE2' })).hits;
    assert.ok(smith && peggy && margaret);
    const change = await services.merges.mergePersons(testActor, peggy.personId, margaret.personId, 'Peggy is Margaret');
    assert.equal(change.kind, 'merge');
    const merged = change.persons.find((person) => person.after.status === 'merged');
    assert.ok(merged);
    const kept = merged.after.redirectTo ?? 0;
    assert.deepEqual((await recordsOf(kept)).length, 2);
    const view = await services.people.getResident(testActor, merged.personId);
    assert.equal(view.person.redirectTo, kept);
  });

  it('splits records off into a new person and undoes it exactly', async () => {
    await loadFixture();
    const [smith] = (await services.people.search(testActor, { q: 'CT1' })).hits;
    assert.ok(smith);
    const before = await snapshot(services);
    const records = await recordsOf(smith.personId);
    assert.equal(records.length, 2);
    const change = await services.merges.splitRecords(testActor, smith.personId, [records[1] ?? 0], 'two different John Smiths');
    assert.equal((await recordsOf(smith.personId)).length, 1);
    const decisions = await services.db.selectFrom('link_decision').selectAll().execute();
    assert.deepEqual(decisions.map((row) => row.decision), ['different']);
    await services.changes.undoChange(change.id, testActor);
    assert.deepEqual((await snapshot(services, Object.keys(before.persons).map(Number))), before);
    assert.equal((await services.db.selectFrom('link_decision').selectAll().execute()).length, 0);
  });

  it('refuses to undo a change twice, or one whose records have moved again since', async () => {
    await loadFixture();
    const [first, second] = await activePersons();
    const change = await services.merges.mergePersons(testActor, first ?? 0, second ?? 0);
    const movedRecord = change.moves[0]?.sourceRecordId ?? 0;
    const later = await services.merges.moveRecords(testActor, [movedRecord], (await activePersons()).at(-1) ?? 0);
    await assert.rejects(services.changes.undoChange(change.id, testActor), /moved again since/);
    await services.changes.undoChange(later.id, testActor);
    await services.changes.undoChange(change.id, testActor);
    await assert.rejects(services.changes.undoChange(change.id, testActor), /already been undone/);
  });

  it('shows each change on the history of the persons it touched', async () => {
    await loadFixture();
    const [first, second] = await activePersons();
    const change = await services.merges.mergePersons(testActor, first ?? 0, second ?? 0, 'same person');
    for (const personId of [first ?? 0, second ?? 0]) {
      assert.deepEqual((await services.changes.history(personId)).map((item) => item.id), [change.id]);
    }
  });

  it('returns the same clusters and golden records after any merges, splits and moves are undone in reverse', async () => {
    await fc.assert(fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (operations) => {
      await loadFixture();
      const initial = await snapshot(services);
      const done: number[] = [];
      for (const op of operations) {
        const id = await perform(op);
        if (id !== undefined) done.push(id);
      }
      for (const id of done.reverse()) await services.changes.undoChange(id, testActor);
      const after = await snapshot(services, Object.keys(initial.persons).map(Number));
      assert.deepEqual(after, initial);
      const created = await services.db.selectFrom('person').select(['id', 'status']).where('id', 'not in', Object.keys(initial.persons).map(Number)).execute();
      assert.ok(created.every((person) => person.status === 'empty'), 'persons made by the changes are left empty');
    }), { numRuns: 25 });
  });
});
