import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../access/staff.ts';
import { DomainError } from '../errors.ts';
import { closeTestDatabase, freshServices, testActor } from '../test-support.ts';
import { starterCatalogue } from './starter-catalogue.ts';

after(closeTestDatabase);

const staff = (role: Actor['role']): Actor => ({ kind: 'staff', userId: 1, email: `${role}@council.gov.uk`, displayName: role, role, door: 'web' } as Actor);

describe('the service catalogue', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  beforeEach(async () => { services = await freshServices('2025-04-17T14:00:00Z'); });

  it('loads the starter catalogue once, with its teams, and changes nothing on a second load', async () => {
    const first = await services.catalogue.ensureStarter(testActor);
    assert.deepEqual(first, { ok: true, added: starterCatalogue.length, changed: 0 });
    const listed = await services.catalogue.list(staff('agent'));
    assert.equal(listed.length, starterCatalogue.length);
    const missedBin = await services.catalogue.get(staff('agent'), '524');
    assert.deepEqual([missedBin.code, missedBin.teamName, missedBin.sla], ['missed-bin', 'Waste and recycling', { amount: 2, unit: 'working_days' }]);
    await services.catalogue.save(testActor, { ...starterCatalogue[0], code: 'missed-bin', name: 'Missed collection', sla: { amount: 1, unit: 'working_days' } });
    assert.equal(await services.catalogue.ensureStarter(testActor), undefined);
    assert.deepEqual(await services.catalogue.loadStarter(testActor), { ok: true, added: 0, changed: 0 });
    assert.equal((await services.catalogue.get(staff('agent'), 'missed-bin')).name, 'Missed collection');
  });

  it('lets an administrator change a service, recording it in the audit trail, and refuses everyone else', async () => {
    await services.catalogue.loadStarter(testActor);
    const admin = staff('admin');
    const pothole = await services.catalogue.get(admin, 'pothole');
    const saved = await services.catalogue.save(admin, { code: 'pothole', lgsl: null, name: 'Pothole', team: 'street_scene', sla: { amount: 8, unit: 'working_hours' }, guidance: 'New guidance', form: pothole.form, routing: [], active: false });
    assert.deepEqual([saved.name, saved.teamCode, saved.sla.unit, saved.isActive, saved.updatedBy], ['Pothole', 'street_scene', 'working_hours', false, 'user:1']);
    assert.equal((await services.catalogue.list(admin)).some((service) => service.code === 'pothole'), false);
    assert.equal((await services.catalogue.list(admin, { includeInactive: true })).some((service) => service.code === 'pothole'), true);
    const trail = await services.audit.byActor('user:1');
    assert.deepEqual(trail.map((entry) => [entry.action, entry.subject]), [['service.change', 'service:pothole']]);
    for (const role of ['agent', 'team_leader', 'dpo'] as const) {
      await assert.rejects(services.catalogue.save(staff(role), { code: 'pothole', name: 'Mine', sla: { amount: 1, unit: 'working_days' } }), (error: unknown) => error instanceof DomainError && error.code === 'forbidden');
    }
  });

  const refusals: Array<{ name: string; change: Record<string, unknown>; message: RegExp }> = [
    { name: 'a team that does not exist', change: { team: 'no_such_team' }, message: /no team no_such_team/ },
    { name: 'routing to a team that does not exist', change: { routing: [{ team: 'nobody', postcodeDistricts: ['L1'] }] }, message: /no team nobody/ },
    { name: 'routing on a question the form does not ask', change: { routing: [{ team: 'highways', field: 'colour', equals: ['red'] }] }, message: /no such question/ },
    { name: 'routing on an answer a choice does not offer', change: { routing: [{ team: 'highways', field: 'causedDamage', equals: ['maybe'] }] }, message: /not one of its options/ },
    { name: 'an LGSL number another service has', change: { lgsl: 524 }, message: /LGSL 524 already belongs to missed-bin/ },
    { name: 'an SLA of no time', change: { sla: { amount: 0, unit: 'working_days' } }, message: /at least 1/ },
    { name: 'a form with a broken condition', change: { form: { fields: [{ name: 'x', label: 'X', type: 'text', showWhen: { field: 'y', equals: ['a'] } }] } }, message: /no earlier field/ },
  ];
  for (const { name, change, message } of refusals) {
    it(`refuses ${name}, changing nothing`, async () => {
      await services.catalogue.loadStarter(testActor);
      const before = await services.catalogue.get(testActor, 'pothole');
      const input = { code: 'pothole', lgsl: null, name: before.name, team: before.teamCode, sla: before.sla, guidance: before.guidance, form: before.form, routing: before.routing, active: true, ...change };
      await assert.rejects(services.catalogue.save(testActor, input as never), (error: unknown) => error instanceof DomainError && error.code === 'validation' && message.test(error.message));
      assert.deepEqual(await services.catalogue.get(testActor, 'pothole'), before);
    });
  }

  it('imports a catalogue file all or nothing, with a problem for each bad service', async () => {
    await services.catalogue.loadStarter(testActor);
    const refused = await services.catalogue.importCatalogue(testActor, { services: [
      { code: 'new-one', name: 'A new service', team: 'highways', sla: { amount: 3, unit: 'working_days' } },
      { code: 'bad-one', name: 'Bad', team: 'no_team', sla: { amount: 3, unit: 'working_days' } },
    ] });
    assert.deepEqual(refused, { ok: false, problems: ['bad-one: There is no team no_team: add it first (Administration, or onestop team add).'] });
    assert.equal((await services.catalogue.list(testActor)).some((service) => service.code === 'new-one'), false);
    const imported = await services.catalogue.importCatalogue(testActor, { services: [
      { code: 'new-one', lgsl: 99_998, name: 'A new service', team: 'highways', sla: { amount: 3, unit: 'working_days' } },
      { code: 'pothole', name: 'Potholes', team: 'highways', sla: { amount: 4, unit: 'working_days' } },
    ] });
    assert.deepEqual(imported, { ok: true, added: 1, changed: 1 });
    assert.equal((await services.catalogue.get(testActor, '99998')).code, 'new-one');
  });

  it('previews a form: errors for bad answers, and for good ones the team and due time, over Easter', async () => {
    await services.catalogue.loadStarter(testActor);
    const bad = await services.catalogue.preview(staff('agent'), 'fly-tipping', { location: '', wasteType: 'tyres', hazardous: 'yes', witnessed: 'no' });
    assert.ok(!bad.checked.ok);
    assert.deepEqual(bad.checked.errors.map((error) => error.field), ['location', 'hazardDetails']);
    const good = await services.catalogue.preview(staff('agent'), 'fly-tipping', { location: 'Hope Street', wasteType: 'tyres', hazardous: 'yes', hazardDetails: 'Drums of oil', witnessed: 'no' });
    assert.ok(good.checked.ok);
    assert.equal(good.routed?.teamCode, 'environmental_health');
    // Received Thursday 17 April 2025: Good Friday and Easter Monday pass, three working days end on Thursday 24th.
    assert.equal(good.dueAt.toISOString(), '2025-04-24T16:00:00.000Z');
  });

  it('answers NotFound for a service that is not in the catalogue', async () => {
    await assert.rejects(services.catalogue.get(testActor, 'no-such-service'), (error: unknown) => error instanceof DomainError && error.code === 'not_found');
  });
});
