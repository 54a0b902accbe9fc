import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { closeTestDatabase, freshServices, tempDir, testActor, writeFile } from '../test-support.ts';
import type { Services } from '../deps.ts';
import { toActor, type Actor, type Role } from './staff.ts';

after(closeTestDatabase);

const header = 'source_id,given_name,family_name,dob,postcode,address_line1,uprn,ni_number,phone';

async function council(): Promise<Services> {
  const services = await freshServices(new Date().toISOString());
  await services.teams.saveTeam(testActor, { code: 'adult_social_care', name: 'Adult Social Care', contact: 'Duty team, 0151 496 0999' });
  await services.systems.configure(testActor, { code: 'adult_social_care', name: 'Adult Social Care', restricted: true, teamCode: 'adult_social_care' });
  const dir = tempDir();
  await services.imports.importFile({ systemCode: 'council_tax', actor: testActor, filePath: writeFile(dir, 'ct.csv', [header,
    'CT1,Edith,Walsh,1938-04-02,L1 8JQ,1 High Street,380000000001,AB123456C,'].join('\n')) });
  await services.imports.importFile({ systemCode: 'adult_social_care', actor: testActor, filePath: writeFile(dir, 'asc.csv', [header,
    'ASC7,Edith,Walsh,1938-04-02,L1 8JQ,1 High Street,380000000001,AB123456C,07700 900555'].join('\n')) });
  return services;
}

async function staffMember(services: Services, email: string, role: Role, team?: string): Promise<Actor> {
  await services.staff.addUser({ email, displayName: email.split('@')[0] ?? email, password: 'a-long-password-1', role });
  if (team) await services.teams.join(testActor, email, team);
  const user = await services.staff.findUserByEmail(email);
  assert.ok(user);
  return toActor(user, 'web');
}

describe('restricted services', () => {
  it('counts restricted systems\' records in the council\'s totals, which name no one', async () => {
    const services = await council();
    assert.equal((await services.people.stats()).sourceRecords, 2);
  });

  it('shows others only that the restricted service knows the resident, and whom to contact', async () => {
    const services = await council();
    const agent = await staffMember(services, 'agent@council.gov.uk', 'agent');
    const [hit] = (await services.people.search(agent, { q: 'Edith Walsh' })).hits;
    assert.ok(hit);
    const view = await services.people.getResident(agent, hit.reference);
    assert.deepEqual(view.systems.map((system) => system.code), ['council_tax']);
    assert.deepEqual(view.restrictedServices, [{ systemName: 'Adult Social Care', teamName: 'Adult Social Care', contact: 'Duty team, 0151 496 0999' }]);
    assert.equal(view.person.fields.phone, null, 'the golden record took a value only the restricted system holds');
  });

  it('shows the restricted records to their team', async () => {
    const services = await council();
    const worker = await staffMember(services, 'worker@council.gov.uk', 'service_team', 'adult_social_care');
    const [hit] = (await services.people.search(worker, { q: 'Edith Walsh' })).hits;
    const view = await services.people.getResident(worker, hit?.reference ?? '');
    assert.deepEqual(view.systems.map((system) => system.code).sort(), ['adult_social_care', 'council_tax']);
    assert.deepEqual(view.restrictedServices, []);
  });

  it('finds no one through a detail only a restricted system holds, unless the searcher is in its team', async () => {
    const services = await council();
    const agent = await staffMember(services, 'agent@council.gov.uk', 'agent');
    const worker = await staffMember(services, 'worker@council.gov.uk', 'service_team', 'adult_social_care');
    assert.equal((await services.people.search(agent, { q: '07700 900555' })).hits.length, 0);
    assert.equal((await services.people.search(agent, { q: 'ASC7' })).hits.length, 0);
    assert.equal((await services.people.search(worker, { q: '07700 900555' })).hits.length, 1);
  });

  it('opens the restricted records by break-glass, with a reason, for an hour', async () => {
    const services = await council();
    const agent = await staffMember(services, 'agent@council.gov.uk', 'agent');
    const [hit] = (await services.people.search(agent, { q: 'Edith Walsh' })).hits;
    assert.ok(hit);
    await assert.rejects(services.breakGlass.open(agent, hit.personId, 'urgent'), /at least 10 characters/);
    await services.breakGlass.open(agent, hit.personId, 'Caller reports Edith has fallen; need her care contacts');
    const view = await services.people.getResident(agent, hit.reference);
    assert.deepEqual(view.systems.map((system) => system.code).sort(), ['adult_social_care', 'council_tax']);
    const leader = await staffMember(services, 'leader@council.gov.uk', 'team_leader');
    assert.equal((await services.breakGlass.unreviewed(leader)).length, 1);
    await assert.rejects(services.breakGlass.unreviewed(agent), /cannot review break-glass access/);
  });

  it('masks NI numbers for roles that do not need them, unless revealed', async () => {
    const services = await council();
    const agent = await staffMember(services, 'agent@council.gov.uk', 'agent');
    const worker = await staffMember(services, 'worker@council.gov.uk', 'service_team');
    const [hit] = (await services.people.search(agent, { q: 'Edith Walsh' })).hits;
    assert.equal((await services.people.getResident(agent, hit?.reference ?? '')).person.fields.niNumber, '•••••••6C');
    await assert.rejects(services.people.getResident(agent, hit?.reference ?? '', { reveal: true }), /Say why you need the full number/);
    assert.equal((await services.people.getResident(agent, hit?.reference ?? '', { reveal: true, reason: 'Caller is applying for benefits' })).person.fields.niNumber, 'AB123456C');
    assert.equal((await services.people.getResident(worker, hit?.reference ?? '')).person.fields.niNumber, 'AB123456C');
  });
});

describe('the second wall: row-level security', () => {
  it('works as a role that is neither a superuser nor the owner of the tables', async () => {
    const services = await council();
    const role = await sql<{ current_user: string; rolsuper: boolean; owner: string }>`
      select current_user, (select rolsuper from pg_roles where rolname = current_user) as rolsuper,
        (select tableowner from pg_tables where tablename = 'source_record') as owner`.execute(services.db);
    const [row] = role.rows;
    assert.equal(row?.current_user, 'onestop_app');
    assert.equal(row?.rolsuper, false);
    assert.notEqual(row?.owner, 'onestop_app');
  });

  it('hides restricted rows from a query that forgets to check, and shows them to the council’s own processes', async () => {
    const services = await council();
    const forgetful = await services.db.selectFrom('source_record').select('source_id').orderBy('source_id').execute();
    assert.deepEqual(forgetful.map((row) => row.source_id), ['CT1']);
    const scoped = await services.db.transaction().execute(async (tx) => {
      await sql`select set_config('onestop.scope', 'all', true)`.execute(tx);
      return tx.selectFrom('source_record').select('source_id').orderBy('source_id').execute();
    });
    assert.deepEqual(scoped.map((row) => row.source_id), ['ASC7', 'CT1']);
  });
});
