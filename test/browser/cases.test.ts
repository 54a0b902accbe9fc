import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServices } from '../../src/deps.ts';
import { testActor } from '../../src/test-support.ts';
import type { Role } from '../../src/access/staff.ts';
import { assertAccessible, assertAccessibleWithReveals, pageSignedInAs, seen, startServer, withCatalogueAndStaff, type TestServer } from './browser-support.ts';

// Cases as staff work them: a service team member takes a case from their team's queue, notes it and resolves it;
// a team leader sees the queues with a case that missed its due date. Each page checked with axe.

let server: TestServer;
const password = 'a-long-password-for-tests';
const people: Array<[string, Role]> = [['worker@test.gov.uk', 'service_team'], ['leader@test.gov.uk', 'team_leader']];
const flyTipping = { location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', hazardDetails: '', witnessed: 'no' };
let fresh = '';
let late = '';

before(async () => {
  server = await startServer(async (services) => {
    await withCatalogueAndStaff(services, people, password);
    await services.teams.join(testActor, 'worker@test.gov.uk', 'street_scene');
    fresh = (await services.cases.raise(testActor, { service: 'fly-tipping', answers: flyTipping })).reference;
    // A case raised three weeks ago: long past its three working days, so the SLA alerts mark it breached.
    const weeksAgo = new Date(Date.now() - 21 * 86_400_000);
    const past = createServices(services.database, { sessionHours: 8 }, { now: () => weeksAgo });
    late = (await past.cases.raise(testActor, { service: 'fly-tipping', answers: { ...flyTipping, location: 'Canal towpath' } })).reference;
    await services.caseAlerts.raiseAlerts();
  });
});
afterEach(async () => { await server?.closePages(); });
after(async () => { await server?.close(); });

describe('cases in the browser', () => {
  it('lets a service team member take a case from the queue, add a note and resolve it', async () => {
    const page = await pageSignedInAs(server, 'worker@test.gov.uk', password, '/queues/street_scene');
    await assertAccessible(page, 'Team queue');
    await page.getByRole('button', { name: `Take this case ${fresh}` }).click();
    await page.waitForURL(new RegExp(`/cases/${fresh}`));
    assert.match(await seen(page, '.govuk-notification-banner'), /The case is now yours/);
    await assertAccessible(page, 'Case page');

    await page.getByRole('button', { name: 'Add note' }).click();
    assert.match(await seen(page, '.govuk-error-summary'), /Enter a note/);
    await assertAccessible(page, 'Case page with an error');
    await page.getByRole('link', { name: 'Enter a note' }).click();
    assert.equal(await page.locator('#text').evaluate((input) => input === input.ownerDocument.activeElement), true);
    await page.getByLabel('Add a note').fill('Crew booked for Friday morning');
    await page.getByRole('button', { name: 'Add note' }).click();
    assert.match(await seen(page, '.moj-timeline'), /Crew booked for Friday morning/);

    await page.getByRole('radio', { name: 'Resolved' }).check();
    await page.getByLabel('Reason or resolution').fill('Tyres removed by the crew');
    await page.getByRole('button', { name: 'Change status' }).click();
    assert.match(await seen(page, '.govuk-notification-banner'), /status was changed/);
    assert.match(await seen(page, 'main'), /Resolved/);
    assert.match(await seen(page, '.moj-timeline'), /Tyres removed by the crew/);
    await assertAccessible(page, 'Resolved case');

    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.waitForURL(/\/cases$/);
    await assertAccessible(page, 'My cases');
    await page.getByRole('link', { name: 'Raise a case' }).click();
    await page.getByLabel('Which service is it for?').selectOption('graffiti');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Raise case' }).click();
    assert.match(await seen(page, '.govuk-error-summary'), /Enter where the graffiti is/);
    await assertAccessibleWithReveals(page, 'Raise a case, with errors');
  });

  it('shows a team leader the queues with a breached case, and the team\'s overdue cases', async () => {
    const page = await pageSignedInAs(server, 'leader@test.gov.uk', password, '/people');
    await page.getByRole('link', { name: 'Queues', exact: true }).click();
    await page.waitForURL(/\/queues$/);
    await assertAccessible(page, 'Queues');
    const row = page.getByRole('row', { name: /Street scene and cleansing/ });
    assert.match(await row.innerText(), /1\s+overdue in Street scene and cleansing/);
    await row.getByRole('link', { name: /overdue in Street scene/ }).click();
    await page.waitForURL(/\/queues\/street_scene\?due=overdue/);
    const table = await seen(page, 'table');
    assert.match(table, new RegExp(late));
    assert.match(table, /Overdue/);
    assert.doesNotMatch(table, new RegExp(fresh));
    await assertAccessible(page, 'Overdue cases of a team');
    await page.getByRole('link', { name: late }).click();
    assert.match(await seen(page, '.moj-timeline'), /Missed its due date/);
    await assertAccessible(page, 'Breached case');
  });
});
