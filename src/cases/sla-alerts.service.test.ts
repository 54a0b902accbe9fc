import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SystemActor } from '../access/staff.ts';
import { createWorker } from '../jobs/worker.ts';
import { closeTestDatabase, freshServices, testActor } from '../test-support.ts';
import { createSlaAlerts, slaAlertsJobKind } from './sla-alerts.service.ts';

after(closeTestDatabase);

const agent: SystemActor = { kind: 'system', name: 'api', door: 'api' };
const flyTipping = { location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', hazardDetails: '', witnessed: 'no' };

describe('SLA alerts', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  const count = async (type: string) => (await services.db.selectFrom('outbox_event').select('id').where('type', '=', type).execute()).length;

  beforeEach(async () => {
    // Wednesday 25 November 2026, 09:00: fly-tipping (3 working days) is due Monday 30th at 17:00; at risk from
    // 80% of that time, Sunday 29th at 15:24.
    services = await freshServices('2026-11-25T09:00:00Z');
    await services.catalogue.loadStarter(testActor);
  });

  it('escalates a case at 80% of its time and marks it breached when due, once each', async () => {
    const opened = await services.cases.raise(agent, { service: 'fly-tipping', answers: flyTipping });
    const finished = await services.cases.raise(agent, { service: 'fly-tipping', answers: flyTipping });
    await services.cases.changeStatus(agent, finished.reference, { status: 'cancelled', reason: 'Raised twice' });
    services.clock.set('2026-11-29T15:23:00Z');
    assert.deepEqual(await services.caseAlerts.raiseAlerts(), { escalated: 0, breached: 0 });
    services.clock.set('2026-11-29T15:24:00Z');
    assert.deepEqual(await services.caseAlerts.raiseAlerts(), { escalated: 1, breached: 0 });
    assert.deepEqual(await services.caseAlerts.raiseAlerts(), { escalated: 0, breached: 0 }, 'not twice');
    services.clock.set('2026-11-30T17:00:00Z');
    assert.deepEqual(await services.caseAlerts.raiseAlerts(), { escalated: 0, breached: 1 });
    const found = await services.cases.get(agent, opened.reference);
    assert.equal(found.escalatedAt?.toISOString(), '2026-11-29T15:24:00.000Z');
    assert.equal(found.breachedAt?.toISOString(), '2026-11-30T17:00:00.000Z');
    assert.deepEqual(found.events.map((event) => event.kind), ['opened', 'escalated', 'breached']);
    const breach = await services.db.selectFrom('outbox_event').select(['subject', 'payload']).where('type', '=', 'case.breached').executeTakeFirstOrThrow();
    assert.equal(breach.subject, opened.reference);
    assert.equal(breach.payload.dueAt, '2026-11-30T17:00:00.000Z');
    assert.equal((await services.cases.get(agent, finished.reference)).escalatedAt, null, 'a finished case raises no alert');
  });

  it('raises each alert exactly once when two workers run at the same moment', async () => {
    const references: string[] = [];
    for (let index = 0; index < 30; index++) references.push((await services.cases.raise(agent, { service: 'fly-tipping', answers: flyTipping })).reference);
    services.clock.set('2026-12-01T09:00:00Z');
    // Two job runners over the same database, as two server processes would be: on a PostgreSQL server these are
    // two connections racing for the same rows.
    const first = createSlaAlerts({ db: services.db, clock: services.clock, outbox: services.integration.outbox });
    const second = createSlaAlerts({ db: services.db, clock: services.clock, outbox: services.integration.outbox });
    const outcomes = await Promise.all([first.raiseAlerts(), second.raiseAlerts(), first.raiseAlerts()]);
    assert.equal(outcomes.reduce((sum, outcome) => sum + outcome.escalated, 0), 30);
    assert.equal(outcomes.reduce((sum, outcome) => sum + outcome.breached, 0), 30);
    assert.equal(await count('case.escalated'), 30);
    assert.equal(await count('case.breached'), 30);
    const perCase = await services.db.selectFrom('case_event').select(['case_id', (eb) => eb.fn.countAll<string>().as('events')]).where('kind', 'in', ['escalated', 'breached']).groupBy('case_id').execute();
    assert.equal(perCase.length, 30);
    assert.ok(perCase.every((row) => Number(row.events) === 2));
  });

  it('runs as a job every few minutes, queueing its next run', async () => {
    await services.cases.raise(agent, { service: 'fly-tipping', answers: flyTipping });
    await services.caseAlerts.scheduleAlerts();
    await services.caseAlerts.scheduleAlerts();
    assert.equal((await services.db.selectFrom('job').select('id').where('kind', '=', slaAlertsJobKind).execute()).length, 1, 'scheduled once');
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const worker = createWorker({ db: services.db, clock: services.clock, log, handlers: { [slaAlertsJobKind]: () => services.caseAlerts.runAlertsJob() } });
    services.clock.set('2026-12-01T09:00:00Z');
    assert.equal(await worker.runOnce(), true);
    assert.equal(await count('case.breached'), 1);
    const next = await services.db.selectFrom('job').select('run_after').where('kind', '=', slaAlertsJobKind).where('status', '=', 'queued').executeTakeFirstOrThrow();
    assert.equal(next.run_after.toISOString(), '2026-12-01T09:05:00.000Z');
    assert.equal(await worker.runOnce(), false, 'not before then');
  });
});
