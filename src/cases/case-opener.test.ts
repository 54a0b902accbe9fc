import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../access/staff.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import { closeTestDatabase, freshServices, testActor } from '../test-support.ts';
import { caseReferenceFor, parseCaseReference } from './case.ts';

after(closeTestDatabase);

const agent: Actor = { kind: 'staff', userId: 1, email: 'agent@council.gov.uk', displayName: 'Ann Agent', role: 'agent', teamIds: [], door: 'web' };
const flyTipping = { location: 'Hope Street', wasteType: 'tyres', hazardous: 'yes', hazardDetails: 'Drums of oil', witnessed: 'no' };

describe('raising cases', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  beforeEach(async () => {
    services = await freshServices('2025-04-17T14:00:00Z');
    await services.catalogue.loadStarter(testActor);
  });

  it('opens several cases in one transaction, routed, due by the SLA, each with its history and an outbox event', async () => {
    const opened = await withTransaction(services.db, (tx) => services.caseOpener.open(tx, agent, [
      { service: 'fly-tipping', answers: flyTipping },
      { service: 'fly-tipping', answers: { ...flyTipping, hazardous: 'no', hazardDetails: '' } },
    ]));
    assert.equal(opened.length, 2);
    assert.deepEqual(opened.map((item) => item.teamCode), ['environmental_health', 'street_scene']);
    // Thursday 17 April 2025, three working days over Easter: Thursday 24th at 5pm.
    assert.equal(opened[0]?.dueAt.toISOString(), '2025-04-24T16:00:00.000Z');
    for (const item of opened) assert.equal(parseCaseReference(item.reference)?.id, item.id);
    const events = await services.db.selectFrom('case_event').select(['case_id', 'kind', 'actor']).orderBy('id').execute();
    assert.deepEqual(events.map((event) => [event.case_id, event.kind, event.actor]), opened.map((item) => [item.id, 'opened', 'user:1']));
    const outbox = await services.db.selectFrom('outbox_event').select(['type', 'subject']).orderBy('id').execute();
    assert.deepEqual(outbox.map((event) => [event.type, event.subject]), opened.map((item) => ['case.opened', item.reference]));
  });

  it('writes nothing when one of the requests is not valid, and says which field of which request', async () => {
    await assert.rejects(
      withTransaction(services.db, (tx) => services.caseOpener.open(tx, agent, [
        { service: 'fly-tipping', answers: flyTipping },
        { service: 'fly-tipping', answers: { ...flyTipping, location: '' } },
      ])),
      (error: unknown) => error instanceof DomainError && error.code === 'validation' && Object.keys((error.details?.fieldErrors ?? {}) as object).join() === 'cases.1.location',
    );
    await assert.rejects(withTransaction(services.db, (tx) => services.caseOpener.open(tx, agent, [{ service: 'no-such-service', answers: {} }])), (error: unknown) => error instanceof DomainError && error.code === 'not_found');
    assert.equal((await services.db.selectFrom('service_case').select('id').execute()).length, 0);
    assert.equal((await services.db.selectFrom('outbox_event').select('id').execute()).length, 0);
  });

  it('reads case references as they are typed, and never confuses them with one another', () => {
    const seen = new Set<string>();
    for (let id = 1; id <= 2000; id++) {
      const reference = caseReferenceFor(id);
      assert.match(reference, /^SR-[0-9A-Y]{4}-[0-9A-Y]{4}$/);
      seen.add(reference);
      assert.equal(parseCaseReference(reference.toLowerCase().replace(/-/g, ' '))?.id, id);
    }
    assert.equal(seen.size, 2000);
    const typed = caseReferenceFor(42);
    const slip = `${typed.slice(0, 3)}${typed[3] === '7' ? '8' : '7'}${typed.slice(4)}`;
    assert.equal(parseCaseReference(slip), undefined, 'one mistyped character is caught by the check character');
  });
});
