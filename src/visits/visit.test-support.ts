import assert from 'node:assert/strict';
import { toActor, type Actor, type Role } from '../access/staff.ts';
import type { Services } from '../deps.ts';
import { addDays, isWorkingDay } from '../catalogue/bank-holidays.ts';
import { fromLondon, londonWallTime } from '../catalogue/sla.ts';
import { withTransaction } from '../db/transaction.ts';
import { insertAppointment } from './appointment.repository.ts';
import { defaultLocation } from './location.ts';
import { freshServices, tempDir, testActor, writeFile } from '../test-support.ts';

// A One Stop Shop for the visit tests: the starter catalogue, two shops, a resident on record, and front-desk staff.

export const townHall = 'Town Hall One Stop Shop';
export const library = 'Central Library One Stop Shop';

export async function oneStopShop(now = '2026-11-25T09:00:00Z'): Promise<{ services: Awaited<ReturnType<typeof freshServices>>; resident: string; receptionist: Actor; adviser: Actor }> {
  const services = await freshServices(now);
  await services.catalogue.loadStarter(testActor);
  await services.visits.setLocations(testActor, [{ name: townHall, desks: 3 }, { name: library, desks: 1 }]);
  await services.imports.importFile({ systemCode: 'council_tax', actor: testActor, filePath: writeFile(tempDir(), 'ct.csv', [
    'source_id,given_name,family_name,dob,postcode,address_line1,uprn,ni_number',
    'CT1,Edith,Walsh,1938-04-02,L1 8JQ,1 High Street,380000000001,AB123456C',
  ].join('\n')) });
  const resident = (await services.people.search(testActor, { q: 'AB123456C' })).hits[0]?.reference;
  assert.ok(resident);
  return { services, resident, receptionist: await staffMember(services, 'reception@council.gov.uk', 'agent'), adviser: await staffMember(services, 'adviser@council.gov.uk', 'adviser') };
}

export async function staffMember(services: Services, email: string, role: Role): Promise<Actor> {
  await services.staff.addUser({ email, displayName: email.split('@')[0] ?? email, password: 'a-long-password-1', role });
  const user = await services.staff.findUserByEmail(email);
  assert.ok(user);
  return toActor(user, 'web');
}

export type OneStopShopSeeds = {
  /** The next working day, for a booking the rules accept. */
  day: string;
  visits: { next: number; call: number; finish: number; left: number };
  appointments: { cancel: number; noShow: number; checkIn: number };
};

/**
 * Visits and appointments in the default shop for tests that make every write route once (test/security): one
 * visit waiting for each of call-next, call and left, one called to be finished; a booked appointment to cancel,
 * one that started at midnight (to be missed) and one later today (to check in). The last two are written straight
 * to the table, as the booking rules rightly refuse times past.
 */
export async function seedOneStopShop(services: Services): Promise<OneStopShopSeeds> {
  const location = defaultLocation.name;
  const ticket = async () => (await services.visits.issueTicket(testActor, { location })).id;
  const visits = { next: await ticket(), call: await ticket(), finish: await ticket(), left: await ticket() };
  await services.visits.callNext(testActor, location, 'Desk 1', visits.finish);
  const now = services.clock.now();
  let day = addDays(londonWallTime(now).day, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  const cancel = (await services.visits.book(testActor, { location, visitorName: 'To Cancel', day, startMinute: 9 * 60, length: 15 })).id;
  const direct = (startsAt: Date) => withTransaction(services.db, (tx) => insertAppointment(tx, {
    location, personId: null, visitorName: 'Booked Earlier', phone: null, serviceId: null, startsAt, endsAt: new Date(startsAt.getTime() + 15 * 60_000), notes: '', bookedBy: 'system:test', bookedAt: now,
  }));
  // Times fixed to the London day (midnight, and a quarter to midnight), so that two databases seeded moments apart agree.
  const today = londonWallTime(now).day;
  return { day, visits, appointments: { cancel, noShow: await direct(fromLondon(today, 0)), checkIn: await direct(fromLondon(today, 23 * 60 + 45)) } };
}
