import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../access/staff.ts';
import { addStaff, closeTestDatabase, freshServices, tempDir, testActor, writeFile } from '../../test-support.ts';
import { servedApp } from '../routes.test-support.ts';
import { csrfTokenIn, errorSummaryOf, signInAgent, type Agent } from '../auth/agent.test-support.ts';

after(closeTestDatabase);

// The One Stop Shop's pages as the front desk uses them, on Wednesday 25 November 2026 at 9am.

const password = 'a long enough password';
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ');

describe('the One Stop Shop pages', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  let app: FastifyInstance;
  let resident: string;

  before(async () => {
    services = await freshServices('2026-11-25T09:00:00Z');
    await services.catalogue.loadStarter(testActor);
    await services.imports.importFile({ systemCode: 'council_tax', actor: testActor, filePath: writeFile(tempDir(), 'ct.csv', [
      'source_id,given_name,family_name,dob,postcode,address_line1,uprn', 'CT1,Edith,Walsh,1938-04-02,L1 8JQ,1 High Street,380000000001',
    ].join('\n')) });
    resident = (await services.people.search(testActor, { q: 'Edith Walsh' })).hits[0]?.reference ?? '';
    app = await servedApp(services);
    await addStaff(services, [['reception@council.gov.uk', 'agent'], ['adviser@council.gov.uk', 'adviser'], ['dpo@council.gov.uk', 'dpo']] as Array<[string, Role]>, password);
  });
  after(async () => { await app.close(); });

  const signedIn = (email: string): Promise<Agent> => signInAgent(app, email, password);

  it('issues a ticket for a resident found by search, and an adviser calls and finishes the visit', async () => {
    const reception = await signedIn('reception@council.gov.uk');
    const queue = await reception.request({ url: '/one-stop-shop' });
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /Town Hall One Stop Shop/);
    assert.match(queue.body, /govuk-service-navigation__link" href="\/one-stop-shop"/, 'the navigation offers the One Stop Shop');

    const found = await reception.submit('/one-stop-shop/tickets/new', '/one-stop-shop/tickets', { visitorName: 'Edith', serviceCode: 'missed-bin', residentSearch: 'Edith Walsh', action: 'find' });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, new RegExp(`value="${resident}"`), 'the resident found is offered');
    assert.match(found.body, /value="Edith"/, 'what was typed is kept');
    const issued = await reception.request({ method: 'POST', url: '/one-stop-shop/tickets', form: { _csrf: csrfTokenIn(found.body), visitorName: 'Edith', serviceCode: 'missed-bin', personReference: resident, action: 'issue' } });
    assert.equal(issued.statusCode, 303);
    const banner = await reception.request({ url: String(issued.headers.location) });
    assert.match(textOf(banner.body), /Ticket A001 issued/);
    assert.match(textOf(banner.body), /A001 : open to call this visitor Edith Missed bin collection/);

    const adviser = await signedIn('adviser@council.gov.uk');
    const noDesk = await adviser.submit('/one-stop-shop', '/one-stop-shop/call-next', { desk: '' });
    assert.equal(noDesk.statusCode, 400);
    assert.match(errorSummaryOf(noDesk.body), /Enter the desk you are at/);
    const called = await adviser.submit('/one-stop-shop', '/one-stop-shop/call-next', { desk: 'Desk 4' });
    assert.equal(called.statusCode, 303);
    const visitUrl = String(called.headers.location);
    const visitPage = await adviser.request({ url: visitUrl });
    assert.match(textOf(visitPage.body), /At a desk/);
    assert.match(textOf(visitPage.body), /to Desk 4 by adviser/);

    const incomplete = await adviser.submit(visitUrl, `${visitUrl}/finish`, { summary: 'Reported the bin' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(errorSummaryOf(incomplete.body), /Select how the visit ended/);
    assert.match(incomplete.body, /Reported the bin/, 'the summary typed is kept');
    const finished = await adviser.request({ method: 'POST', url: `${visitUrl}/finish`, form: { _csrf: csrfTokenIn(incomplete.body), outcome: 'resolved', resolvedFirstTime: 'yes', summary: 'Reported the bin' } });
    assert.equal(finished.statusCode, 303);
    assert.match(textOf((await adviser.request({ url: visitUrl })).body), /Logged as a face-to-face contact/);
    const contacts = await services.db.selectFrom('contact').select(['channel', 'summary', 'outcome']).execute();
    assert.deepEqual(contacts, [{ channel: 'face_to_face', summary: 'Reported the bin', outcome: 'resolved' }]);
    assert.equal((await adviser.submit('/one-stop-shop', '/one-stop-shop/call-next', { desk: 'Desk 4' })).headers.location, '/one-stop-shop?notice=empty');
  });

  it('books an appointment in a free slot, keeping what was typed when something is missing, and cancels it', async () => {
    const reception = await signedIn('reception@council.gov.uk');
    const form = await reception.request({ url: '/one-stop-shop/appointments/new' });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="date-day"[^>]*value="26"/, 'the next working day is offered first');
    assert.match(form.body, /value="09:00"/);
    const missing = await reception.request({ method: 'POST', url: '/one-stop-shop/appointments', form: { _csrf: csrfTokenIn(form.body), day: '2026-11-26', length: '30', phone: '0151 496 0000', action: 'book' } });
    assert.equal(missing.statusCode, 400);
    assert.match(errorSummaryOf(missing.body), /Choose a time/);
    assert.match(missing.body, /value="0151 496 0000"/);
    const noName = await reception.request({ method: 'POST', url: '/one-stop-shop/appointments', form: { _csrf: csrfTokenIn(missing.body), day: '2026-11-26', length: '30', time: '10:00', phone: '0151 496 0000', action: 'book' } });
    assert.match(errorSummaryOf(noName.body), /Enter the visitor’s name/);
    const booked = await reception.request({ method: 'POST', url: '/one-stop-shop/appointments', form: { _csrf: csrfTokenIn(noName.body), day: '2026-11-26', length: '30', time: '10:00', visitorName: 'Sam Jones', phone: '0151 496 0000', serviceCode: 'blue-badge', action: 'book' } });
    assert.equal(booked.statusCode, 303);
    const page = await reception.request({ url: String(booked.headers.location) });
    assert.match(textOf(page.body), /Appointment booked for 26 November 2026 at 10:00am/);
    const diary = await reception.request({ url: '/one-stop-shop/appointments?date=2026-11-26' });
    assert.match(textOf(diary.body), /10:00am to 10:30am Sam Jones Blue Badge Booked/);

    const id = /\/one-stop-shop\/appointments\/(\d+)/.exec(String(booked.headers.location))?.[1];
    const noReason = await reception.submit(`/one-stop-shop/appointments/${id}`, `/one-stop-shop/appointments/${id}/cancel`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(errorSummaryOf(noReason.body), /Enter why the appointment is cancelled/);
    const cancelled = await reception.submit(`/one-stop-shop/appointments/${id}`, `/one-stop-shop/appointments/${id}/cancel`, { reason: 'Resident rang' });
    assert.equal(cancelled.statusCode, 303);
    assert.match(textOf((await reception.request({ url: String(cancelled.headers.location) })).body), /Sam Jones Blue Badge Cancelled/);
  });

  it('says the shop is closed on a weekend or bank holiday, and refuses a day that does not exist', async () => {
    const reception = await signedIn('reception@council.gov.uk');
    const saturday = await reception.request({ url: '/one-stop-shop/appointments/new?date-day=28&date-month=11&date-year=2026&length=30' });
    assert.match(errorSummaryOf(saturday.body), /closed on Saturdays/);
    assert.doesNotMatch(saturday.body, /Book appointment/);
    const christmas = await reception.request({ url: '/one-stop-shop/appointments/new?date-day=25&date-month=12&date-year=2026&length=30' });
    assert.match(errorSummaryOf(christmas.body), /bank holidays/);
    const nonsense = await reception.request({ url: '/one-stop-shop/appointments/new?date-day=31&date-month=2&date-year=2027&length=30' });
    assert.equal(nonsense.statusCode, 400);
    assert.match(errorSummaryOf(nonsense.body), /must be a real date/);
  });

  it('checks in today’s appointment ahead of the walk-ins', async () => {
    const reception = await signedIn('reception@council.gov.uk');
    await services.visits.issueTicket(testActor, { location: 'Town Hall One Stop Shop', visitorName: 'Walk-in' });
    const appointment = await services.visits.book(testActor, { location: 'Town Hall One Stop Shop', visitorName: 'Priya Patel', day: '2026-11-25', startMinute: 11 * 60, length: 15 });
    const checkedIn = await reception.submit(`/one-stop-shop/appointments/${appointment.id}`, `/one-stop-shop/appointments/${appointment.id}/check-in`, {});
    assert.equal(checkedIn.statusCode, 303);
    const queue = textOf((await reception.request({ url: String(checkedIn.headers.location) })).body);
    assert.match(queue, /Ticket P001 issued/);
    const waiting = queue.slice(queue.indexOf('in the order they will be called'), queue.indexOf('At a desk'));
    assert.match(waiting, /P001 : open to call this visitor Appointment Priya Patel .* A002 : open to call this visitor Walk-in/, 'the appointment is called first');
  });

  it('keeps the pages from staff without the front desk in their role', async () => {
    const dpo = await signedIn('dpo@council.gov.uk');
    assert.equal((await dpo.request({ url: '/one-stop-shop' })).statusCode, 403);
    assert.equal((await dpo.request({ url: '/one-stop-shop/appointments' })).statusCode, 403);
    const people = await dpo.request({ url: '/people' });
    assert.doesNotMatch(people.body, /href="\/one-stop-shop"/);
    assert.equal((await dpo.request({ method: 'POST', url: '/one-stop-shop/tickets', form: { _csrf: csrfTokenIn(people.body) } })).statusCode, 403);
  });
});
