import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../errors.ts';
import { closeTestDatabase } from '../test-support.ts';
import type { BookingInput } from './appointment.ts';
import { library, oneStopShop, townHall } from './visit.test-support.ts';

after(closeTestDatabase);

// The clock stands at 9am on Wednesday 25 November 2026; Thursday 26th is the next working day.
const tomorrow = '2026-11-26';
const booking = (overrides: Partial<BookingInput> = {}): BookingInput => ({ location: townHall, visitorName: 'Edith Walsh', phone: '0151 496 0000', day: tomorrow, startMinute: 10 * 60, length: 30, ...overrides });
const fieldErrorOf = (field: string, text: RegExp) => (error: unknown) =>
  error instanceof DomainError && error.code === 'validation' && text.test(String((error.details?.fieldErrors as Record<string, string> | undefined)?.[field]));

describe('One Stop Shop appointments', () => {
  let shop: Awaited<ReturnType<typeof oneStopShop>>;
  beforeEach(async () => { shop = await oneStopShop(); });

  it('books a slot for a resident and a service, and shows it in the day’s diary', async () => {
    const { services, receptionist, resident } = shop;
    const booked = await services.visits.book(receptionist, booking({ personReference: resident, serviceCode: 'single-person-discount', notes: 'Bring proof of address' }));
    assert.equal(booked.startsAt.toISOString(), '2026-11-26T10:00:00.000Z');
    assert.equal(booked.endsAt.toISOString(), '2026-11-26T10:30:00.000Z');
    assert.deepEqual([booked.status, booked.personReference, booked.phone, booked.notes], ['booked', resident, '0151 496 0000', 'Bring proof of address']);
    assert.ok(booked.serviceName);
    const diary = await services.visits.diary(receptionist, townHall, tomorrow);
    assert.deepEqual(diary.map((appointment) => appointment.id), [booked.id]);
    assert.deepEqual(await services.visits.diary(receptionist, library, tomorrow), []);
  });

  it('refuses weekends, bank holidays, times outside 9 to 5 and lengths it does not offer', async () => {
    const { services, receptionist } = shop;
    await assert.rejects(services.visits.book(receptionist, booking({ day: '2026-11-28' })), fieldErrorOf('day', /closed on Saturdays/));
    await assert.rejects(services.visits.book(receptionist, booking({ day: '2026-12-25' })), fieldErrorOf('day', /bank holidays/));
    await assert.rejects(services.visits.book(receptionist, booking({ startMinute: 16 * 60 + 45, length: 30 })), fieldErrorOf('time', /end by 5pm/));
    await assert.rejects(services.visits.book(receptionist, booking({ length: 20 })), fieldErrorOf('length', /how long/));
    await assert.rejects(services.visits.book(receptionist, booking({ visitorName: ' ' })), fieldErrorOf('visitorName', /Enter the visitor’s name/));
    assert.deepEqual((await services.visits.freeSlots(receptionist, townHall, '2026-12-25', 30)).closed, 'The One Stop Shop is closed on bank holidays: choose another day');
  });

  it('books no more appointments at once than the shop has desks, and frees the slot when one is cancelled', async () => {
    const { services, receptionist } = shop;
    for (const start of [600, 600, 615]) await services.visits.book(receptionist, booking({ startMinute: start, length: 30 }));
    await assert.rejects(services.visits.book(receptionist, booking({ startMinute: 615, length: 15 })), fieldErrorOf('time', /Every desk \(3\)/));
    await assert.rejects(services.visits.book(receptionist, booking({ startMinute: 570, length: 60 })), fieldErrorOf('time', /Every desk/), 'an hour from 9:30 runs into the full quarter');
    const atTen = await services.visits.book(receptionist, booking({ startMinute: 630, length: 15 }));
    assert.ok(atTen, '10:30 is free again: the two 10:00 appointments have ended');
    const slots = await services.visits.freeSlots(receptionist, townHall, tomorrow, 15);
    assert.ok(!slots.slots.some((slot) => slot.value === '10:15'));
    const [first] = await services.visits.diary(receptionist, townHall, tomorrow);
    assert.ok(first);
    await assert.rejects(services.visits.cancel(receptionist, first.id, ' '), fieldErrorOf('reason', /Enter why/));
    const cancelled = await services.visits.cancel(receptionist, first.id, 'Resident rang to cancel');
    assert.deepEqual([cancelled.status, cancelled.cancelledReason], ['cancelled', 'Resident rang to cancel']);
    await services.visits.book(receptionist, booking({ startMinute: 615, length: 15 }));
    await assert.rejects(services.visits.cancel(receptionist, first.id, 'Again'), /Only a booked appointment/);
  });

  it('keeps to one desk at a shop that has one, even when two bookings arrive together', async () => {
    const { services, receptionist } = shop;
    const outcomes = await Promise.allSettled([0, 1, 2, 3].map(() => services.visits.book(receptionist, booking({ location: library, startMinute: 14 * 60 }))));
    assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
    assert.equal((await services.visits.diary(receptionist, library, tomorrow)).length, 1);
  });

  it('checks a visitor in ahead of the walk-ins, and logs the visit as a contact when it is finished', async () => {
    const { services, receptionist, adviser, resident } = shop;
    const appointment = await services.visits.book(receptionist, booking({ day: '2026-11-25', startMinute: 9 * 60 + 30, personReference: resident, serviceCode: 'missed-bin' }));
    await services.visits.issueTicket(receptionist, { location: townHall, visitorName: 'First walk-in' });
    services.clock.advance(10 * 60_000);
    await services.visits.issueTicket(receptionist, { location: townHall, visitorName: 'Second walk-in' });
    services.clock.advance(10 * 60_000);
    const visit = await services.visits.checkIn(receptionist, appointment.id);
    assert.deepEqual([visit.ticket, visit.appointmentId, visit.personReference, visit.visitorName], ['P001', appointment.id, resident, 'Edith Walsh']);
    assert.equal((await services.visits.getAppointment(receptionist, appointment.id)).status, 'arrived');
    const queue = await services.visits.queue(adviser, townHall);
    assert.deepEqual(queue.waiting.map((waiting) => waiting.ticket), ['P001', 'A001', 'A002']);
    const called = await services.visits.callNext(adviser, townHall, 'Desk 1');
    assert.equal(called?.ticket, 'P001');
    const seen = await services.visits.finish(adviser, visit.id, { outcome: 'case_raised', resolvedFirstTime: false });
    const contact = await services.db.selectFrom('contact').selectAll().where('id', '=', seen.contactId ?? 0).executeTakeFirstOrThrow();
    assert.deepEqual([contact.channel, contact.person_id, contact.outcome], ['face_to_face', appointment.personId, 'case_raised']);
    const done = await services.visits.getAppointment(receptionist, appointment.id);
    assert.deepEqual([done.status, done.visitId], ['done', visit.id]);
    const figures = await services.visits.figures(adviser, townHall);
    assert.deepEqual(figures.appointments, { booked: 1, kept: 1, noShow: 0, cancelled: 0 });
    await assert.rejects(services.visits.checkIn(receptionist, appointment.id), /Only a booked appointment/);
  });

  it('checks in only on the day, and marks a no-show only once the appointment has started', async () => {
    const { services, receptionist } = shop;
    const later = await services.visits.book(receptionist, booking());
    await assert.rejects(services.visits.checkIn(receptionist, later.id), /only on its day/);
    await assert.rejects(services.visits.markNoShow(receptionist, later.id), /not started yet/);
    services.clock.set('2026-11-26T10:05:00Z');
    const missed = await services.visits.markNoShow(receptionist, later.id);
    assert.equal(missed.status, 'no_show');
    assert.deepEqual((await services.visits.figures(receptionist, townHall, tomorrow)).appointments, { booked: 1, kept: 0, noShow: 1, cancelled: 0 });
  });
});
