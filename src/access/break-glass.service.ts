import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import { breakGlassMinutes, breakGlassReason, type BreakGlassOpening } from './break-glass.ts';
import { actorLabel, type Actor } from './staff.ts';
import { authorize } from './policy.ts';
import { auditActorOf, type AuditRecorder } from '../audit/audit.ts';

export type BreakGlassService = ReturnType<typeof createBreakGlassService>;

export function createBreakGlassService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditRecorder }) {
  /** Opens a resident's restricted records to this member of staff for an hour, with the reason kept. */
  async function open(actor: Actor, personId: number, reason: string): Promise<BreakGlassOpening> {
    authorize(actor, 'person.break_glass');
    const parsed = breakGlassReason.safeParse(reason);
    if (!parsed.success) throw new ValidationFailed(parsed.error.issues[0]?.message ?? 'Give a reason.', { reason: parsed.error.issues[0]?.message ?? '' });
    const now = clock.now();
    const id = await withTransaction(db, async (tx) => {
      const row = await tx.insertInto('break_glass')
        .values({ staff_user_id: actor.userId, person_id: personId, reason: parsed.data, opened_at: now, expires_at: new Date(now.getTime() + breakGlassMinutes * 60_000) })
        .returning('id').executeTakeFirstOrThrow();
      await audit.record(tx, { ...auditActorOf(actor), action: 'person.break_glass', personId, subject: `break_glass:${row.id}`, reason: parsed.data, details: { minutes: breakGlassMinutes } });
      return row.id;
    });
    return get(id);
  }

  async function get(id: number): Promise<BreakGlassOpening> {
    const [opening] = await list({ id });
    if (!opening) throw new NotFound(`There is no break-glass opening ${id}.`);
    return opening;
  }

  async function list(filter: { id?: number; unreviewed?: boolean; personId?: number } = {}): Promise<BreakGlassOpening[]> {
    let query = db.selectFrom('break_glass as b').innerJoin('staff_user as u', 'u.id', 'b.staff_user_id').innerJoin('person as p', 'p.id', 'b.person_id')
      .select(['b.id', 'b.staff_user_id', 'u.display_name', 'b.person_id', 'p.reference', 'b.reason', 'b.opened_at', 'b.expires_at', 'b.reviewed_by', 'b.reviewed_at'])
      .orderBy('b.opened_at', 'desc').limit(200);
    if (filter.id !== undefined) query = query.where('b.id', '=', filter.id);
    if (filter.unreviewed) query = query.where('b.reviewed_at', 'is', null);
    if (filter.personId !== undefined) query = query.where('b.person_id', '=', filter.personId);
    const rows = await query.execute();
    return rows.map((row) => ({
      id: row.id, staffUserId: row.staff_user_id, staffName: row.display_name, personId: row.person_id, personReference: row.reference, reason: row.reason,
      openedAt: row.opened_at, expiresAt: row.expires_at, reviewedBy: row.reviewed_by, reviewedAt: row.reviewed_at,
    }));
  }

  /** The openings a team leader or the data protection officer has not yet looked at. */
  async function unreviewed(actor: Actor): Promise<BreakGlassOpening[]> {
    authorize(actor, 'break_glass.review');
    return list({ unreviewed: true });
  }

  async function markReviewed(actor: Actor, id: number): Promise<void> {
    authorize(actor, 'break_glass.review');
    await db.updateTable('break_glass').set({ reviewed_by: actorLabel(actor), reviewed_at: clock.now() }).where('id', '=', id).where('reviewed_at', 'is', null).execute();
  }

  /** Whether this member of staff has the resident's restricted records open now. */
  async function isOpen(actor: Actor, personId: number): Promise<boolean> {
    const row = await db.selectFrom('break_glass').select('id').where('staff_user_id', '=', actor.userId).where('person_id', '=', personId).where('expires_at', '>', clock.now()).executeTakeFirst();
    return row !== undefined;
  }

  return { open, unreviewed, markReviewed, isOpen, forPerson: (personId: number) => list({ personId }) };
}
