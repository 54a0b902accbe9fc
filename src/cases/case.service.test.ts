import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toActor, type Actor, type Role } from '../access/staff.ts';
import { withTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import { closeTestDatabase, freshServices, testActor } from '../test-support.ts';

after(closeTestDatabase);

const flyTipping = { location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', hazardDetails: '', witnessed: 'no' };
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');

function failsWith(code: DomainError['code'], field?: string) {
  return (error: unknown) => error instanceof DomainError && error.code === code && (field === undefined || Object.keys((error.details?.fieldErrors ?? {}) as object).includes(field));
}

describe('working cases', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  let leader: Actor;
  let worker: Actor;
  let outsider: Actor;
  let agent: Actor;
  let reference: string;

  async function staff(email: string, role: Role, team?: string): Promise<Actor> {
    const user = await services.staff.addUser({ email, displayName: email.split('@')[0] ?? email, password: 'a long enough password', role });
    if (team) await services.teams.join(testActor, email, team);
    const found = await services.db.selectFrom('staff_team').select('team_id').where('staff_user_id', '=', user.id).execute();
    return toActor({ ...user, teamIds: found.map((row) => row.team_id) }, 'web');
  }

  const outboxTypes = async () => (await services.db.selectFrom('outbox_event').select('type').orderBy('id').execute()).map((row) => row.type);
  const eventKinds = async () => (await services.db.selectFrom('case_event').select('kind').orderBy('id').execute()).map((row) => row.kind);

  beforeEach(async () => {
    services = await freshServices('2026-11-25T09:00:00Z');
    await services.catalogue.loadStarter(testActor);
    leader = await staff('leader@council.gov.uk', 'team_leader');
    worker = await staff('worker@council.gov.uk', 'service_team', 'street_scene');
    outsider = await staff('outsider@council.gov.uk', 'service_team', 'highways');
    agent = await staff('agent@council.gov.uk', 'agent');
    reference = (await services.cases.raise(agent, { service: 'fly-tipping', answers: flyTipping })).reference;
  });

  it('shows a case with its service, team, history and due date', async () => {
    const found = await services.cases.get(agent, reference.toLowerCase());
    assert.equal(found.reference, reference);
    assert.equal(found.service.code, 'fly-tipping');
    assert.equal(found.team?.code, 'street_scene');
    assert.equal(found.status, 'open');
    assert.equal(found.dueAt.toISOString(), '2026-11-30T17:00:00.000Z');
    assert.deepEqual(found.events.map((event) => event.kind), ['opened']);
    await assert.rejects(services.cases.get(agent, 'SR-0000-0000'), failsWith('not_found'));
  });

  it('lets a team member take an unassigned case of their team, and no other', async () => {
    await assert.rejects(services.cases.assign(outsider, reference, { assigneeId: outsider.userId }), failsWith('forbidden'));
    await assert.rejects(services.cases.assign(agent, reference, { assigneeId: agent.userId }), failsWith('forbidden'));
    await services.cases.assign(worker, reference, { assigneeId: worker.userId });
    assert.equal((await services.cases.get(worker, reference)).assignee?.id, worker.userId);
    const other = await staff('other@council.gov.uk', 'service_team', 'street_scene');
    await assert.rejects(services.cases.assign(other, reference, { assigneeId: other.userId }), failsWith('forbidden'), 'taken already');
    await services.cases.assign(leader, reference, { team: 'highways', assigneeId: outsider.userId });
    const moved = await services.cases.get(leader, reference);
    assert.deepEqual([moved.team?.code, moved.assignee?.id], ['highways', outsider.userId]);
    assert.deepEqual(await outboxTypes(), ['case.opened', 'case.assigned', 'case.assigned']);
  });

  it('moves a case only along the allowed transitions, asking why it is resolved', async () => {
    await services.cases.changeStatus(worker, reference, { status: 'in_progress' });
    await assert.rejects(services.cases.changeStatus(worker, reference, { status: 'open' }), failsWith('validation', 'status'));
    await assert.rejects(services.cases.changeStatus(worker, reference, { status: 'resolved' }), failsWith('validation', 'reason'));
    await services.cases.changeStatus(worker, reference, { status: 'resolved', reason: 'Tyres collected' });
    let found = await services.cases.get(worker, reference);
    assert.equal(found.status, 'resolved');
    assert.ok(found.closedAt);
    await services.cases.changeStatus(worker, reference, { status: 'in_progress' });
    found = await services.cases.get(worker, reference);
    assert.equal(found.closedAt, null, 'reopened');
    await services.cases.changeStatus(worker, reference, { status: 'resolved', reason: 'Collected again' });
    await services.cases.changeStatus(worker, reference, { status: 'closed' });
    await assert.rejects(services.cases.changeStatus(worker, reference, { status: 'in_progress' }), failsWith('validation', 'status'), 'closed is final');
    assert.deepEqual(await eventKinds(), ['opened', 'status', 'status', 'status', 'status', 'status']);
    const last = await services.db.selectFrom('outbox_event').select(['type', 'payload']).where('type', '=', 'case.status_changed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual([last.payload.from, last.payload.to, last.payload.reference], ['resolved', 'closed', reference]);
  });

  it('refuses work on cases to roles and teams that do not do it', async () => {
    await assert.rejects(services.cases.changeStatus(agent, reference, { status: 'in_progress' }), failsWith('forbidden'));
    await assert.rejects(services.cases.addNote(outsider, reference, { text: 'Not mine' }), failsWith('forbidden'));
    await assert.rejects(services.cases.queues(worker), failsWith('forbidden'));
    assert.deepEqual(await eventKinds(), ['opened']);
  });

  it('refuses a change made on a stale copy of the case, and keeps both of two concurrent notes', async () => {
    const seen = (await services.cases.get(worker, reference)).updatedAt.toISOString();
    services.clock.advance(60_000);
    await services.cases.changeStatus(leader, reference, { status: 'waiting', expectedUpdatedAt: seen });
    await assert.rejects(services.cases.changeStatus(worker, reference, { status: 'in_progress', expectedUpdatedAt: seen }), failsWith('conflict'));
    await Promise.all([services.cases.addNote(worker, reference, { text: 'First' }), services.cases.addNote(leader, reference, { text: 'Second' })]);
    const notes = (await services.cases.get(worker, reference)).events.filter((event) => event.kind === 'note').map((event) => event.details.text).sort();
    assert.deepEqual(notes, ['First', 'Second']);
  });

  it('writes the outbox event with the change, and neither when the transaction fails', async () => {
    await services.cases.addNote(worker, reference, { text: 'Called the resident' });
    assert.deepEqual(await outboxTypes(), ['case.opened', 'case.note_added']);
    await assert.rejects(services.cases.addNote(worker, reference, { text: '   ' }), failsWith('validation', 'text'));
    // A failure after the change's writes (an unknown person as the assignee) rolls back the history entry too.
    await assert.rejects(services.cases.assign(leader, reference, { assigneeId: 999_999 }), failsWith('validation', 'assignee'));
    await assert.rejects(withTransaction(services.db, async (tx) => {
      await services.caseOpener.open(tx, agent, [{ service: 'fly-tipping', answers: flyTipping }]);
      throw new Error('the caller failed');
    }));
    assert.deepEqual(await outboxTypes(), ['case.opened', 'case.note_added']);
    assert.deepEqual(await eventKinds(), ['opened', 'note']);
  });

  it('keeps attachments it can recognise, under 10MB, with their hash', async () => {
    const id = await services.cases.addAttachment(worker, reference, { fileName: '../../photo "1".pdf', content: pdf });
    const stored = await services.cases.getAttachment(agent, reference, id);
    assert.equal(stored.fileName, 'photo 1.pdf');
    assert.equal(stored.mediaType, 'application/pdf');
    assert.match(stored.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(stored.content, pdf);
    await assert.rejects(services.cases.addAttachment(worker, reference, { fileName: 'run.pdf', content: Buffer.from('MZ\u0000\u0001binary') }), failsWith('validation', 'file'));
    await assert.rejects(services.cases.addAttachment(worker, reference, { fileName: 'page.txt', content: Buffer.from('<script>alert(1)</script>') }), failsWith('validation', 'file'));
    await assert.rejects(services.cases.addAttachment(worker, reference, { fileName: 'big.pdf', content: Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]) }), failsWith('validation', 'file'));
    assert.deepEqual((await services.cases.get(agent, reference)).attachments.map((item) => item.fileName), ['photo 1.pdf']);
    assert.deepEqual(await outboxTypes(), ['case.opened', 'case.attachment_added']);
  });

  it('lists queues by due date, filtered and paged, and counts them for team leaders by age', async () => {
    for (let day = 0; day < 3; day++) {
      services.clock.advance(24 * 3600_000);
      await services.cases.raise(agent, { service: 'missed-bin', answers: { 'address-line1': '1 High Street', 'address-postcode': 'SW1A 1AA', binType: 'general', outOnTime: 'yes' } });
    }
    const all = await services.cases.list(leader, {});
    assert.equal(all.total, 4);
    assert.deepEqual(all.cases.map((item) => item.dueAt.getTime()), [...all.cases.map((item) => item.dueAt.getTime())].sort((a, b) => a - b));
    const waste = await services.cases.list(leader, { team: 'waste_services', pageSize: 2, page: 2 });
    assert.deepEqual([waste.total, waste.cases.length], [3, 1]);
    assert.equal((await services.cases.list(leader, { assignee: 'none' })).total, 4);
    // Monday 30 November, 17:30: the fly-tipping case and Thursday's missed bin (both due at 17:00) are overdue;
    // Friday's and Saturday's missed bins (due Tuesday) not yet.
    services.clock.set('2026-11-30T17:30:00Z');
    const overdue = await services.cases.list(leader, { due: 'overdue' });
    assert.equal(overdue.total, 2);
    assert.equal(overdue.cases[0]?.reference, reference);
    const overview = await services.cases.queues(leader);
    const street = overview.find((queue) => queue.team?.code === 'street_scene');
    assert.deepEqual(street && { open: street.open, breached: street.breached, ageing: street.ageing }, { open: 1, breached: 1, ageing: { '0-1': 0, '2-5': 1, '6-10': 0, 'over-10': 0 } });
    const waste2 = overview.find((queue) => queue.team?.code === 'waste_services');
    assert.deepEqual(waste2 && { open: waste2.open, unassigned: waste2.unassigned, breached: waste2.breached, ageing: waste2.ageing }, { open: 3, unassigned: 3, breached: 1, ageing: { '0-1': 2, '2-5': 1, '6-10': 0, 'over-10': 0 } });
  });
});
