import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { withTransaction } from '../db/transaction.ts';
import { closeTestDatabase, freshServices } from '../test-support.ts';
import { canonicalTime, hashEntry, type AuditEntryInput, type JsonObject } from './audit.ts';
import { createAuditService, type AuditService } from './audit.service.ts';

after(closeTestDatabase);

type Services = Awaited<ReturnType<typeof freshServices>>;
let services: Services;
let audit: AuditService;

beforeEach(async () => {
  services = await freshServices();
  audit = createAuditService({ db: services.db, clock: services.clock });
});

const view = (personId: number, actor = 'user:5'): AuditEntryInput => ({ actor, actorName: 'Ann Adviser', door: 'web', action: 'person.view', personId });

/** Writes n entries, a minute apart, each in a transaction of its own. */
async function writeEntries(count: number): Promise<void> {
  for (let index = 1; index <= count; index++) {
    await audit.record(services.db, { ...view(100 + index), reason: `call ${index}`, details: { tab: 'overview', index } });
    services.clock.advance(60_000);
  }
}

/** Changes the trail as someone with the owner's rights would: the append-only trigger has to be turned off first. */
async function tamper(statement: string): Promise<void> {
  await services.database.asOwner((owner) => owner.transaction().execute(async (tx) => {
    await sql`alter table audit_event disable trigger audit_event_append_only`.execute(tx);
    await sql.raw(statement).execute(tx);
    await sql`alter table audit_event enable trigger audit_event_append_only`.execute(tx);
  }));
}

async function rows() {
  return services.db.selectFrom('audit_event').selectAll().orderBy('id').execute();
}

