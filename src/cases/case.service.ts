import { authorize, can } from '../access/policy.ts';
import { withScope } from '../access/scope.ts';
import { actorLabel, type AnyActor } from '../access/staff.ts';
import type { TeamService } from '../access/team.service.ts';
import { auditActorOf, type AuditRecorder } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/connection.ts';
import type { CaseEventKind } from '../db/schema.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../errors.ts';
import type { Outbox } from '../integration/outbox.ts';
import { parseReference, referenceFor } from '../people/reference.ts';
import { checkAttachment, cleanFileName } from './attachment.ts';
import { caseStatuses, finishedStatuses, parseCaseReference, type OpenedCase } from './case.ts';
import type { CaseOpener } from './case-opener.ts';
import { canMove, caseFilterSchema, isFinished, needsReason, noteSchema, statusChangeSchema, type CaseFilter, type StatusChange } from './case-workflow.ts';
import * as repository from './case.repository.ts';
import { queueOverview } from './case-queues.ts';

export type CaseService = ReturnType<typeof createCaseService>;
type Locked = NonNullable<Awaited<ReturnType<typeof repository.lockCase>>> & { id: number };

// Working cases: read one, list a queue, and change one (status, assignment, notes, attachments). Every change is
// one transaction holding the case's row: its history entry, its outbox event for the back offices and its audit
// entry are written with it or not at all.
export function createCaseService({ db, audit, clock, outbox, caseOpener, teams }: { db: Db; audit: AuditRecorder; clock: Clock; outbox: Outbox; caseOpener: CaseOpener; teams: TeamService }) {
  async function get(actor: AnyActor, reference: string): Promise<repository.CaseDetail> {
    authorize(actor, 'case.view');
    const id = idOf(reference);
    return withScope(db, actor, async (tx) => {
      const found = await repository.findCase(tx, id);
      if (!found) throw new NotFound(`There is no case ${reference}.`);
      if (found.person) await audit.record(tx, { ...auditActorOf(actor), action: 'case.view', personId: found.person.id, subject: found.reference });
      return found;
    });
  }

  async function list(actor: AnyActor, input: CaseFilter = {}): Promise<{ cases: repository.CaseSummary[]; total: number; page: number; pageSize: number }> {
    authorize(actor, 'case.view');
    const filter = caseFilterSchema.parse(input);
    const now = clock.now();
    const team = filter.team ? await teams.find(filter.team) : undefined;
    if (filter.team && !team) throw new NotFound(`There is no team ${filter.team}.`);
    const unfinished = caseStatuses.filter((status) => !finishedStatuses.includes(status));
    const statuses = filter.status === undefined || filter.status === 'active' || filter.due ? unfinished : [filter.status];
    const found = await withScope(db, actor, (tx) => repository.listCases(tx, {
      ...(team ? { teamId: team.id } : {}), ...(filter.assignee !== undefined ? { assignee: filter.assignee } : {}), ...(filter.personId ? { personId: filter.personId } : {}),
      statuses, ...(filter.due === 'overdue' ? { overdueAt: now } : {}), ...(filter.due === 'soon' ? { atRiskAt: now } : {}),
      offset: (filter.page - 1) * filter.pageSize, limit: filter.pageSize,
    }));
    return { ...found, page: filter.page, pageSize: filter.pageSize };
  }

  async function changeStatus(actor: AnyActor, reference: string, input: StatusChange): Promise<void> {
    authorize(actor, 'case.work');
    const parsed = statusChangeSchema.safeParse(input);
    if (!parsed.success) throw fieldErrorsOf(parsed.error.issues);
    const { status, reason, expectedUpdatedAt } = parsed.data;
    await change(actor, reference, expectedUpdatedAt, async (tx, locked) => {
      mayWork(actor, locked);
      if (!canMove(locked.status, status)) throw new ValidationFailed(`A case that is ${locked.status.replace('_', ' ')} cannot be moved to ${status.replace('_', ' ')}.`, { status: `A case that is ${locked.status.replace('_', ' ')} cannot be moved to ${status.replace('_', ' ')}` });
      if (needsReason(status) && reason === '') throw new ValidationFailed(`Say why the case is ${status}.`, { reason: status === 'resolved' ? 'Enter how the request was resolved' : 'Enter why the case is cancelled' });
      const now = clock.now();
      await tx.updateTable('service_case').set({ status, closed_at: isFinished(status) ? now : null }).where('id', '=', locked.id).execute();
      const details = { from: locked.status, to: status, reason: reason === '' ? null : reason };
      return { kind: 'status', event: 'case.status_changed', details };
    });
  }

  /** Moves a case to a team and/or a person. Team leaders move any case; a team member takes an unassigned one of their team or of none. */
  async function assign(actor: AnyActor, reference: string, input: { team?: string | null; assigneeId?: number | null; expectedUpdatedAt?: string }): Promise<void> {
    authorize(actor, 'case.work');
    const team = input.team ? await teams.find(input.team) : undefined;
    if (input.team && !team) throw new ValidationFailed(`There is no team ${input.team}.`, { team: 'Choose a team from the list' });
    await change(actor, reference, input.expectedUpdatedAt, async (tx, locked) => {
      const teamId = input.team === undefined ? locked.teamId : (team?.id ?? null);
      const assigneeId = input.assigneeId === undefined ? locked.assignedTo : input.assigneeId;
      if (!can(actor, 'case.assign')) {
        // Taking work: an unassigned case of one's own team, or one routed to no team (someone must pick those up).
        const takesOwn = actor.kind === 'staff' && assigneeId === actor.userId && teamId === locked.teamId && locked.assignedTo === null && (locked.teamId === null || actor.teamIds.includes(locked.teamId));
        if (!takesOwn) throw new Forbidden('You can take an unassigned case of your own team (or of no team); ask a team leader to move any other.');
      }
      if (isFinished(locked.status)) throw new ValidationFailed('A finished case cannot be reassigned: reopen it first.', { assignee: 'A finished case cannot be reassigned' });
      const assignee = assigneeId === null ? null : await tx.selectFrom('staff_user').select(['id', 'display_name']).where('id', '=', assigneeId).where('is_active', '=', true).executeTakeFirst();
      if (assigneeId !== null && !assignee) throw new ValidationFailed('That member of staff cannot take cases.', { assignee: 'Choose a member of staff from the list' });
      if (teamId === locked.teamId && assigneeId === locked.assignedTo) throw new ValidationFailed('The case is already with that team and person.', { assignee: 'The case is already with that team and person' });
      await tx.updateTable('service_case').set({ team_id: teamId, assigned_to: assigneeId }).where('id', '=', locked.id).execute();
      const details = { team: team?.code ?? (teamId === locked.teamId ? 'unchanged' : null), teamChanged: teamId !== locked.teamId, assignee: assignee ? { id: assignee.id, name: assignee.display_name } : null };
      return { kind: 'assigned', event: 'case.assigned', details };
    });
  }

  async function addNote(actor: AnyActor, reference: string, input: { text: string }): Promise<void> {
    authorize(actor, 'case.work');
    const parsed = noteSchema.safeParse(input);
    if (!parsed.success) throw fieldErrorsOf(parsed.error.issues);
    await change(actor, reference, undefined, async (tx, locked) => {
      mayWork(actor, locked);
      return { kind: 'note', event: 'case.note_added', details: { text: parsed.data.text } };
    });
  }

  async function addAttachment(actor: AnyActor, reference: string, file: { fileName: string; content: Buffer }): Promise<number> {
    authorize(actor, 'case.work');
    const checked = checkAttachment(file.content);
    if (!checked.ok) throw new ValidationFailed(checked.problem, { file: checked.problem });
    let attachmentId = 0;
    await change(actor, reference, undefined, async (tx, locked) => {
      mayWork(actor, locked);
      const now = clock.now();
      const fileName = cleanFileName(file.fileName);
      const row = await tx.insertInto('case_attachment').values({
        case_id: locked.id, file_name: fileName, media_type: checked.mediaType, size_bytes: file.content.length, sha256: checked.sha256,
        content: file.content, uploaded_by: actorLabel(actor), uploaded_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      attachmentId = row.id;
      return { kind: 'attachment', event: 'case.attachment_added', details: { attachmentId: row.id, fileName, mediaType: checked.mediaType, sizeBytes: file.content.length, sha256: checked.sha256 } };
    });
    return attachmentId;
  }

  async function getAttachment(actor: AnyActor, reference: string, attachmentId: number) {
    authorize(actor, 'case.view');
    const id = idOf(reference);
    return withScope(db, actor, async (tx) => {
      const found = await repository.findAttachment(tx, id, attachmentId);
      if (!found) throw new NotFound(`Case ${reference} has no attachment ${attachmentId}.`);
      return found;
    });
  }

  /** Raises a case outside a contact (from a resident's page, by a service team, through the API). */
  async function raise(actor: AnyActor, input: { service: string; answers: Record<string, unknown>; person?: string | null }): Promise<OpenedCase> {
    authorize(actor, 'case.raise');
    const person = input.person ? parseReference(input.person) : undefined;
    if (input.person && !person) throw new ValidationFailed('Enter the resident’s reference, like K7M3-9QD2.', { person: 'Enter the resident’s reference, like K7M3-9QD2' });
    return withScope(db, actor, async (tx) => {
      const [opened] = await caseOpener.open(tx, actor, [{ service: input.service, answers: input.answers, personId: person?.id ?? null }]);
      if (!opened) throw new ValidationFailed('No case was raised.');
      if (person) await audit.record(tx, { ...auditActorOf(actor), action: 'case.change', personId: person.id, subject: opened.reference, details: { raised: opened.serviceCode } });
      return opened;
    });
  }

  async function queues(actor: AnyActor) {
    authorize(actor, 'case.oversee');
    const now = clock.now();
    const teamList = await teams.list();
    const figures = await withScope(db, actor, (tx) => repository.queueFigures(tx, now));
    return queueOverview(figures, teamList, now);
  }

  /** Who a team leader may give a case to. */
  async function assignees(actor: AnyActor) {
    authorize(actor, 'case.assign');
    return repository.listAssignees(db);
  }

  type Change = { kind: CaseEventKind; event: string; details: Record<string, unknown> };

  /** One change: the row locked, the work, its history entry, its outbox event and its audit entry, all or nothing. */
  async function change(actor: AnyActor, reference: string, expectedUpdatedAt: string | undefined, work: (tx: Tx, locked: Locked) => Promise<Change>): Promise<void> {
    const id = idOf(reference);
    await withScope(db, actor, async (tx) => {
      const row = await repository.lockCase(tx, id);
      if (!row) throw new NotFound(`There is no case ${reference}.`);
      const locked = { ...row, id };
      if (expectedUpdatedAt && new Date(expectedUpdatedAt).getTime() !== row.updatedAt.getTime()) {
        throw new Conflict(`Case ${row.reference} was changed by someone else while you had it open. Check its history and try again.`);
      }
      const done = await work(tx, locked);
      const now = clock.now();
      // updated_at is the case's version: it moves on with every change, even two in the same millisecond.
      const version = new Date(Math.max(now.getTime(), row.updatedAt.getTime() + 1));
      await tx.updateTable('service_case').set({ updated_at: version }).where('id', '=', id).execute();
      const by = actor.kind === 'staff' ? actor.displayName : `OneStop (${actor.name})`;
      await repository.insertEvent(tx, { caseId: id, kind: done.kind, actor: actorLabel(actor), actorName: by, at: now, details: done.details });
      await outbox.publish(tx, { type: done.event, subject: row.reference, payload: { reference: row.reference, person: row.personId ? referenceFor(row.personId) : null, at: now.toISOString(), by: actorLabel(actor), ...done.details } });
      await audit.record(tx, { ...auditActorOf(actor), action: 'case.change', personId: row.personId, subject: row.reference, details: { change: done.kind } });
    });
  }

  return { get, list, changeStatus, assign, addNote, addAttachment, getAttachment, raise, queues, assignees, teams: () => teams.list() };
}

/** A service team works its own team's cases and those assigned to it; team leaders and administrators any. */
function mayWork(actor: AnyActor, locked: { teamId: number | null; assignedTo: number | null }): void {
  if (actor.kind === 'system' || actor.role !== 'service_team') return;
  if (locked.assignedTo === actor.userId || (locked.teamId !== null && actor.teamIds.includes(locked.teamId))) return;
  throw new Forbidden('This case belongs to another team: ask its team leader to move it to yours.');
}

function idOf(reference: string): number {
  const parsed = parseCaseReference(reference);
  if (!parsed) throw new NotFound(`There is no case ${reference}: a case reference looks like SR-4KD7-9QX2.`);
  return parsed.id;
}

function fieldErrorsOf(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ValidationFailed {
  const fieldErrors = Object.fromEntries(issues.map((issue) => [String(issue.path[0] ?? 'form'), issue.message]));
  return new ValidationFailed(issues[0]?.message ?? 'Check the form.', fieldErrors);
}

