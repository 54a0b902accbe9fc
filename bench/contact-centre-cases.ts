import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { caseReferenceFor } from '../src/cases/case.ts';
import { escalateAtShare } from '../src/cases/case-workflow.ts';
import { listServices } from '../src/catalogue/service.repository.ts';
import type { Service } from '../src/catalogue/service.ts';
import { dueAt } from '../src/catalogue/sla.ts';
import type { Db } from '../src/db/connection.ts';
import { withTransaction } from '../src/db/transaction.ts';
import { round, seeded } from './bench-support.ts';

// The contact centre benchmark's cases: one for every tenth seeded contact, written in batches as one transaction each.

const caseChunk = 25_000;
const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

type CaseSource = { case_id: string; contact_id: string; person_id: string | null; staff_user_id: number | null; started_at: Date; service_id: number };

/**
 * A case for every tenth contact (the contacts whose outcome is case_raised), about its first reason, with its real
 * reference (caseReferenceFor) and due time (the catalogue's SLA in working days and hours, bank holidays included).
 * Old cases are mostly finished, some after their due time (breached); a few old ones are still open. Escalation and
 * breach are stamped, with their history entries, as the SLA alerts job would have stamped them, so the job finds
 * no backlog of three years' alerts when the server starts.
 */
export async function seedCases(db: Db, total: number, historyEnd: Date): Promise<number> {
  const contacts = Number((await sql<{ n: string }>`select max(id)::text as n from contact`.execute(db)).rows[0]?.n ?? 0);
  const step = Math.floor(contacts / total);
  if (step < 1) throw new Error(`Not enough contacts (${contacts}) for ${total} cases.`);
  const teams = new Map((await db.selectFrom('service').select(['id', 'team_id']).execute()).map((row) => [row.id, row.team_id]));
  const catalogue = new Map((await listServices(db)).map((service) => [service.id, { service, teamId: teams.get(service.id) ?? null }]));
  const staff = new Map((await db.selectFrom('staff_user').select(['id', 'display_name']).execute()).map((row) => [row.id, row.display_name]));
  const started = performance.now();
  for (let low = 1; low <= total; low += caseChunk) {
    const high = Math.min(total, low + caseChunk - 1);
    const present = await sql<{ n: number }>`select count(*)::int as n from service_case where id in (${low}, ${high})`.execute(db);
    if (present.rows[0]?.n === 2) continue;
    const next = seeded(low);
    await withTransaction(db, async (tx) => {
      const sources = await sql<CaseSource>`
        select k::text as case_id, c.id::text as contact_id, c.person_id::text as person_id, c.staff_user_id, c.started_at, r.service_id
        from generate_series(${low}::bigint, ${high}::bigint) k
        join contact c on c.id = k * ${step}
        join lateral (select min(service_id) as service_id from contact_reason where contact_id = c.id) r on r.service_id is not null
        order by k`.execute(tx);
      const rows = sources.rows.map((source) => caseRow(source, catalogue, next, historyEnd));
      const column = <K extends keyof CaseRow>(key: K) => rows.map((row) => row[key]);
      await sql`insert into service_case (id, reference, service_id, person_id, contact_id, status, team_id, assigned_to, answers, routing_reason,
          opened_at, due_at, escalated_at, breached_at, closed_at, created_by, updated_at)
        select id, reference, service_id, person_id, contact_id, status, team_id, assigned_to, '{}', 'The service’s own team',
          opened_at, due_at, escalated_at, breached_at, closed_at, created_by, coalesce(closed_at, opened_at)
        from unnest(${column('id')}::bigint[], ${column('reference')}::text[], ${column('serviceId')}::int[], ${column('personId')}::bigint[],
          ${column('contactId')}::bigint[], ${column('status')}::text[], ${column('teamId')}::int[], ${column('assignedTo')}::int[],
          ${column('openedAt')}::timestamptz[], ${column('dueAt')}::timestamptz[], ${column('escalatedAt')}::timestamptz[], ${column('breachedAt')}::timestamptz[],
          ${column('closedAt')}::timestamptz[], ${column('createdBy')}::text[])
          as x(id, reference, service_id, person_id, contact_id, status, team_id, assigned_to, opened_at, due_at, escalated_at, breached_at, closed_at, created_by)`.execute(tx);
      const names = rows.map((row) => (row.staffUserId !== null ? staff.get(row.staffUserId) ?? 'OneStop (web-forms)' : 'OneStop (web-forms)'));
      await sql`insert into case_event (case_id, kind, actor, actor_name, at, details)
        select sc.id, 'opened', sc.created_by, x.actor_name, sc.opened_at,
          jsonb_build_object('service', s.code, 'team', t.code, 'routing', sc.routing_reason, 'dueAt', to_char(sc.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        from unnest(${column('id')}::bigint[], ${names}::text[]) as x(id, actor_name)
        join service_case sc on sc.id = x.id join service s on s.id = sc.service_id left join team t on t.id = sc.team_id
        order by sc.id`.execute(tx);
      await sql`insert into case_event (case_id, kind, actor, actor_name, at, details)
        select sc.id, alert.kind, 'system:sla-alerts', 'OneStop (SLA alerts)', alert.at,
          jsonb_build_object('dueAt', to_char(sc.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'team', t.code)
        from service_case sc left join team t on t.id = sc.team_id
        cross join lateral (values ('escalated', sc.escalated_at), ('breached', sc.breached_at)) as alert(kind, at)
        where sc.id between ${low} and ${high} and alert.at is not null
        order by alert.at`.execute(tx);
    });
    if (high % 100_000 === 0 || high === total) log(`cases ${high.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`);
  }
  await sql`select setval('service_case_id_seq', (select max(id) from service_case))`.execute(db);
  return round((performance.now() - started) / 1000, 1);
}

