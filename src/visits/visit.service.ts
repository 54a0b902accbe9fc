import { authorize } from '../access/policy.ts';
import type { AnyActor } from '../access/staff.ts';
import type { AuditRecorder } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { ValidationFailed } from '../errors.ts';
import { createAppointmentService } from './appointment.service.ts';
import { locationsSchema, readLocations, writeLocations, type Location } from './location.ts';
import { createQueueService } from './queue.service.ts';

export type VisitService = ReturnType<typeof createVisitService>;

// The One Stop Shop (issue 5): the walk-in queue and the appointments diary at each of the council's shops, every
// visit seen logged as a face-to-face contact. All of it needs visit.manage.
export function createVisitService({ db, audit, clock }: { db: Db; audit: AuditRecorder; clock: Clock }) {
  const queue = createQueueService({ db, audit, clock });
  const appointments = createAppointmentService({ db, audit, clock, queue });

  async function locations(actor: AnyActor): Promise<Location[]> {
    authorize(actor, 'visit.manage');
    return readLocations(db);
  }

  /** Replaces the list of One Stop Shops (names and desks); an administrator's job. */
  async function setLocations(actor: AnyActor, list: unknown): Promise<Location[]> {
    authorize(actor, 'system.manage');
    const parsed = locationsSchema.safeParse(list);
    if (!parsed.success) throw new ValidationFailed(parsed.error.issues[0]?.message ?? 'The list of One Stop Shops is not valid.');
    await withTransaction(db, (tx) => writeLocations(tx, parsed.data));
    return parsed.data;
  }

  const { issue: _issue, ...queueActions } = queue;
  return { locations, setLocations, ...queueActions, ...appointments };
}
