import { sql } from 'kysely';
import { authorize } from '../access/policy.ts';
import { applyScope } from '../access/scope.ts';
import { actorLabel, type AnyActor, type SystemActor } from '../access/staff.ts';
import { auditActorOf } from '../audit/audit.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import { enqueue } from '../jobs/job.repository.ts';
import type { LinkingService } from '../people/linking.service.ts';
import * as erasure from './erasure.repository.ts';
import { retentionBasisLabels, retentionCutoff, retentionRuleSchema, type RetentionRule, type RetentionRuleInput, type RetentionSummary, type RetentionSystemSummary } from './privacy.ts';
import * as repository from './retention.repository.ts';

export type RetentionService = ReturnType<typeof createRetentionService>;

export const retentionJobKind = 'privacy.retention';
const batchSize = 1000;

/** The next 02:00 UTC after `now`: the rules run nightly, when the council's systems are quiet. */
export function nextRetentionRun(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 2));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

// Storage limitation (UK GDPR Article 5(1)(e)): each source system's records are kept so many years after they were
// last sent or after the system stopped holding them, then erased as an erasure request would, record by record.
// Never early (retentionCutoff), never a record of a resident under a legal hold, and every run kept with its counts.
export function createRetentionService({ db, audit, clock, linking }: { db: Db; audit: Pick<AuditService, 'record' | 'recordMany'>; clock: Clock; linking: Pick<LinkingService, 'refreshPersons'> }) {
  async function setRule(actor: AnyActor, input: RetentionRuleInput): Promise<RetentionRule> {
    authorize(actor, 'privacy.manage');
    const parsed = retentionRuleSchema.safeParse(input);
    if (!parsed.success) throw new ValidationFailed(parsed.error.issues[0]?.message ?? 'Check the rule.', Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'form'), issue.message])));
    const { systemCode, years, basis } = parsed.data;
    await withTransaction(db, async (tx) => {
      const system = await tx.selectFrom('source_system').select('id').where('code', '=', systemCode).executeTakeFirst();
      if (!system) throw new NotFound(`There is no source system ${systemCode}.`);
      await repository.saveRule(tx, { systemId: system.id, years, basis, setBy: actorLabel(actor), setAt: clock.now() });
      await audit.record(tx, { ...auditActorOf(actor), action: 'privacy.retention_rule', subject: `system:${systemCode}`, details: { years, basis } });
    });
    const rule = (await repository.findRules(db)).find((item) => item.systemCode === systemCode);
    if (!rule) throw new NotFound(`There is no source system ${systemCode}.`);
    return rule;
  }

  async function rules(actor: AnyActor): Promise<RetentionRule[]> {
    authorize(actor, 'privacy.manage');
    return repository.findRules(db);
  }

  /** Applies every rule (or, as a dry run, counts what it would do), a batch of records per transaction. */
  async function run(actor: AnyActor, options: { dryRun: boolean }): Promise<RetentionSummary> {
    authorize(actor, 'privacy.manage');
    const now = clock.now();
    const runId = await repository.startRun(db, { dryRun: options.dryRun, actor: actorLabel(actor), at: now });
    const systems: RetentionSystemSummary[] = [];
    const totals = { personsErased: 0, personsRefreshed: 0 };
    for (const rule of await repository.findRules(db)) {
      const cutoff = retentionCutoff(now, rule.years);
      const summary: RetentionSystemSummary = { systemCode: rule.systemCode, years: rule.years, basis: rule.basis, cutoff: cutoff.toISOString(), due: 0, erased: 0, held: 0 };
      for (let afterId = 0; ;) {
        const batch = await withTransaction(db, async (tx) => {
          await applyScope(tx, { kind: 'all' });
          const due = await repository.dueRecords(tx, rule.systemId, rule.basis, cutoff, afterId, batchSize);
          summary.due += due.length;
          summary.held += due.filter((record) => record.held).length;
          if (!options.dryRun) await eraseDue(tx, actor, rule, runId, due.filter((record) => !record.held), summary, totals);
          return due;
        });
        afterId = batch.at(-1)?.recordId ?? afterId;
        if (batch.length < batchSize) break;
      }
      systems.push(summary);
    }
    const result = { systems, ...totals };
    await withTransaction(db, async (tx) => {
      await repository.finishRun(tx, runId, result, clock.now());
      await audit.record(tx, {
        ...auditActorOf(actor), action: 'privacy.retention_run', subject: `retention_run:${runId}`,
        details: { dryRun: options.dryRun, due: systems.reduce((sum, item) => sum + item.due, 0), erased: systems.reduce((sum, item) => sum + item.erased, 0), held: systems.reduce((sum, item) => sum + item.held, 0), ...totals },
      });
    });
    return { runId, dryRun: options.dryRun, at: now, ...result };
  }

  async function eraseDue(tx: Tx, actor: AnyActor, rule: RetentionRule, runId: number, due: readonly repository.DueRecord[], summary: RetentionSystemSummary, totals: { personsErased: number; personsRefreshed: number }): Promise<void> {
    if (due.length === 0) return;
    const now = clock.now();
    const scrubbed = await erasure.scrubRecords(tx, due.map((record) => record.recordId), now);
    summary.erased += scrubbed.records;
    const persons = [...new Set(due.flatMap((record) => (record.personId === null ? [] : [record.personId])))];
    const nothingLeft = new Set(await repository.personsWithNothingLeft(tx, persons));
    await erasure.blankPersons(tx, [...nothingLeft], now);
    // Those with other records keep a golden record, recomputed from what is left.
    const refreshed = persons.filter((id) => !nothingLeft.has(id));
    await linking.refreshPersons(tx, refreshed);
    totals.personsErased += nothingLeft.size;
    totals.personsRefreshed += refreshed.length;
    const reason = `Retention rule: ${rule.systemName} records are kept ${rule.years} years ${retentionBasisLabels[rule.basis]}`;
    await audit.recordMany(tx, persons.map((personId) => ({
      ...auditActorOf(actor), action: 'privacy.erase' as const, personId, subject: `retention_run:${runId}`, reason,
      details: { sourceRecordIds: due.filter((record) => record.personId === personId).map((record) => record.recordId), wholeResident: nothingLeft.has(personId) },
    })));
  }

  async function runs(actor: AnyActor, limit = 20): Promise<repository.RetentionRunRow[]> {
    authorize(actor, 'privacy.manage');
    return repository.recentRuns(db, limit);
  }

  /** Queues the next nightly run, unless one is already waiting or running. */
  async function scheduleRetention(): Promise<number> {
    return withTransaction(db, async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtext('onestop.retention.queue'))`.execute(tx);
      const pending = await tx.selectFrom('job').select('id').where('kind', '=', retentionJobKind).where('status', 'in', ['queued', 'running']).executeTakeFirst();
      return pending?.id ?? enqueue(tx, retentionJobKind, {}, nextRetentionRun(clock.now()));
    });
  }

  /** The job's half: applies the rules as the council, then queues tomorrow's run. */
  async function runRetentionJob(): Promise<RetentionSummary> {
    const actor: SystemActor = { kind: 'system', name: 'retention', door: 'job' };
    const summary = await run(actor, { dryRun: false });
    await withTransaction(db, (tx) => enqueue(tx, retentionJobKind, {}, nextRetentionRun(clock.now())));
    return summary;
  }

  async function findRun(actor: AnyActor, id: number): Promise<repository.RetentionRunRow> {
    authorize(actor, 'privacy.manage');
    const found = (await repository.recentRuns(db, 200)).find((item) => item.id === id);
    if (!found) throw new NotFound(`There is no retention run ${id}.`);
    return found;
  }

  return { setRule, rules, run, runs, findRun, scheduleRetention, runRetentionJob };
}
