import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testActor } from '../../src/test-support.ts';
import type { Role } from '../../src/access/staff.ts';
import { addDays, isWorkingDay } from '../../src/catalogue/bank-holidays.ts';
import { londonWallTime } from '../../src/catalogue/sla.ts';
import { assertAccessible, pageSignedInAs, seen, startServer, withCatalogueAndStaff, type TestServer } from './browser-support.ts';

// The One Stop Shop as the front desk meets it: a receptionist issues a ticket, an adviser calls the next visitor
// and finishes the visit, a receptionist books an appointment for the next working day and cancels another; each
// page checked with axe.

let server: TestServer;
const password = 'a-long-password-for-tests';
const people: Array<[string, Role]> = [['reception@test.gov.uk', 'agent'], ['adviser@test.gov.uk', 'adviser']];

before(async () => {
  server = await startServer(async (services) => {
    await withCatalogueAndStaff(services, people, password);
  });
});
afterEach(async () => { await server?.closePages(); });
after(async () => { await server?.close(); });

function nextWorkingDay(): string {
  let day = addDays(londonWallTime(new Date()).day, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

describe('the One Stop Shop in the browser', () => {
  it('issues a ticket, and an adviser calls the next visitor and finishes the visit as a contact', async () => {
    const reception = await pageSignedInAs(server, 'reception@test.gov.uk', password);
    await reception.getByRole('link', { name: 'One Stop Shop', exact: true }).click();
    await reception.waitForURL(/\/one-stop-shop$/);
    await assertAccessible(reception, 'Today’s queue');
    await reception.getByRole('button', { name: 'Issue a ticket' }).click();
    await assertAccessible(reception, 'Issue a ticket');
    await reception.getByLabel('Visitor’s name (optional)').fill('Mary Smith');
    await reception.getByLabel('What are they here about? (optional)').selectOption({ label: 'Missed bin collection' });
    await reception.getByLabel('Find a resident (optional)').fill('Mary Smith L1 8JQ');
    await reception.getByRole('button', { name: 'Find resident' }).click();
    await assertAccessible(reception, 'Issue a ticket, with residents found');
    await reception.getByLabel(/Mary Smith, born 1972-05-06/).check();
    assert.equal(await reception.getByLabel('Visitor’s name (optional)').inputValue(), 'Mary Smith', 'what was typed is kept');
    await reception.getByRole('button', { name: 'Issue ticket' }).click();
    await reception.waitForURL(/\/one-stop-shop\?issued=\d+$/);
    assert.match(await seen(reception, '.govuk-notification-banner'), /Ticket A001 issued/);
    assert.match(await seen(reception, reception.locator('table').first()), /A001.*Mary Smith.*Missed bin collection/);
    await assertAccessible(reception, 'Today’s queue with a ticket issued');

    const adviser = await pageSignedInAs(server, 'adviser@test.gov.uk', password, '/one-stop-shop');
    await adviser.getByRole('button', { name: 'Call next' }).click();
    assert.match(await seen(adviser, '.govuk-error-summary'), /Enter the desk you are at/);
    await assertAccessible(adviser, 'Call next, with an error');
    await adviser.getByLabel('Your desk').fill('Desk 2');
    await adviser.getByRole('button', { name: 'Call next' }).click();
    await adviser.waitForURL(/\/one-stop-shop\/visits\/\d+$/);
    assert.match(await seen(adviser), /Ticket A001.*At a desk/);
    await assertAccessible(adviser, 'A visit at a desk');
    await adviser.getByRole('button', { name: 'Finish visit' }).click();
    assert.match(await seen(adviser, '.govuk-error-summary'), /Select how the visit ended.*Select whether the visitor’s need was resolved/);
    await assertAccessible(adviser, 'Finish a visit, with errors');
    await adviser.getByLabel('Information given').check();
    await adviser.getByRole('group', { name: 'Was their need resolved at this visit?' }).getByLabel('Yes').check();
    await adviser.getByLabel('Summary (optional)').fill('Explained the collection calendar');
    await adviser.getByRole('button', { name: 'Finish visit' }).click();
    assert.match(await seen(adviser), /Seen.*Logged as a face-to-face contact/);
    await assertAccessible(adviser, 'A visit seen');
    const contacts = await server.services.db.selectFrom('contact').select(['channel', 'summary', 'resolved_first_contact']).execute();
    assert.deepEqual(contacts, [{ channel: 'face_to_face', summary: 'Explained the collection calendar', resolved_first_contact: true }]);
  });

  it('books an appointment for the next working day in a free slot, and cancels another', async () => {
    const day = nextWorkingDay();
    const other = await server.services.visits.book(testActor, { location: 'Town Hall One Stop Shop', visitorName: 'Ahmed Khan', day, startMinute: 14 * 60, length: 30 });
    const page = await pageSignedInAs(server, 'reception@test.gov.uk', password, '/one-stop-shop/appointments/new');
    await assertAccessible(page, 'Book an appointment');
    assert.equal(await page.getByLabel('Day').inputValue(), String(Number(day.slice(8))), 'the next working day is offered');
    await page.getByLabel('45 minutes').check();
    await page.getByRole('button', { name: 'Show free times' }).click();
    await page.getByRole('button', { name: 'Book appointment' }).click();
    assert.match(await seen(page, '.govuk-error-summary'), /Choose a time/);
    await assertAccessible(page, 'Book an appointment, with errors');
    await page.getByLabel('10:00am').check();
    await page.getByLabel('Visitor’s name').fill('Priya Patel');
    await page.getByLabel('Phone number (optional)').fill('07700 900 982');
    await page.getByLabel('What is it about? (optional)').selectOption({ label: 'Blue Badge' });
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.waitForURL(/\/one-stop-shop\/appointments\/\d+\?booked=1$/);
    assert.match(await seen(page, '.govuk-notification-banner'), /Appointment booked for .* at 10:00am/);
    assert.match(await seen(page, '.govuk-summary-list'), /10:00am to 10:45am.*Blue Badge.*07700 900 982/);
    await assertAccessible(page, 'An appointment booked');
    await page.getByRole('link', { name: 'Appointments diary' }).click();
    assert.match(await seen(page, 'table'), /10:00am to 10:45am Priya Patel Blue Badge Booked.*2:00pm to 2:30pm Ahmed Khan/);
    await assertAccessible(page, 'The appointments diary');

    await page.getByRole('link', { name: 'Ahmed Khan' }).click();
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    assert.match(await seen(page, '.govuk-error-summary'), /Enter why the appointment is cancelled/);
    await assertAccessible(page, 'Cancel an appointment, with an error');
    await page.getByLabel('Why is it cancelled?').fill('Resident rang to cancel');
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.waitForURL(/\/one-stop-shop\/appointments\?date=.*&cancelled=\d+$/);
    assert.match(await seen(page, 'table'), /Ahmed Khan Not known yet Cancelled/);
    assert.equal((await server.services.visits.getAppointment(testActor, other.id)).status, 'cancelled');
    await page.getByRole('link', { name: /Next day/ }).click();
    await assertAccessible(page, 'The diary on another day');
  });
});
