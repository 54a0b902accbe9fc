import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testActor } from '../../src/test-support.ts';
import type { Role } from '../../src/access/staff.ts';
import { assertAccessible, assertAccessibleWithReveals, pageSignedInAs, seen, startServer, withCatalogueAndStaff, type TestServer } from './browser-support.ts';

// The service catalogue as staff meet it: the list, a service's form with its guidance, conditional questions with
// and without JavaScript, errors, and the administrator's edit page; each checked with axe.

let server: TestServer;
const password = 'a-long-password-for-tests';
const people: Array<[string, Role]> = [['agent@test.gov.uk', 'agent'], ['admin@test.gov.uk', 'admin']];

before(async () => {
  server = await startServer(async (services) => {
    await withCatalogueAndStaff(services, people, password);
  });
});
afterEach(async () => { await server?.closePages(); });
after(async () => { await server?.close(); });

describe('the service catalogue in the browser', () => {
  it('lists the services and opens one with its guidance beside the form', async () => {
    const page = await pageSignedInAs(server, 'agent@test.gov.uk', password, '/people');
    await page.getByRole('link', { name: 'Services', exact: true }).click();
    await page.waitForURL(/\/services$/);
    await assertAccessible(page, 'Service catalogue');
    await page.getByRole('link', { name: 'Report fly-tipping' }).click();
    assert.match(await seen(page, 'aside'), /Never ask the caller to touch or move the waste/);
    await assertAccessibleWithReveals(page, 'Service with its form');
  });

  it('reveals a conditional question with JavaScript, and shows the errors in a summary that links to each field', async () => {
    const page = await pageSignedInAs(server, 'agent@test.gov.uk', password, '/services/fly-tipping');
    const details = page.getByLabel('Describe what could be hazardous');
    assert.equal(await details.isVisible(), false);
    await page.getByRole('group', { name: 'Could it be hazardous?' }).getByLabel('Yes').check();
    assert.equal(await details.isVisible(), true);
    await page.getByRole('button', { name: 'Check answers' }).click();
    const summary = await seen(page, '.govuk-error-summary');
    assert.match(summary, /Enter where the fly-tipping is/);
    assert.match(summary, /Select an answer to ‘What has been dumped’/);
    assert.match(summary, /Enter an answer to ‘Describe what could be hazardous’/);
    assert.match(await page.title(), /^Error: /);
    await assertAccessibleWithReveals(page, 'Service form with errors');
    await page.getByRole('link', { name: 'Enter where the fly-tipping is' }).click();
    assert.equal(await page.locator('#answer-location').evaluate((input) => input === input.ownerDocument.activeElement), true);
  });

  it('works without JavaScript: every question shows, and complete answers say where they would go', async () => {
    const page = await server.newPage({ javaScriptEnabled: false });
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill('agent@test.gov.uk');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/people$/);
    await page.goto(`${server.baseUrl}/services/missed-bin`);
    assert.equal(await page.locator('body.js-enabled').count(), 0, 'GOV.UK Frontend ran, so JavaScript is on');
    assert.equal(await page.getByLabel('Garden waste permit number (optional)').isVisible(), true);
    await page.getByLabel('First line of the address').fill('1 High Street');
    await page.getByLabel('Postcode').fill('L1 8JQ');
    await page.getByLabel('Garden waste', { exact: true }).check();
    await page.getByRole('group', { name: 'Was the bin out by 7am on collection day?' }).getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Check answers' }).click();
    assert.match(await seen(page, '.govuk-notification-banner'), /These answers are complete.*Waste and recycling.*Nothing has been saved/);
    // axe runs in the page, so it is run on the same pages with JavaScript on (above and below).
    await page.goto(`${server.baseUrl}/services/fly-tipping`);
    assert.equal(await page.getByLabel('Describe what could be hazardous').isVisible(), true);
    await page.getByRole('button', { name: 'Check answers' }).click();
    assert.match(await seen(page, '.govuk-error-summary'), /Enter where the fly-tipping is/);
  });

  it('shows where complete answers would go, accessibly', async () => {
    const page = await pageSignedInAs(server, 'agent@test.gov.uk', password, '/services/missed-bin');
    await page.getByLabel('First line of the address').fill('1 High Street');
    await page.getByLabel('Postcode').fill('L1 8JQ');
    await page.getByLabel('Garden waste', { exact: true }).check();
    await page.getByLabel('Garden waste permit number (optional)').fill('GW123');
    await page.getByRole('group', { name: 'Was the bin out by 7am on collection day?' }).getByLabel('No').check();
    await page.getByRole('button', { name: 'Check answers' }).click();
    assert.match(await seen(page, '.govuk-notification-banner'), /These answers are complete.*Waste and recycling/);
    assert.equal(await page.getByLabel('Garden waste permit number (optional)').inputValue(), 'GW123');
    await assertAccessibleWithReveals(page, 'Service form with checked answers');
  });

  it('lets an administrator change a service, with errors shown accessibly', async () => {
    const page = await pageSignedInAs(server, 'admin@test.gov.uk', password, '/admin/services');
    await assertAccessible(page, 'Administrator’s service catalogue');
    await page.getByRole('link', { name: 'Report a pothole' }).click();
    await assertAccessible(page, 'Change a service');
    await page.getByLabel('How many').fill('soon');
    await page.getByLabel('Form definition (JSON)').fill('{"fields": [');
    await page.getByRole('button', { name: 'Save Report a pothole' }).click();
    assert.match(await seen(page, '.govuk-error-summary'), /SLA must be a whole number.*not valid JSON/);
    await assertAccessible(page, 'Change a service, with errors');
    await page.getByLabel('How many').fill('4');
    await page.getByLabel('Form definition (JSON)').fill('{"fields": [{"name": "where", "label": "Where is it?", "type": "text", "required": true}]}');
    await page.getByRole('button', { name: 'Save Report a pothole' }).click();
    await page.waitForURL(/\/admin\/services\?done=pothole$/);
    assert.equal((await server.services.catalogue.get(testActor, 'pothole')).sla.amount, 4);
  });
});
