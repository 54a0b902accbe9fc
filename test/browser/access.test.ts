import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { tempDir, testActor, writeFile } from '../../src/test-support.ts';
import type { Role } from '../../src/access/staff.ts';
import { assertAccessible, pageSignedInAs, seen, startServer, type TestServer } from './browser-support.ts';

// Restricted services and identifiers as staff meet them on the page.

let server: TestServer;
const password = 'a-long-password-for-tests';
const people: Array<[string, Role, string | undefined]> = [
  ['agent@test.gov.uk', 'agent', undefined], ['carer@test.gov.uk', 'service_team', 'adult_social_care'],
  ['leader@test.gov.uk', 'team_leader', undefined], ['admin@test.gov.uk', 'admin', undefined],
];

before(async () => {
  server = await startServer(async (services) => {
    await services.teams.saveTeam(testActor, { code: 'adult_social_care', name: 'Adult Social Care', contact: 'Duty team, 0151 496 0999' });
    await services.systems.configure(testActor, { code: 'adult_social_care', name: 'Adult Social Care', restricted: true, teamCode: 'adult_social_care' });
    await services.imports.importFile({ systemCode: 'adult_social_care', actor: testActor, filePath: writeFile(tempDir(), 'asc.csv', [
      'source_id,given_name,family_name,dob,postcode,address_line1,ni_number,phone',
      'ASC1,John,Smith,1970-02-03,L1 8JQ,1 High Street,AB123456C,07700 900777'].join('\n')) });
    for (const [email, role, team] of people) {
      await services.staff.addUser({ email, displayName: email.split('@')[0] ?? email, password, role });
      if (team) await services.teams.join(testActor, email, team);
    }
  });
});
afterEach(async () => { await server?.closePages(); });
after(async () => { await server?.close(); });

function signedInAs(email: string, path: string): Promise<Page> {
  return pageSignedInAs(server, email, password, path);
}

async function johnPath(): Promise<string> {
  const [hit] = (await server.services.people.search(testActor, { q: 'AB123456C' })).hits;
  assert.ok(hit);
  return `/people/${hit.reference}`;
}

describe('a restricted service', () => {
  it('tells an agent only that it knows the resident and whom to contact; the NI number is masked until a reason is given', async () => {
    const page = await signedInAs('agent@test.gov.uk', await johnPath());
    assert.match(await seen(page, '.govuk-notification-banner'), /Adult Social Care also works with this resident.*Contact: Duty team, 0151 496 0999/);
    assert.doesNotMatch(await seen(page), /07700 900777|ASC1/);
    assert.match(await seen(page, 'main dl'), /•••••••6C/);
    await assertAccessible(page, 'Resident with a restricted service and a masked NI number');
    await page.getByLabel('Why do you need the full number?').fill('Caller applying for a council tax reduction');
    await page.getByRole('button', { name: 'Show the full NI number' }).click();
    assert.match(await seen(page, 'main dl'), /AB123456C/);
  });

  it('opens the restricted records by break-glass, and lists the opening for the team leader', async () => {
    const page = await signedInAs('agent@test.gov.uk', await johnPath());
    await page.getByText('Open the restricted records in an emergency').click();
    await page.getByLabel('Why must you see them now?').fill('Caller says John has had a fall and is alone');
    await page.getByRole('button', { name: 'Open restricted records' }).click();
    await page.waitForURL(/\/records\?done=break-glass$/);
    assert.match(await seen(page), /Adult Social Care.*Reference ASC1/);
    const leader = await signedInAs('leader@test.gov.uk', '/break-glass');
    assert.match(await seen(leader, 'table'), /agent.*Caller says John has had a fall and is alone/);
    await assertAccessible(leader, 'Break-glass review');
    const agentAgain = await signedInAs('agent@test.gov.uk', '/break-glass');
    assert.match(await seen(agentAgain, 'h1'), /You cannot do that/);
  });

  it('shows its records to its own team', async () => {
    const page = await signedInAs('carer@test.gov.uk', `${await johnPath()}/records`);
    assert.match(await seen(page), /Adult Social Care.*Reference ASC1/);
    assert.doesNotMatch(await seen(page), /•••/);
  });

  it('lets an administrator restrict a system to a team, and no one else', async () => {
    const page = await signedInAs('admin@test.gov.uk', '/admin/systems');
    await assertAccessible(page, 'Source systems administration');
    assert.match(await seen(page), /Adult Social Care.*Restricted/);
    const agent = await signedInAs('agent@test.gov.uk', '/admin/systems');
    assert.match(await seen(agent, 'h1'), /You cannot do that/);
  });

  it('lets an administrator disable and enable a staff account with a button', async () => {
    const page = await signedInAs('admin@test.gov.uk', '/admin/staff');
    await assertAccessible(page, 'Staff accounts administration');
    await page.getByRole('button', { name: /^Disable carer/ }).click();
    await page.waitForURL(/done=disabled/);
    assert.match(await seen(page, '.govuk-notification-banner'), /carer’s account is disabled/);
    await assertAccessible(page, 'Staff accounts after disabling one');
    await page.getByRole('button', { name: /^Enable carer/ }).click();
    await page.waitForURL(/done=enabled/);
    assert.match(await seen(page, '.govuk-notification-banner'), /carer’s account is enabled/);
  });
});