describe('the audit trail', () => {
  it('chains each entry to the one before it', async () => {
    await audit.record(services.db, view(1));
    await audit.recordMany(services.db, [view(2), { ...view(3), action: 'person.merge', subject: 'change:9', reason: 'same person', details: { changeId: 9 } }]);
    const stored = await rows();
    assert.deepEqual(stored.map((row) => row.id), [1, 2, 3]);
    assert.equal(stored[0]?.prev_hash, null);
    assert.equal(stored[1]?.prev_hash, stored[0]?.hash);
    assert.equal(stored[2]?.prev_hash, stored[1]?.hash);
    for (const row of stored) {
      const fields = { id: row.id, at: canonicalTime(row.at), actor: row.actor, actorName: row.actor_name, door: row.door, action: row.action,
        personId: row.person_id, subject: row.subject, reason: row.reason, details: row.details as JsonObject, prevHash: row.prev_hash };
      assert.equal(hashEntry(fields), row.hash, `entry ${row.id}`);
    }
  });

  it('refuses an entry that is not one of the known kinds, or whose actor is not a label', async () => {
    await assert.rejects(audit.record(services.db, { ...view(1), action: 'person.peek' as 'person.view' }));
    await assert.rejects(audit.record(services.db, { ...view(1), actor: 'Ann Adviser' }));
    assert.equal((await rows()).length, 0);
  });

  it('passes an intact chain, page by page, and reports the latest hash', async () => {
    await writeEntries(7);
    const progress: number[] = [];
    const outcome = await audit.verify((step) => progress.push(step.checked), { pageSize: 3 });
    const latest = await audit.latestHash();
    assert.deepEqual(outcome, { intact: true, checked: 7, latest });
    assert.equal(latest?.id, 7);
    assert.deepEqual(progress, [3, 6, 7]);
    assert.deepEqual(await audit.verify(undefined, { expectHash: (await rows())[3]?.hash ?? '' }), outcome);
  });

  it('passes an empty trail', async () => {
    assert.deepEqual(await audit.verify(), { intact: true, checked: 0, latest: undefined });
  });

  it('finds an entry whose details were edited', async () => {
    await writeEntries(5);
    await tamper(`update audit_event set details = '{"tab": "records", "index": 3}' where id = 3`);
    const outcome = await audit.verify();
    assert.equal(outcome.intact, false);
    assert.deepEqual(outcome.intact ? undefined : [outcome.problem.kind, outcome.problem.entryId, outcome.checked], ['edited', 3, 2]);
    assert.match(outcome.intact ? '' : outcome.problem.message, /^Entry 3 has been edited: its contents no longer match its hash\.$/);
  });

  it('finds an entry whose actor was edited', async () => {
    await writeEntries(5);
    await tamper(`update audit_event set actor = 'user:6' where id = 4`);
    const outcome = await audit.verify();
    assert.deepEqual(outcome.intact ? undefined : [outcome.problem.kind, outcome.problem.entryId], ['edited', 4]);
  });

  it('finds an entry edited and given a fresh hash, because the next one no longer follows it', async () => {
    await writeEntries(5);
    const third = (await rows())[2];
    assert.ok(third);
    const hash = hashEntry({ id: 3, at: canonicalTime(third.at), actor: 'user:77', actorName: third.actor_name, door: third.door, action: third.action,
      personId: third.person_id, subject: third.subject, reason: third.reason, details: third.details as JsonObject, prevHash: third.prev_hash });
    await tamper(`update audit_event set actor = 'user:77', hash = '${hash}' where id = 3`);
    const outcome = await audit.verify();
    assert.deepEqual(outcome.intact ? undefined : [outcome.problem.kind, outcome.problem.entryId, outcome.problem.message],
      ['edited', 3, 'Entry 3 has been edited and given a new hash: entry 4 no longer follows it.']);
  });

  it('finds an entry inserted with a made-up hash', async () => {
    await writeEntries(5);
    await tamper(`insert into audit_event (id, at, actor, actor_name, door, action, person_id, details, prev_hash, hash)
      values (6, now(), 'user:5', 'Ann Adviser', 'web', 'person.view', 101, '{}', 'made-up', 'made-up')`);
    const outcome = await audit.verify();
    assert.deepEqual(outcome.intact ? undefined : [outcome.problem.kind, outcome.problem.entryId, outcome.checked], ['inserted', 6, 5]);
  });

  it('finds an entry inserted in the middle with a correct hash, the later entries renumbered to make room', async () => {
    await writeEntries(5);
    const second = (await rows())[1];
    assert.ok(second);
    const at = new Date('2026-11-25T09:01:30Z');
    const hash = hashEntry({ id: 3, at: canonicalTime(at), actor: 'user:5', actorName: 'Ann Adviser', door: 'web', action: 'person.view', personId: 999,
      subject: null, reason: null, details: {}, prevHash: second.hash });
    await tamper(`update audit_event set id = id + 1000 where id >= 3;
      update audit_event set id = id - 999 where id > 1000;
      insert into audit_event (id, at, actor, actor_name, door, action, person_id, details, prev_hash, hash)
      values (3, '${at.toISOString()}', 'user:5', 'Ann Adviser', 'web', 'person.view', 999, '{}', '${second.hash}', '${hash}')`);
    assert.deepEqual((await rows()).map((row) => row.id), [1, 2, 3, 4, 5, 6]);
    const outcome = await audit.verify();
    assert.deepEqual(outcome.intact ? undefined : [outcome.problem.kind, outcome.problem.entryId, outcome.problem.message],
      ['inserted', 3, 'Entry 3 has been inserted: entry 4 follows the entry before it.']);
  });

  it('finds a deleted entry and names its id', async () => {
    await writeEntries(5);
    await tamper('delete from audit_event where id = 3');
    const outcome = await audit.verify();
    assert.deepEqual(outcome.intact ? undefined : [outcome.problem.kind, outcome.problem.entryId, outcome.problem.message],
      ['deleted', 3, 'Entry 3 is missing: it has been deleted from the audit trail.']);
  });

  it('finds the last entry deleted when given the latest hash recorded before', async () => {
    await writeEntries(5);
    const anchored = await audit.latestHash();
    assert.ok(anchored);
    await tamper('delete from audit_event where id = 5');
    assert.equal((await audit.verify()).intact, true, 'without an anchor, a cut-short chain still looks whole');
    const outcome = await audit.verify(undefined, { expectHash: anchored.hash });
    assert.deepEqual(outcome.intact ? undefined : [outcome.problem.kind, outcome.problem.entryId, outcome.checked], ['truncated', 5, 4]);
    assert.match(outcome.intact ? '' : outcome.problem.message, /^Entry 5 onwards is missing/);
  });

  it('lets the application add entries but neither change nor delete them', async () => {
    await writeEntries(2);
    await assert.rejects(sql`update audit_event set reason = 'tidied' where id = 1`.execute(services.db), /permission denied|append-only/);
    await assert.rejects(sql`delete from audit_event where id = 2`.execute(services.db), /permission denied|append-only/);
    await assert.rejects(services.database.asOwner((owner) => sql`delete from audit_event where id = 2`.execute(owner)), /append-only/);
    assert.equal((await audit.verify()).checked, 2);
  });

  it('leaves no trace of entries written in a transaction that rolls back, and the chain carries on whole', async () => {
    await writeEntries(2);
    await assert.rejects(withTransaction(services.db, async (tx) => {
      await audit.record(tx, { ...view(1), action: 'person.merge', reason: 'abandoned' });
      await sql`insert into setting (key, value) values ('audit-test', '{}')`.execute(tx);
      throw new Error('the change failed');
    }), /the change failed/);
    assert.equal((await rows()).length, 2);
    assert.equal(await services.db.selectFrom('setting').select('key').where('key', '=', 'audit-test').executeTakeFirst(), undefined);
    await writeEntries(1);
    assert.deepEqual((await rows()).map((row) => row.id), [1, 2, 3]);
    assert.deepEqual(await audit.verify(), { intact: true, checked: 3, latest: await audit.latestHash() });
  });

  it('refuses to write inside a REPEATABLE READ transaction, whose snapshot could fork the chain', async () => {
    await assert.rejects(services.db.transaction().setIsolationLevel('repeatable read').execute((tx) => audit.record(tx, view(1))), /READ COMMITTED/);
  });

  it('forms one chain from many transactions writing at once', async () => {
    const writers = Array.from({ length: 12 }, (_, writer) => withTransaction(services.db, async (tx) => {
      // Each transaction does some work of its own first, so they overlap on a server.
      await sql`select pg_sleep(${(writer % 4) * 0.01})`.execute(tx);
      await audit.record(tx, view(writer + 1, `user:${writer + 1}`));
      await audit.recordMany(tx, [view(writer + 1, `user:${writer + 1}`), view(writer + 1, `user:${writer + 1}`)]);
    }));
    await Promise.all(writers);
    assert.deepEqual((await rows()).map((row) => row.id), Array.from({ length: 36 }, (_, index) => index + 1));
    assert.deepEqual(await audit.verify(), { intact: true, checked: 36, latest: await audit.latestHash() });
    const byWriter = new Map<string, number[]>();
    for (const row of await rows()) byWriter.set(row.actor, [...(byWriter.get(row.actor) ?? []), row.id]);
    for (const [actor, ids] of byWriter) assert.deepEqual(ids, [ids[0] ?? 0, (ids[0] ?? 0) + 1, (ids[0] ?? 0) + 2], `${actor}'s entries are together: each transaction held the chain until it ended`);
  });
});

