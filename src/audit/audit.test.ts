import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AnyActor } from '../access/staff.ts';
import { auditActorOf, canonicalForm, canonicalTime, canReadAudit, checkNextEntry, hashEntry, type ChainFields, type ChainLink } from './audit.ts';

const base: ChainFields = {
  id: 1, at: '2026-11-25T09:00:00.000000Z', actor: 'user:5', actorName: 'Ann Adviser', door: 'web', action: 'person.view',
  personId: 42, subject: null, reason: null, details: { tab: 'overview' }, prevHash: null,
};

/** A chain of n sealed entries, as the service writes them. */
function chain(count: number): Array<ChainFields & { hash: string }> {
  const entries: Array<ChainFields & { hash: string }> = [];
  for (let id = 1; id <= count; id++) {
    const fields = { ...base, id, personId: 40 + id, prevHash: entries.at(-1)?.hash ?? null };
    entries.push({ ...fields, hash: hashEntry(fields) });
  }
  return entries;
}
const link = (entry: { id: number; hash: string } | undefined): ChainLink | undefined => (entry ? { id: entry.id, hash: entry.hash } : undefined);

describe('the canonical form', () => {
  it('is a JSON array of the fields in a fixed order, with the time to the microsecond', () => {
    assert.equal(canonicalForm(base), '["onestop.audit.v1",1,"2026-11-25T09:00:00.000000Z","user:5","Ann Adviser","web","person.view",42,null,null,{"tab":"overview"},null]');
    assert.equal(canonicalTime(new Date('2026-11-25T09:00:00.123Z')), '2026-11-25T09:00:00.123000Z');
  });

  it('does not depend on the order of keys in the details', () => {
    const one = hashEntry({ ...base, details: { b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } } });
    const other = hashEntry({ ...base, details: { a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 } });
    assert.equal(one, other);
    assert.match(one, /^[0-9a-f]{64}$/);
  });

  it('changes with every field, so no field can be edited unseen', () => {
    const changes: Array<Partial<ChainFields>> = [{ id: 2 }, { at: '2026-11-25T09:00:00.000001Z' }, { actor: 'user:6' }, { actorName: 'Ann' }, { door: 'api' },
      { action: 'record.reveal' }, { personId: null }, { subject: 'review:3' }, { reason: 'asked' }, { details: {} }, { prevHash: 'a'.repeat(64) }];
    const hashes = new Set([hashEntry(base), ...changes.map((change) => hashEntry({ ...base, ...change }))]);
    assert.equal(hashes.size, changes.length + 1);
  });

  it('keeps fields apart: moving text from one field to the next changes the hash', () => {
    assert.notEqual(hashEntry({ ...base, subject: 'a', reason: 'b' }), hashEntry({ ...base, subject: 'a","b', reason: null }));
  });
});

describe('checking the chain, entry by entry', () => {
  const [first, second, third, fourth] = chain(4);
  assert.ok(first && second && third && fourth);
  const cases: Array<{ name: string; row: ChainFields & { hash: string }; previous?: ChainLink | undefined; before?: ChainLink | undefined; expected: [string, number] | undefined }> = [
    { name: 'the first entry begins the chain', row: first, expected: undefined },
    { name: 'an entry following the one before it', row: third, previous: link(second), before: link(first), expected: undefined },
    { name: 'an edited entry', row: { ...third, reason: 'changed' }, previous: link(second), before: link(first), expected: ['edited', 3] },
    { name: 'a missing entry', row: fourth, previous: link(second), before: link(first), expected: ['deleted', 3] },
    { name: 'several missing entries', row: fourth, previous: link(first), expected: ['deleted', 2] },
    { name: 'the first entries missing', row: third, expected: ['deleted', 1] },
    { name: 'an inserted entry with a made-up hash', row: { ...third, prevHash: 'x', hash: 'y' }, previous: link(second), before: link(first), expected: ['inserted', 3] },
    { name: 'an entry inserted before this one', row: { ...third, id: 4 }, previous: { id: 3, hash: 'inserted' }, before: link(second), expected: ['inserted', 3] },
    { name: 'an entry edited and given a new hash before this one', row: third, previous: { id: 2, hash: 'rewritten' }, before: link(first), expected: ['edited', 2] },
    { name: 'a first entry that follows another', row: { ...first, prevHash: 'x', hash: hashEntry({ ...first, prevHash: 'x' }) }, expected: ['deleted', 1] },
  ];
  for (const { name, row, previous, before, expected } of cases) {
    it(`${expected ? 'finds' : 'accepts'} ${name}`, () => {
      const problem = checkNextEntry(row, previous, before);
      assert.deepEqual(problem ? [problem.kind, problem.entryId] : undefined, expected);
      if (problem) assert.match(problem.message, /^Entr(y|ies) \d+[^\n]*\.$/);
    });
  }
});

describe('who may read the audit trail', () => {
  // Only the fields these rules read; the actor type is growing with access control.
  const staff = (role: 'agent' | 'adviser' | 'service_team' | 'team_leader' | 'dpo' | 'admin') => ({
    kind: 'staff', userId: 1, email: 'a@council.gov.uk', displayName: 'A', role, door: 'web',
  }) as AnyActor;
  for (const [actor, expected] of [
    [staff('dpo'), true], [staff('admin'), true], [staff('agent'), false], [staff('adviser'), false], [staff('service_team'), false],
    [staff('team_leader'), false], [{ kind: 'system', name: 'cli', door: 'cli' }, false], [undefined, false],
  ] as Array<[AnyActor | undefined, boolean]>) {
    it(`${expected ? 'lets' : 'does not let'} ${actor ? (actor.kind === 'staff' ? `a ${actor.role}` : 'a system process') : 'someone signed out'} read it`, () => {
      assert.equal(canReadAudit(actor), expected);
    });
  }

  it('records staff by their id and name at the time, and processes by name', () => {
    assert.deepEqual(auditActorOf(staff('dpo')), { actor: 'user:1', actorName: 'A', door: 'web' });
    assert.deepEqual(auditActorOf({ kind: 'system', name: 'import', door: 'job' }), { actor: 'system:import', actorName: 'import', door: 'job' });
  });
});