type CaseRow = {
  id: string; reference: string; serviceId: number; personId: string | null; contactId: string; status: string; teamId: number | null;
  assignedTo: number | null; openedAt: string; dueAt: string; escalatedAt: string | null; breachedAt: string | null; closedAt: string | null; createdBy: string; staffUserId: number | null;
};

function caseRow(source: CaseSource, catalogue: Map<number, { service: Service; teamId: number | null }>, next: () => number, historyEnd: Date): CaseRow {
  const found = catalogue.get(source.service_id);
  if (!found) throw new Error(`No service ${source.service_id}.`);
  const { service, teamId } = found;
  const opened = new Date(source.started_at.getTime() + 60_000);
  const due = dueAt(opened, service.sla);
  // Most requests are done within their time, about a quarter late; a few old ones are stuck (the backlog).
  const closed = new Date(opened.getTime() + (due.getTime() - opened.getTime()) * (0.2 + 1.1 * next()));
  const finished = closed <= historyEnd && next() > 0.03;
  const roll = next();
  const status = finished ? (roll < 0.6 ? 'closed' : roll < 0.95 ? 'resolved' : 'cancelled') : (roll < 0.4 ? 'open' : roll < 0.8 ? 'in_progress' : 'waiting');
  const breached = finished ? closed > due : due < historyEnd;
  const atRisk = new Date(opened.getTime() + (due.getTime() - opened.getTime()) * escalateAtShare);
  const escalated = finished ? closed > atRisk : atRisk <= historyEnd;
  return {
    id: source.case_id, reference: caseReferenceFor(Number(source.case_id)), serviceId: service.id, personId: source.person_id, contactId: source.contact_id,
    status, teamId, assignedTo: status === 'open' ? null : source.staff_user_id,
    openedAt: opened.toISOString(), dueAt: due.toISOString(), escalatedAt: escalated ? atRisk.toISOString() : null, breachedAt: breached ? due.toISOString() : null,
    closedAt: finished ? closed.toISOString() : null, createdBy: source.staff_user_id !== null ? `user:${source.staff_user_id}` : 'system:web-forms',
    staffUserId: source.staff_user_id,
  };
}