describe('asking the audit trail', () => {
  it('answers who has looked at a resident, newest first, a page at a time', async () => {
    await audit.record(services.db, view(7, 'user:1'));
    services.clock.advance(60_000);
    await audit.record(services.db, view(8, 'user:1'));
    services.clock.advance(60_000);
    await audit.record(services.db, { ...view(7, 'user:2'), action: 'record.reveal', reason: 'to confirm identity on the phone' });
    const entries = await audit.forPerson(7);
    assert.deepEqual(entries.map((entry) => [entry.id, entry.actor, entry.action]), [[3, 'user:2', 'record.reveal'], [1, 'user:1', 'person.view']]);
    assert.equal(entries[0]?.reason, 'to confirm identity on the phone');
    assert.deepEqual((await audit.forPerson(7, { limit: 1, offset: 1 })).map((entry) => entry.id), [1]);
  });

  it('answers what a member of staff has opened, newest first, within dates', async () => {
    for (const personId of [1, 2, 3, 4]) {
      await audit.record(services.db, view(personId, 'user:9'));
      services.clock.advance(24 * 3600_000);
    }
    await audit.record(services.db, view(5, 'user:10'));
    assert.deepEqual((await audit.byActor('user:9')).map((entry) => entry.personId), [4, 3, 2, 1]);
    const window = { from: new Date('2026-11-26T00:00:00Z'), to: new Date('2026-11-28T00:00:00Z') };
    assert.deepEqual((await audit.byActor('user:9', window)).map((entry) => entry.personId), [3, 2]);
    assert.deepEqual((await audit.recent({ limit: 2 })).map((entry) => entry.actor), ['user:10', 'user:9']);
  });

  it('finds one resident among 100,000 entries of theirs, and 100,000 of others, in well under a second', async (t) => {
    await sql`insert into audit_event (id, at, actor, actor_name, door, action, person_id, details, prev_hash, hash)
      select g, timestamptz '2026-01-01' + g * interval '1 minute', 'user:' || (g % 40 + 1), 'Staff member', 'web', 'person.view',
        case when g % 2 = 0 then 7 else 1000 + g end, '{}', null, md5(g::text)
      from generate_series(1, 200000) g`.execute(services.db);
    await services.database.asOwner((owner) => sql`analyze audit_event`.execute(owner));
    const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await work();
      const elapsed = performance.now() - started;
      t.diagnostic(`${label}: ${elapsed.toFixed(1)} ms`);
      assert.ok(elapsed < 500, `${label} took ${elapsed.toFixed(0)} ms`);
      return result;
    };
    const newest = await timed('forPerson, first page', () => audit.forPerson(7, { limit: 50 }));
    assert.deepEqual(newest.slice(0, 2).map((entry) => entry.id), [200000, 199998]);
    await timed('forPerson, page 200', () => audit.forPerson(7, { limit: 50, offset: 9950 }));
    await timed('forPerson, one day', () => audit.forPerson(7, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-02T00:00:00Z') }));
    const byActor = await timed('byActor, one week', () => audit.byActor('user:8', { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-02-08T00:00:00Z'), limit: 1000 }));
    assert.ok(byActor.length > 200 && byActor.every((entry) => entry.actor === 'user:8'));
  });
});
