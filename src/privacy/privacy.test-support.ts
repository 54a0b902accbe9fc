import assert from 'node:assert/strict';
import { freshServices, tempDir, testActor, writeFile } from '../test-support.ts';
import { toActor, type Actor, type Role } from '../access/staff.ts';
import type { Services } from '../deps.ts';

// A small council for the privacy tests: council tax and a restricted adult social care system that both know
// Edith Walsh, her husband Albert at the same address, and staff in each role the tests need.

export const header = 'source_id,given_name,family_name,dob,postcode,address_line1,uprn,ni_number,phone,notes';

export async function privacyCouncil(now = '2026-11-25T09:00:00Z'): Promise<{ services: Awaited<ReturnType<typeof freshServices>>; edith: string; albert: string; dir: string }> {
  const services = await freshServices(now);
  await services.teams.saveTeam(testActor, { code: 'adult_social_care', name: 'Adult Social Care', contact: 'Duty team, 0151 496 0999' });
  await services.systems.configure(testActor, { code: 'adult_social_care', name: 'Adult Social Care', restricted: true, teamCode: 'adult_social_care' });
  const dir = tempDir();
  await services.imports.importFile({ systemCode: 'council_tax', actor: testActor, filePath: writeFile(dir, 'ct.csv', [header,
    'CT1,Edith,Walsh,1938-04-02,L1 8JQ,1 High Street,380000000001,AB123456C,,Joint account with Albert Walsh',
    'CT2,Albert,Walsh,1936-01-09,L1 8JQ,1 High Street,380000000001,CE654321A,,'].join('\n')) });
  await services.imports.importFile({ systemCode: 'adult_social_care', actor: testActor, filePath: writeFile(dir, 'asc.csv', [header,
    'ASC7,Edith,Walsh,1938-04-02,L1 8JQ,1 High Street,380000000001,AB123456C,07700 900555,Carer is ALBERT WALSH (husband)'].join('\n')) });
  const edith = (await services.people.search(testActor, { q: 'AB123456C' })).hits[0]?.reference;
  const albert = (await services.people.search(testActor, { q: 'CE654321A' })).hits[0]?.reference;
  assert.ok(edith && albert);
  return { services, edith, albert, dir };
}

export async function staffMember(services: Services, email: string, role: Role, team?: string): Promise<Actor> {
  await services.staff.addUser({ email, displayName: email.split('@')[0] ?? email, password: 'a-long-password-1', role });
  if (team) await services.teams.join(testActor, email, team);
  const user = await services.staff.findUserByEmail(email);
  assert.ok(user);
  return toActor(user, 'web');
}
