import { sql } from 'kysely';
import { applyScope } from '../access/scope.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import type { Outbox } from '../integration/outbox.ts';
import { enqueue } from '../jobs/job.repository.ts';
import { referenceFor } from '../people/reference.ts';
import { finishedStatuses } from './case.ts';
import { escalateAtShare } from './case-workflow.ts';
import { insertEvent } from './case.repository.ts';

export type SlaAlerts = ReturnType<typeof createSlaAlerts>;

export const slaAlertsJobKind = 'cases.sla_alerts';
/** How often the job looks: an alert goes out at most this long after its moment. */
export const slaAlertsEveryMs = 5 * 60_000;
const batchSize = 500;

type Alert = 'escalated' | 'breached';
type Marked = { id: number; reference: string; person_id: number | null; team_code: string | null; opened_at: Date; due_at: Date };

// The SLA alerts: a case past 80% of its time and not finished is escalated (at risk); past its due time, breached.
// Each alert is a column set once by a single UPDATE ... WHERE the column IS NULL: two workers running at once both
// try, PostgreSQL makes the second wait for the first's row lock and then re-reads the row, finds it set and skips
// it. So each case is escalated and breached exactly once, with its history entry and outbox event in the same
// transaction as the mark.
export function createSlaAlerts({ db, clock, outbox }: { db: Db; clock: Clock; outbox: Outbox }) {
  /** Raises every alert due now; returns how many of each. */
  async function raiseAlerts(): Promise<{ escalated: number; breached: number }> {
    const escalated = await markAll('escalated');
    const breached = await markAll('breached');
    return { escalated, breached };
  }

  async function markAll(alert: Alert): Promise<number> {
    let total = 0;
    for (;;) {
      const marked = await withTransaction(db, async (tx) => {
        await applyScope(tx, { kind: 'all' });
        const rows = await mark(tx, alert, clock.now());
        for (const row of rows) await record(tx, alert, row);
        return rows.length;
      });
      total += marked;
      if (marked < batchSize) return total;
    }
  }

  async function mark(tx: Tx, alert: Alert, now: Date): Promise<Marked[]> {
    const column = sql.ref(alert === 'escalated' ? 'escalated_at' : 'breached_at');
    const due = alert === 'escalated' ? sql`c.opened_at + (c.due_at - c.opened_at) * ${escalateAtShare}` : sql`c.due_at`;
    const result = await sql<Marked>`
      with marked as (
        update service_case c set ${column} = ${now}
        where c.id in (select id from service_case c where ${column} is null and c.status not in (${sql.join(finishedStatuses)}) and ${due} <= ${now} order by c.due_at limit ${batchSize})
          and ${column} is null
        returning c.id, c.reference, c.person_id, c.team_id, c.opened_at, c.due_at
      )
      select m.id, m.reference, m.person_id, t.code as team_code, m.opened_at, m.due_at from marked m left join team t on t.id = m.team_id order by m.id`.execute(tx);
    return result.rows.map((row) => ({ ...row, id: Number(row.id), person_id: row.person_id === null ? null : Number(row.person_id) }));
  }

  async function record(tx: Tx, alert: Alert, row: Marked): Promise<void> {
    const now = clock.now();
    const details = { dueAt: row.due_at.toISOString(), team: row.team_code };
    await insertEvent(tx, { caseId: row.id, kind: alert, actor: 'system:sla-alerts', actorName: 'OneStop (SLA alerts)', at: now, details });
    await outbox.publish(tx, {
      type: `case.${alert}`, subject: row.reference,
      payload: { reference: row.reference, person: row.person_id ? referenceFor(row.person_id) : null, at: now.toISOString(), openedAt: row.opened_at.toISOString(), ...details },
    });
  }

  /** Queues the next run unless one is waiting or running (the server calls this as it starts). */
  async function scheduleAlerts(): Promise<number> {
    return withTransaction(db, async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtext('onestop.sla_alerts.queue'))`.execute(tx);
      const pending = await tx.selectFrom('job').select('id').where('kind', '=', slaAlertsJobKind).where('status', 'in', ['queued', 'running']).executeTakeFirst();
      return pending?.id ?? enqueue(tx, slaAlertsJobKind, {}, clock.now());
    });
  }

  /** The job's half: raises the alerts, then queues the next look. */
  async function runAlertsJob(): Promise<{ escalated: number; breached: number }> {
    const outcome = await raiseAlerts();
    await withTransaction(db, (tx) => enqueue(tx, slaAlertsJobKind, {}, new Date(clock.now().getTime() + slaAlertsEveryMs)));
    return outcome;
  }

  return { raiseAlerts, scheduleAlerts, runAlertsJob };
}
