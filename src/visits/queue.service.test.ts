import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Actor } from '../access/staff.ts';
import { DomainError } from '../errors.ts';
import { closeTestDatabase, testActor } from '../test-support.ts';
import { library, oneStopShop, staffMember, townHall } from './visit.test-support.ts';

after(closeTestDatabase);

const minutes = (count: number) => count * 60_000;

describe('the walk-in queue', () => {
  let shop: Awaited<ReturnType<typeof oneStopShop>>;
  beforeEach(async () => { shop = await oneStopShop(); });

  it('numbers tickets in order per location, and starts again at A001 the next day', async () => {
    const { services, receptionist, resident } = shop;
    const first = await services.visits.issueTicket(receptionist, { location: townHall, visitorName: 'Edith Walsh', personReference: resident, serviceCode: 'missed-bin' });
    const second = await services.visits.issueTicket(receptionist, { location: townHall });
    const elsewhere = await services.visits.issueTicket(receptionist, { location: library });
    assert.deepEqual([first.ticket, second.ticket, elsewhere.ticket], ['A001', 'A002', 'A001']);
    assert.equal(first.personReference, resident);
    assert.equal(first.serviceName, 'Missed bin collection');
    services.clock.advance(minutes(24 * 60));
    assert.equal((await services.visits.issueTicket(receptionist, { location: townHall })).ticket, 'A001');
  });

  it('gives every receptionist issuing at once a ticket of their own', async () => {
    const { services, receptionist } = shop;
    const tickets = await Promise.all(Array.from({ length: 12 }, () => services.visits.issueTicket(receptionist, { location: townHall })));
    assert.deepEqual(tickets.map((visit) => visit.ticket).sort(), Array.from({ length: 12 }, (_, index) => `A${String(index + 1).padStart(3, '0')}`));
  });

  it('refuses a resident reference or service that does not exist, and a location that is not a One Stop Shop', async () => {
    const { services, receptionist } = shop;
    const refused = async (input: Parameters<typeof services.visits.issueTicket>[1], field: string) => {
      await assert.rejects(services.visits.issueTicket(receptionist, input), (error: unknown) => error instanceof DomainError && error.code === 'validation' && field in ((error.details?.fieldErrors ?? {}) as object));
    };
    await refused({ location: townHall, personReference: 'K7M3-9QD3' }, 'personReference');
    await refused({ location: townHall, serviceCode: 'no-such-service' }, 'serviceCode');
    await refused({ location: 'The moon' }, 'location');
    assert.equal((await services.visits.queue(receptionist, townHall)).waiting.length, 0);
  });

  it('calls the longest waiting visitor first and shows the waits, then finishes the visit as one face-to-face contact', async () => {
    const { services, receptionist, adviser, resident } = shop;
    const edith = await services.visits.issueTicket(receptionist, { location: townHall, visitorName: 'Edith Walsh', personReference: resident, serviceCode: 'missed-bin' });
    services.clock.advance(minutes(4));
    await services.visits.issueTicket(receptionist, { location: townHall, visitorName: 'Sam' });
    services.clock.advance(minutes(6));
    const queue = await services.visits.queue(adviser, townHall);
    assert.deepEqual(queue.waiting.map((visit) => [visit.ticket, visit.waitMinutes]), [['A001', 10], ['A002', 6]]);
    assert.equal(queue.figures.waiting, 2);

    const called = await services.visits.callNext(adviser, townHall, 'Desk 2');
    assert.equal(called?.id, edith.id);
    assert.deepEqual([called?.status, called?.desk, called?.calledByName], ['called', 'Desk 2', 'adviser']);
    services.clock.advance(minutes(12));
    const seen = await services.visits.finish(adviser, edith.id, { outcome: 'resolved', resolvedFirstTime: true, summary: 'Bin reported' });
    assert.equal(seen.status, 'seen');
    assert.ok(seen.contactId);
    const contacts = await services.db.selectFrom('contact').selectAll().execute();
    assert.equal(contacts.length, 1);
    const [contact] = contacts;
    assert.deepEqual(
      [contact?.id, contact?.channel, contact?.person_id, contact?.outcome, contact?.resolved_first_contact, contact?.status, contact?.staff_user_id, contact?.summary],
      [seen.contactId, 'face_to_face', edith.personId, 'resolved', true, 'wrapped', adviser.userId, 'Bin reported'],
    );
    assert.equal(new Date(contact?.started_at ?? 0).getTime(), called?.calledAt?.getTime());
    const reasons = await services.db.selectFrom('contact_reason').select('service_id').execute();
    assert.deepEqual(reasons.map((reason) => reason.service_id), [edith.serviceId]);
    await assert.rejects(services.visits.finish(adviser, edith.id, { outcome: 'resolved', resolvedFirstTime: true }), /already ended/);
    assert.equal((await services.db.selectFrom('contact').select('id').execute()).length, 1, 'finishing twice logs nothing more');
  });

  it('writes the contact and the visit together or not at all', async () => {
    const { services, receptionist, adviser } = shop;
    const visit = await services.visits.issueTicket(receptionist, { location: townHall, serviceCode: 'missed-bin' });
    await services.visits.callNext(adviser, townHall, 'Desk 1');
    // The database refuses the visit's change after the contact is written: the contact must go with it.
    await services.database.asOwner((owner) => sql`alter table visit add constraint refuse_seen check (status <> 'seen') not valid`.execute(owner));
    try {
      await assert.rejects(services.visits.finish(adviser, visit.id, { outcome: 'information', resolvedFirstTime: false }));
    } finally {
      await services.database.asOwner((owner) => sql`alter table visit drop constraint refuse_seen`.execute(owner));
    }
    assert.equal((await services.db.selectFrom('contact').select('id').execute()).length, 0);
    assert.equal((await services.db.selectFrom('contact_reason').select('contact_id').execute()).length, 0);
    assert.equal((await services.visits.getVisit(adviser, visit.id)).status, 'called');
  });

  it('never gives the same visitor to two advisers calling at once', async () => {
    const { services, receptionist } = shop;
    for (let count = 0; count < 6; count++) await services.visits.issueTicket(receptionist, { location: townHall });
    const advisers: Actor[] = [];
    for (let index = 0; index < 8; index++) advisers.push(await staffMember(services, `adviser${index}@council.gov.uk`, 'adviser'));
    const called = await Promise.all(advisers.map((adviser, index) => services.visits.callNext(adviser, townHall, `Desk ${index + 1}`)));
    const tickets = called.flatMap((visit) => (visit ? [visit.ticket] : []));
    assert.equal(tickets.length, 6, 'six visitors, six called, two advisers told no one is waiting');
    assert.equal(new Set(tickets).size, 6);
    const rows = await services.db.selectFrom('visit').select(['status', 'desk']).execute();
    assert.ok(rows.every((row) => row.status === 'called'));
    assert.equal(new Set(rows.map((row) => row.desk)).size, 6);
  });

  it('calls a chosen visitor, and refuses to call one already called', async () => {
    const { services, receptionist, adviser } = shop;
    await services.visits.issueTicket(receptionist, { location: townHall });
    const second = await services.visits.issueTicket(receptionist, { location: townHall });
    assert.equal((await services.visits.callNext(adviser, townHall, 'Desk 1', second.id))?.ticket, 'A002');
    await assert.rejects(services.visits.callNext(adviser, townHall, 'Desk 3', second.id), /no longer waiting/);
    await assert.rejects(services.visits.callNext(adviser, townHall, ''), /Enter the desk/);
  });

  it('counts a visitor who left without being seen, and reports the day’s figures', async () => {
    const { services, receptionist, adviser } = shop;
    const first = await services.visits.issueTicket(receptionist, { location: townHall });
    const second = await services.visits.issueTicket(receptionist, { location: townHall });
    services.clock.advance(minutes(20));
    await services.visits.callNext(adviser, townHall, 'Desk 1');
    await services.visits.finish(adviser, first.id, { outcome: 'information', resolvedFirstTime: true });
    const left = await services.visits.markLeft(receptionist, second.id);
    assert.equal(left.status, 'left');
    await assert.rejects(services.visits.markLeft(receptionist, second.id), /already ended/);
    const figures = await services.visits.figures(adviser, townHall);
    assert.deepEqual([figures.visitors, figures.averageWaitMinutes, figures.longestWaitMinutes, figures.seenWithinTargetPercent, figures.leftWithoutBeingSeen], [2, 20, 20, 0, 1]);
  });

  it('lets only front-desk roles work the queue', async () => {
    const { services } = shop;
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    await assert.rejects(services.visits.issueTicket(dpo, { location: townHall }), (error: unknown) => error instanceof DomainError && error.code === 'forbidden');
    await assert.rejects(services.visits.queue(dpo, townHall), (error: unknown) => error instanceof DomainError && error.code === 'forbidden');
    assert.equal((await services.visits.locations(testActor)).length, 2);
  });
});
