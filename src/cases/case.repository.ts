import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { CaseEventKind, CaseStatus } from '../db/schema.ts';
import { finishedStatuses } from './case.ts';

// Cases in SQL: one case with what a page needs beside it, queues filtered and paged by due date, the history.

export type CaseSummary = {
  id: number;
  reference: string;
  status: CaseStatus;
  service: { id: number; code: string; name: string };
  team: { id: number; code: string; name: string } | null;
  assignee: { id: number; name: string } | null;
  person: { id: number; reference: string; name: string | null } | null;
  contactId: number | null;
  openedAt: Date;
  dueAt: Date;
  escalatedAt: Date | null;
  breachedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
};

export type CaseEvent = { id: number; kind: CaseEventKind; actor: string; actorName: string; at: Date; details: Record<string, unknown> };
export type AttachmentMeta = { id: number; fileName: string; mediaType: string; sizeBytes: number; sha256: string; uploadedBy: string; uploadedAt: Date };
export type CaseDetail = CaseSummary & { answers: Record<string, unknown>; routingReason: string; createdBy: string; events: CaseEvent[]; attachments: AttachmentMeta[] };

export type CaseQuery = {
  teamId?: number;
  assignee?: number | 'none';
  statuses?: readonly CaseStatus[];
  overdueAt?: Date;
  /** At risk at this instant: past 80% of the SLA time, not yet due. */
  atRiskAt?: Date;
  personId?: number;
  offset: number;
  limit: number;
};

function cases(db: Queryable) {
  return db.selectFrom('service_case as c');
}

function summaries(from: ReturnType<typeof cases>) {
  return from
    .innerJoin('service as s', 's.id', 'c.service_id')
    .leftJoin('team as t', 't.id', 'c.team_id')
    .leftJoin('staff_user as u', 'u.id', 'c.assigned_to')
    .leftJoin('person as p', 'p.id', 'c.person_id')
    .select([
      'c.id', 'c.reference', 'c.status', 'c.contact_id', 'c.opened_at', 'c.due_at', 'c.escalated_at', 'c.breached_at', 'c.closed_at', 'c.updated_at',
      's.id as service_id', 's.code as service_code', 's.name as service_name', 't.id as team_id', 't.code as team_code', 't.name as team_name',
      'u.id as assignee_id', 'u.display_name as assignee_name', 'p.id as person_id', 'p.reference as person_reference', 'p.full_name as person_name',
      'c.answers', 'c.routing_reason', 'c.created_by',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow): CaseSummary {
  return {
    id: row.id, reference: row.reference, status: row.status,
    service: { id: row.service_id, code: row.service_code, name: row.service_name },
    team: row.team_id !== null && row.team_code !== null && row.team_name !== null ? { id: row.team_id, code: row.team_code, name: row.team_name } : null,
    assignee: row.assignee_id !== null && row.assignee_name !== null ? { id: row.assignee_id, name: row.assignee_name } : null,
    person: row.person_id !== null && row.person_reference !== null ? { id: row.person_id, reference: row.person_reference, name: row.person_name } : null,
    contactId: row.contact_id, openedAt: row.opened_at, dueAt: row.due_at, escalatedAt: row.escalated_at, breachedAt: row.breached_at,
    closedAt: row.closed_at, updatedAt: row.updated_at,
  };
}

export async function findCase(db: Queryable, id: number): Promise<CaseDetail | undefined> {
  const row = await summaries(cases(db).where('c.id', '=', id)).executeTakeFirst();
  if (!row) return undefined;
  const [events, attachments] = [await listEvents(db, id), await listAttachments(db, id)];
  return { ...toSummary(row), answers: row.answers, routingReason: row.routing_reason, createdBy: row.created_by, events, attachments };
}

/** Holds the case's row until the transaction ends, so two people changing it at once take turns. */
export async function lockCase(db: Queryable, id: number): Promise<{ status: CaseStatus; teamId: number | null; assignedTo: number | null; personId: number | null; updatedAt: Date; reference: string } | undefined> {
  const row = await db.selectFrom('service_case').select(['status', 'team_id', 'assigned_to', 'person_id', 'updated_at', 'reference']).where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? { status: row.status, teamId: row.team_id, assignedTo: row.assigned_to, personId: row.person_id, updatedAt: row.updated_at, reference: row.reference } : undefined;
}

function filtered(db: Queryable, filter: CaseQuery) {
  let query = cases(db);
  if (filter.teamId !== undefined) query = query.where('c.team_id', '=', filter.teamId);
  if (filter.assignee === 'none') query = query.where('c.assigned_to', 'is', null);
  else if (filter.assignee !== undefined) query = query.where('c.assigned_to', '=', filter.assignee);
  if (filter.statuses) query = query.where('c.status', 'in', filter.statuses);
  if (filter.overdueAt) query = query.where('c.due_at', '<=', filter.overdueAt);
  if (filter.atRiskAt) query = query.where('c.due_at', '>', filter.atRiskAt).where(sql<boolean>`c.opened_at + (c.due_at - c.opened_at) * 0.8 <= ${filter.atRiskAt}`);
  if (filter.personId !== undefined) query = query.where('c.person_id', '=', filter.personId);
  return query;
}

export async function listCases(db: Queryable, filter: CaseQuery): Promise<{ cases: CaseSummary[]; total: number }> {
  const rows = await summaries(filtered(db, filter)).orderBy('c.due_at').orderBy('c.id').offset(filter.offset).limit(filter.limit).execute();
  const counted = await filtered(db, filter).select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  return { cases: rows.map(toSummary), total: Number(counted.total) };
}

export async function listEvents(db: Queryable, caseId: number): Promise<CaseEvent[]> {
  const rows = await db.selectFrom('case_event').select(['id', 'kind', 'actor', 'actor_name', 'at', 'details']).where('case_id', '=', caseId).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, kind: row.kind, actor: row.actor, actorName: row.actor_name, at: row.at, details: row.details }));
}

