import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { tempDir, testActor, writeFile } from '../../src/test-support.ts';
import type { Role } from '../../src/access/staff.ts';
import { assertAccessible, pageSignedInAs, seen, startServer, type TestServer } from './browser-support.ts';

// UK GDPR rights as the data protection officer and service teams meet them on the page.

let server: TestServer;
const password = 'a-long-password-for-tests';
const people: Array<[string, Role]> = [['dpo@test.gov.uk', 'dpo'], ['worker@test.gov.uk', 'service_team'], ['agent@test.gov.uk', 'agent']];

before(async () => {
  server = await startServer(async (services) => {
    await services.teams.saveTeam(testActor, { code: 'adult_social_care', name: 'Adult Social Care', contact: 'Duty team' });
    await services.systems.configure(testActor, { code: 'adult_social_care', name: 'Adult Social Care', restricted: true, teamCode: 'adult_social_care' });
    await services.imports.importFile({ systemCode: 'adult_social_care', actor: testActor, filePath: writeFile(tempDir(), 'asc.csv', [
      'source_id,given_name,family_name,dob,postcode,address_line1,uprn,ni_number,notes',
      'ASC1,John,Smith,1970-02-03,L1 8JQ,1 High Street,380000000001,AB123456C,Lives with Mary Smith'].join('\n')) });
    for (const [email, role] of people) await services.staff.addUser({ email, displayName: email.split('@')[0] ?? email, password, role });
  });
});
afterEach(async () => { await server?.closePages(); });
after(async () => { await server?.close(); });

function signedInAs(email: string, path: string): Promise<Page> {
  return pageSignedInAs(server, email, password, path);
}

async function personPath(q: string): Promise<string> {
  const [hit] = (await server.services.people.search(testActor, { q })).hits;
  assert.ok(hit);
  return `/people/${hit.reference}`;
}

describe('UK GDPR rights in the browser', () => {
  it('gives the data protection officer a subject access bundle with restricted records marked and the household left out', async () => {
    const john = await personPath('AB123456C');
    const page = await signedInAs('dpo@test.gov.uk', `${john}/privacy`);
    await assertAccessible(page, 'Resident privacy tab for the data protection officer');
    await page.getByRole('link', { name: 'Produce a subject access bundle' }).click();
    await page.waitForURL(/subject-access$/);
    const text = await seen(page);
    assert.match(text, /Adult Social Care, reference ASC1.*Restricted service.*Seen day to day only by Adult Social Care/s);
    assert.match(text, /Lives with \[another person\]/);
    assert.doesNotMatch(text, /Mary/);
    assert.match(text, /Contacts with the council.*No contacts are recorded.*Requests \(cases\) and notes.*No requests are recorded/s);
    assert.match(text, /Who has looked at or changed these records.*Exported a subject access bundle/s);
    await assertAccessible(page, 'Subject access bundle');
    const json = await page.request.get(`${server.baseUrl}${john}/subject-access.json`);
    assert.match(json.headers()['content-disposition'] ?? '', /attachment; filename="subject-access-.*\.json"/);
    assert.equal((await json.json()).format, 'onestop.subject-access.v1');
    const agent = await signedInAs('agent@test.gov.uk', `${john}/subject-access`);
    assert.match(await seen(agent, 'h1'), /You cannot do that/);
  });

  it('lets a service team member record a contact preference and a correction, each kept as history', async () => {
    const mary = await personPath('Mary Smith');
    const page = await signedInAs('worker@test.gov.uk', `${mary}/privacy`);
    await page.getByLabel('Channel').selectOption('email');
    await page.getByLabel('For').selectOption('marketing');
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel('How they told the council').selectOption('phone');
    await page.getByRole('button', { name: 'Record preference' }).click();
    assert.match(await seen(page, '.govuk-notification-banner'), /Contact preference recorded/);
    assert.match(await seen(page), /Email for marketing and campaigns, yes \(on the phone\), written down by worker/);
    await page.getByLabel('Detail to correct').selectOption('dob');
    await page.getByLabel('Correct value').fill('7 May 1972');
    await page.getByLabel('Why is it wrong, and how do you know?').fill('x');
    await page.getByRole('button', { name: 'Save correction' }).click();
    assert.match(await seen(page, '.govuk-error-summary'), /Say why the detail is wrong/);
    await assertAccessible(page, 'Privacy tab with a correction error');
    await page.getByLabel('Why is it wrong, and how do you know?').fill('Passport seen at the counter');
    await page.getByRole('button', { name: 'Save correction' }).click();
    assert.match(await seen(page, 'table:has(caption:text("Earlier values"))'), /Date of birth\s+1972-05-06\s+1972-05-07\s+Passport seen at the counter \(worker\)/);
    await assertAccessible(page, 'Privacy tab with history');
  });

  it('refuses erasure under a legal hold with a clear message, then erases once the hold is released', async () => {
    const ahmed = await personPath('Ahmed Khan');
    const page = await signedInAs('dpo@test.gov.uk', `${ahmed}/privacy`);
    await page.getByLabel('Why must everything about them be kept?').fill('Tribunal claim ET/1234 pending');
    await page.getByRole('button', { name: 'Place legal hold' }).click();
    await page.getByRole('link', { name: 'Erase this resident' }).click();
    await page.getByLabel('Ground for erasure, and the request it answers').fill('Article 17(1)(a), request received 2 May');
    await page.getByRole('button', { name: 'Erase resident' }).click();
    assert.match(await seen(page, '.govuk-error-summary'), /is under a legal hold, so nothing about them can be erased/);
    await assertAccessible(page, 'Erasure refused under a legal hold');
    await page.goto(`${server.baseUrl}${ahmed}/privacy`);
    await page.getByRole('button', { name: /Release hold/ }).click();
    await page.goto(`${server.baseUrl}${ahmed}/erase`);
    await page.getByLabel('Ground for erasure, and the request it answers').fill('Article 17(1)(a), request received 2 May');
    await page.getByRole('button', { name: 'Erase resident' }).click();
    assert.match(await seen(page, '.govuk-panel'), /Resident erased/);
    await assertAccessible(page, 'Resident erased');
  });

  it('lets the data protection officer set a retention rule and count what it would erase', async () => {
    const page = await signedInAs('dpo@test.gov.uk', '/privacy');
    await page.getByLabel('Source system').selectOption('council_tax');
    await page.getByLabel('Years to keep').fill('6');
    await page.getByRole('button', { name: 'Save rule' }).click();
    assert.match(await seen(page, 'table'), /Council Tax\s+6 years after the record was last sent/i);
    await page.getByRole('button', { name: 'Count what the rules would erase now' }).click();
    assert.match(await seen(page, '.govuk-notification-banner'), /Dry run: nothing was erased.*council_tax: 0 due/s);
    await assertAccessible(page, 'Retention and legal holds');
  });
});
