import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toActor, type Actor, type Role } from '../access/staff.ts';
import type { Services } from '../deps.ts';
import { closeTestDatabase, freshServices, tempDir, testActor, writeFile } from '../test-support.ts';

after(closeTestDatabase);

// The trail as the domain services write it: every view and every change, in the same transaction, through
// whichever door. These call the services as the pages, the API and the command line do.

const header = 'source_id,given_name,family_name,dob,postcode,address_line1,uprn,ni_number';

async function council(): Promise<{ services: Services; ids: { edith: number; walter: number } }> {
  const services = await freshServices(new Date().toISOString());
  const dir = tempDir();
  await services.imports.importFile({ systemCode: 'council_tax', actor: testActor, filePath: writeFile(dir, 'ct.csv', [header,
    'CT1,Edith,Walsh,1938-04-02,L1 8JQ,1 High Street,380000000001,AB123456C',
    'CT2,Walter,Walsh,1936-01-09,L1 8JQ,1 High Street,380000000001,'].join('\n')) });
  await services.imports.importFile({ systemCode: 'libraries', actor: testActor, filePath: writeFile(dir, 'lib.csv', [header,
    'LIB9,Edie,Walsh,1938-04-02,L2 2AA,9 Low Road,,'].join('\n')) });
  const edith = (await services.people.search(testActor, { q: 'Edith Walsh', postcode: 'L1 8JQ' })).hits[0];
  const walter = (await services.people.search(testActor, { q: 'Walter Walsh' })).hits[0];
  assert.ok(edith && walter);
  return { services, ids: { edith: edith.personId, walter: walter.personId } };
}

async function staffMember(services: Services, role: Role): Promise<Actor> {
  const email = `${role}@council.gov.uk`;
  await services.staff.addUser({ email, displayName: `The ${role}`, password: 'a-long-password-1', role });
  const user = await services.staff.findUserByEmail(email);
  assert.ok(user);
  return toActor(user, 'web');
}

describe('the audit trail as staff work', () => {
  it('records each view of a resident with who, which door and how many records, and nothing for a refused one', async () => {
    const { services, ids } = await council();
    const agent = await staffMember(services, 'agent');
    await services.people.getResident(agent, ids.edith);
    await services.people.getResident({ ...agent, door: 'api' }, ids.edith);
    await assert.rejects(services.people.getResident(agent, 999_999), /no resident/);
    const entries = await services.audit.forPerson(ids.edith);
    assert.deepEqual(entries.map((entry) => [entry.action, entry.actor, entry.actorName, entry.door]), [
      ['person.view', `user:${agent.userId}`, 'The agent', 'api'],
      ['person.view', `user:${agent.userId}`, 'The agent', 'web'],
    ]);
    assert.deepEqual(entries[0]?.details, { records: 1 });
    assert.equal((await services.audit.byActor(`user:${agent.userId}`)).length, 2, 'the refused view left an entry');
  });

  it('records a revealed identifier with its reason, and keeps personal data out of the entry', async () => {
    const { services, ids } = await council();
    const agent = await staffMember(services, 'agent');
    const view = await services.people.getResident(agent, ids.edith, { reveal: true, reason: 'Caller verifying for a benefit claim' });
    assert.equal(view.person.fields.niNumber, 'AB123456C');
    const [entry] = await services.audit.forPerson(ids.edith);
    assert.deepEqual([entry?.action, entry?.reason, entry?.details], ['record.reveal', 'Caller verifying for a benefit claim', { records: 1, fields: ['niNumber'] }]);
    assert.doesNotMatch(JSON.stringify(entry), /AB123456C|Edith|Walsh/);
  });

  it('records merges, separations and undoing them against the residents concerned, with the change', async () => {
    const { services, ids } = await council();
    const worker = await staffMember(services, 'service_team');
    const edie = (await services.people.search(testActor, { q: 'LIB9' })).hits[0];
    assert.ok(edie && edie.personId !== ids.edith, 'the library record should begin as a resident of its own');
    const merged = await services.merges.mergePersons(worker, ids.edith, edie.personId, 'Same woman: confirmed on the phone');
    const undone = await services.changes.undoChange(merged.id, worker, 'Merged in error');
    const trail = await services.audit.byActor(`user:${worker.userId}`);
    assert.deepEqual(trail.map((entry) => entry.action).reverse(), ['person.merge', 'person.undo', 'person.undo']);
    const merge = trail.at(-1);
    assert.deepEqual([merge?.subject, merge?.reason, merge?.details.changeId], [`change:${merged.id}`, 'Same woman: confirmed on the phone', merged.id]);
    assert.deepEqual(trail.slice(0, 2).map((entry) => entry.personId).sort(), [ids.edith, edie.personId].sort());
    assert.ok(trail.slice(0, 2).every((entry) => entry.details.undoId === undone.id));
  });

  it('writes nothing when the change fails half-way, and nothing for a role refused the change', async () => {
    const { services, ids } = await council();
    const worker = await staffMember(services, 'service_team');
    const agent = await staffMember(services, 'agent');
    const before = (await services.audit.recent({ limit: 1000 })).length;
    await assert.rejects(services.merges.mergePersons(agent, ids.edith, ids.walter), /cannot merge/);
    const merged = await services.merges.mergePersons(worker, ids.edith, ids.walter, 'test');
    await services.changes.undoChange(merged.id, worker);
    await assert.rejects(services.changes.undoChange(merged.id, worker), /already been undone/);
    const actions = (await services.audit.recent({ limit: 1000 })).slice(0, -before || undefined).map((entry) => entry.action);
    assert.deepEqual(actions.filter((action) => action !== 'person.undo'), ['person.merge']);
    assert.equal(actions.length, 3, 'one merge and the undo for each of the two residents, nothing for the refused or failed attempts');
  });

  it('records imports and break-glass openings, and keeps the chain intact through all of it', async () => {
    const { services, ids } = await council();
    const agent = await staffMember(services, 'agent');
    await services.breakGlass.open(agent, ids.walter, 'Ambulance crew asking about care needs');
    const imports = (await services.audit.byActor('system:test')).filter((entry) => entry.action === 'import.run');
    assert.equal(imports.length, 2);
    assert.match(imports[0]?.subject ?? '', /^import:\d+$/);
    const [glass] = await services.audit.forPerson(ids.walter);
    assert.deepEqual([glass?.action, glass?.reason], ['person.break_glass', 'Ambulance crew asking about care needs']);
    const outcome = await services.audit.verify();
    assert.equal(outcome.intact, true);
    assert.ok(outcome.checked >= 3);
  });
});