export async function listAttachments(db: Queryable, caseId: number): Promise<AttachmentMeta[]> {
  const rows = await db.selectFrom('case_attachment').select(['id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'uploaded_by', 'uploaded_at']).where('case_id', '=', caseId).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, fileName: row.file_name, mediaType: row.media_type, sizeBytes: row.size_bytes, sha256: row.sha256, uploadedBy: row.uploaded_by, uploadedAt: row.uploaded_at }));
}

export async function findAttachment(db: Queryable, caseId: number, id: number): Promise<(AttachmentMeta & { content: Buffer }) | undefined> {
  const row = await db.selectFrom('case_attachment').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, fileName: row.file_name, mediaType: row.media_type, sizeBytes: row.size_bytes, sha256: row.sha256, uploadedBy: row.uploaded_by, uploadedAt: row.uploaded_at, content: Buffer.from(row.content) } : undefined;
}

export async function insertEvent(db: Queryable, event: { caseId: number; kind: CaseEventKind; actor: string; actorName: string; at: Date; details: Record<string, unknown> }): Promise<void> {
  await db.insertInto('case_event').values({ case_id: event.caseId, kind: event.kind, actor: event.actor, actor_name: event.actorName, at: event.at, details: JSON.stringify(event.details) }).execute();
}

export type TeamFigures = { teamId: number | null; openedDay: string; cases: number; atRisk: number; breached: number; unassigned: number };

/**
 * Unfinished cases per team and London day opened, with how many are at risk (escalated, not breached), breached and
 * unassigned: a few rows per team and day, bucketed into working days by the caller.
 */
export async function queueFigures(db: Queryable, now: Date): Promise<TeamFigures[]> {
  const rows = await sql<{ team_id: number | null; opened_day: string; cases: string; at_risk: string; breached: string; unassigned: string }>`
    select team_id, to_char(opened_at at time zone 'Europe/London', 'YYYY-MM-DD') as opened_day, count(*) as cases,
      count(*) filter (where due_at > ${now} and opened_at + (due_at - opened_at) * 0.8 <= ${now}) as at_risk,
      count(*) filter (where due_at <= ${now}) as breached,
      count(*) filter (where assigned_to is null) as unassigned
    from service_case where status not in (${sql.join(finishedStatuses)})
    group by 1, 2`.execute(db);
  return rows.rows.map((row) => ({ teamId: row.team_id === null ? null : Number(row.team_id), openedDay: row.opened_day, cases: Number(row.cases), atRisk: Number(row.at_risk), breached: Number(row.breached), unassigned: Number(row.unassigned) }));
}

/** Staff who may be given cases: active, in a role that works them, with their teams' codes. */
export async function listAssignees(db: Queryable): Promise<Array<{ id: number; name: string; teamCodes: string[] }>> {
  const rows = await db.selectFrom('staff_user as u').leftJoin('staff_team as st', 'st.staff_user_id', 'u.id').leftJoin('team as t', 't.id', 'st.team_id')
    .select(['u.id', 'u.display_name', 't.code']).where('u.is_active', '=', true).where('u.role', 'in', ['service_team', 'team_leader', 'admin'])
    .orderBy('u.display_name').orderBy('u.id').execute();
  const byId = new Map<number, { id: number; name: string; teamCodes: string[] }>();
  for (const row of rows) {
    const entry = byId.get(row.id) ?? { id: row.id, name: row.display_name, teamCodes: [] };
    if (row.code) entry.teamCodes.push(row.code);
    byId.set(row.id, entry);
  }
  return [...byId.values()];
}
